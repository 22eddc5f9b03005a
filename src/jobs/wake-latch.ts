/**
 * One job's wake-ups during a wait: set by a verified callback (any number of times), taken by the
 * poll loop once. A wake-up while the loop sleeps cuts the sleep short; one during a status check is
 * kept, so the loop checks again at once (that check may have read the status from before the end).
 */
export class WakeLatch {
  private woken = false;
  private ctl = new AbortController();

  wake(): void {
    this.woken = true;
    this.ctl.abort(new Error('woken'));
  }

  /** True once per run of wake-ups, and re-arms the latch. */
  take(): boolean {
    if (!this.woken) return false;
    this.woken = false;
    this.ctl = new AbortController();
    return true;
  }

  /** Aborted at the next wake-up (or already, when one is waiting to be taken). */
  get signal(): AbortSignal {
    return this.ctl.signal;
  }
}
