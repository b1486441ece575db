export interface RateLimitConfig {
  /** Calls per corp per API per minute (DW 90454: 10,000). */
  perMinute: number;
  /** Calls per corp per API per hour (DW 90454: 150,000). */
  perHour: number;
}

interface Counter {
  minute: number;
  minuteCount: number;
  hour: number;
  hourCount: number;
  blockedUntil: number;
}

/**
 * Fixed-window frequency limit per API path. When a window is exceeded the API is blocked
 * for the rest of that window (DW 90454: 分钟级别的限制，则在中频率后的1分钟后自动解除).
 */
export class RateLimiter {
  private readonly counters = new Map<string, Counter>();
  /** Windows are anchored at start/reset so a test that lowers the limit sees whole windows. */
  private anchor: number;

  constructor(
    public config: RateLimitConfig,
    private readonly nowMs: () => number,
  ) {
    this.anchor = nowMs();
  }

  /** Counts a call; false when the call is over the limit. */
  hit(api: string): boolean {
    const now = this.nowMs() - this.anchor;
    const minute = Math.floor(now / 60000);
    const hour = Math.floor(now / 3600000);
    let c = this.counters.get(api);
    if (!c) {
      c = { minute, minuteCount: 0, hour, hourCount: 0, blockedUntil: 0 };
      this.counters.set(api, c);
    }
    if (c.minute !== minute) {
      c.minute = minute;
      c.minuteCount = 0;
    }
    if (c.hour !== hour) {
      c.hour = hour;
      c.hourCount = 0;
    }
    if (now < c.blockedUntil) return false;
    c.minuteCount++;
    c.hourCount++;
    if (c.minuteCount > this.config.perMinute) {
      c.blockedUntil = (minute + 1) * 60000;
      return false;
    }
    if (c.hourCount > this.config.perHour) {
      c.blockedUntil = (hour + 1) * 3600000;
      return false;
    }
    return true;
  }

  setConfig(config: RateLimitConfig): void {
    this.config = config;
    this.reset();
  }

  reset(): void {
    this.counters.clear();
    this.anchor = this.nowMs();
  }
}
