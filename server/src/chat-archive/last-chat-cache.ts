/**
 * What this worker knows each customer's `last_chat_at` to be at least (it wrote it, and the
 * column only moves forward), so that a pass writes a customer's last chat only when it moved by
 * a step (a minute) or more: an active conversation's every message would otherwise rewrite the
 * customer's row and its index entry. The column is then at most a step behind the newest
 * message, which is what "last chat before/after a date" and the list's minute need.
 *
 * Told only after a commit (`remember`): a batch that rolled back and runs again writes again.
 * Another worker's cache is its own lower bound of the same column, so two workers never keep a
 * write out wrongly. Bounded: the least recently written customers are forgotten first.
 */
export class LastChatCache {
  private readonly known = new Map<string, number>();

  constructor(
    readonly stepMs = 60_000,
    private readonly maxEntries = 200_000,
  ) {}

  /** The customers (→ newest message ms) whose last chat is to be written. */
  due(corpId: string, lastMs: Map<string, number>): Map<string, number> {
    const out = new Map<string, number>();
    for (const [customer, ms] of lastMs) {
      const known = this.known.get(`${corpId}\u0000${customer}`);
      if (known === undefined || ms >= known + this.stepMs) out.set(customer, ms);
    }
    return out;
  }

  /** These were written and committed (the column is at least this now). */
  remember(corpId: string, written: Map<string, number>): void {
    for (const [customer, ms] of written) {
      const key = `${corpId}\u0000${customer}`;
      const known = this.known.get(key);
      this.known.delete(key); // re-inserted last: the map's order is the order of writes
      this.known.set(key, Math.max(known ?? ms, ms));
    }
    if (this.known.size > this.maxEntries) {
      let drop = this.known.size - this.maxEntries;
      for (const key of this.known.keys()) {
        if (drop-- <= 0) break;
        this.known.delete(key);
      }
    }
  }
}
