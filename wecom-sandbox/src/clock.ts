/**
 * The sandbox's two clocks.
 *
 * - The **business clock** (`now`, `nowMs`) is real time plus an offset that the control API
 *   advances (`POST /sandbox/clock/advance`), so that what takes WeCom hours or days (a transfer's
 *   24 h, a welcome code's 20 s, a moment job) completes at once. Event `CreateTime`s and the
 *   timestamps inside API answers follow it.
 * - The **transport clock** (`transportNow`) is always the real time. It stamps what a receiver
 *   checks against its own clock: the `timestamp` signed into every callback delivery and URL
 *   verification (a receiver refuses a timestamp far from its clock as a replay), so advancing the
 *   business clock never makes callbacks look stale.
 */
export class SandboxClock {
  private offsetMs = 0;

  /** Business time, ms. */
  nowMs(): number {
    return Date.now() + this.offsetMs;
  }

  /** Business time in Unix seconds, as WeCom returns them. */
  now(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  /** Transport time in Unix seconds: the real time, never advanced. */
  transportNow(): number {
    return Math.floor(Date.now() / 1000);
  }

  advance(seconds: number): void {
    this.offsetMs += Math.round(seconds * 1000);
  }

  get offsetSeconds(): number {
    return this.offsetMs / 1000;
  }

  reset(): void {
    this.offsetMs = 0;
  }
}
