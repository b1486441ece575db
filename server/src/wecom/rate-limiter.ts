import { Inject, Injectable, Logger } from '@nestjs/common';
import type { RedisClient } from '../redis/redis-client';
import { REDIS_CLIENT } from '../redis/redis.constants';
import { WECOM_MODULE_OPTIONS, WecomModuleOptions } from './wecom.options';

/** One fixed window: at most `limit` calls per `ms`. */
export interface RateWindow {
  ms: number;
  limit: number;
}

/** Where window counters live (Redis in the app, a Map in unit tests). */
export interface RateCounterStore {
  /**
   * Atomically: when every key's count is below its limit, increment all of them (setting the
   * key's TTL on first use) and return 0; otherwise change nothing and return the 1-based index
   * of the first full window.
   */
  take(keys: string[], limits: number[], ttlsMs: number[]): Promise<number>;
}

/** The fixed window `now` falls in: its index and the ms until the next one starts. */
export function windowAt(now: number, windowMs: number): { index: number; msUntilNext: number } {
  const index = Math.floor(now / windowMs);
  return { index, msUntilNext: (index + 1) * windowMs - now };
}

const TAKE_SCRIPT = `
for i = 1, #KEYS do
  local count = tonumber(redis.call('GET', KEYS[i]) or '0')
  if count >= tonumber(ARGV[i * 2 - 1]) then return i end
end
for i = 1, #KEYS do
  if redis.call('INCR', KEYS[i]) == 1 then redis.call('PEXPIRE', KEYS[i], ARGV[i * 2]) end
end
return 0`;

export class RedisRateCounterStore implements RateCounterStore {
  constructor(private readonly redis: RedisClient) {}

  async take(keys: string[], limits: number[], ttlsMs: number[]): Promise<number> {
    const args = limits.flatMap((limit, i) => [limit, ttlsMs[i]]);
    return Number(await this.redis.eval(TAKE_SCRIPT, keys.length, ...keys, ...args));
  }
}

/**
 * Keeps this server's calls under WeCom's frequency limits (DW 90454: per corp, per API,
 * 10,000/min and 150,000/h) with fixed windows per corp and API path shared in Redis by every
 * process. When a window is full the caller waits for the next window instead of failing.
 */
export class WindowRateLimiter {
  constructor(
    private readonly store: RateCounterStore,
    private readonly windows: RateWindow[],
    private readonly keyPrefix: string,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) =>
      new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  /** Resolves once a call to `path` for `corpId` fits in every window; returns the ms waited. */
  async acquire(corpId: string, path: string): Promise<number> {
    let waited = 0;
    for (;;) {
      const now = this.now();
      const slots = this.windows.map((w) => ({ w, at: windowAt(now, w.ms) }));
      // one script takes every window at once: on Redis Cluster its keys must share a hash
      // slot, hence the hash tag of the corp and path (`{corp:path}`)
      const keys = slots.map(
        ({ w, at }) => `${this.keyPrefix}{${corpId}:${path}}:${w.ms}:${at.index}`,
      );
      const full = await this.store.take(
        keys,
        slots.map(({ w }) => w.limit),
        // keep each counter a little past its window so clock skew between processes is harmless
        slots.map(({ w }) => w.ms + 5000),
      );
      if (full === 0) return waited;
      // wait for the full window to roll over (+ a little jitter so waiters do not all burst)
      const delay = slots[full - 1].at.msUntilNext + Math.floor(Math.random() * 50);
      waited += delay;
      await this.sleep(delay);
    }
  }
}

/** The module's limiter: windows and limits from the module options, counters in Redis. */
@Injectable()
export class WecomRateLimiter extends WindowRateLimiter {
  private readonly logger = new Logger(WecomRateLimiter.name);

  constructor(
    @Inject(REDIS_CLIENT) redis: RedisClient,
    @Inject(WECOM_MODULE_OPTIONS) options: WecomModuleOptions,
  ) {
    super(
      new RedisRateCounterStore(redis),
      [
        { ms: 60_000, limit: options.rateLimit.perMinute },
        { ms: 3_600_000, limit: options.rateLimit.perHour },
      ],
      `${options.redisKeyPrefix}rate:`,
    );
  }

  override async acquire(corpId: string, path: string): Promise<number> {
    const waited = await super.acquire(corpId, path);
    if (waited > 0)
      this.logger.warn(`rate window full for ${path} corp=${corpId}: waited ${waited} ms`);
    return waited;
  }
}
