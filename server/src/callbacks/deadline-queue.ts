/** One wait registered with a DeadlineQueue. */
export interface DeadlineEntry {
  /** Set once the wait is over: the entry then expires silently. */
  done: boolean;
}

interface Entry extends DeadlineEntry {
  at: number;
  expire: () => void;
}

/**
 * Deadlines that are all the same length, so they expire in the order they were added: one FIFO
 * and one timer for all of them, instead of a timer (and its clearTimeout) per callback on the
 * hot path. The timer fires no more often than every `resolutionMs`; an expiry may come that much
 * late.
 */
export class DeadlineQueue {
  private entries: Entry[] = [];
  private head = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly ms: number,
    private readonly resolutionMs = 20,
  ) {}

  /** Calls `expire` after `ms` unless the entry is marked done first. */
  add(expire: () => void): DeadlineEntry {
    const entry: Entry = { at: Date.now() + this.ms, expire, done: false };
    this.entries.push(entry);
    this.arm();
    return entry;
  }

  /** Marks the entry done, and drops the finished entries at the front. */
  finish(entry: DeadlineEntry): void {
    entry.done = true;
    while (this.head < this.entries.length && this.entries[this.head].done) this.head += 1;
    this.compact();
  }

  private arm(): void {
    if (this.timer || this.head >= this.entries.length) return;
    const wait = Math.max(this.resolutionMs, this.entries[this.head].at - Date.now());
    this.timer = setTimeout(() => this.fire(), wait);
    this.timer.unref();
  }

  private fire(): void {
    this.timer = null;
    const now = Date.now();
    while (this.head < this.entries.length) {
      const entry = this.entries[this.head];
      if (!entry.done && entry.at > now) break;
      this.head += 1;
      if (!entry.done) {
        entry.done = true;
        entry.expire();
      }
    }
    this.compact();
    this.arm();
  }

  private compact(): void {
    if (this.head === this.entries.length) {
      this.entries = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
  }
}
