/**
 * Progress notifications with a value that strictly increases, as the protocol requires, even when
 * the provider reports the same stage twice or no percentage at all; that never goes back for a job
 * across the calls that follow it (a resumed wait starts where the last one stopped); and whose last
 * notification reaches the client before the result does.
 */
import type { ServerContext } from '@modelcontextprotocol/server';

export const PROGRESS_TOTAL = 100;
/** Below the total until the job is done, so a client never shows 100% for a pending job. */
const CEILING = 99;
/** How long the client may take to answer the flush ping before the result goes anyway. */
const FLUSH_PING_TIMEOUT_MS = 2000;
/** Where no ping can be sent: a pause that lets the client read the notification first. */
const FLUSH_PAUSE_MS = 50;

/** A job's highest progress value sent so far, shared by every wait on the job in this process. */
export interface JobProgress {
  get(): number | undefined;
  raise(value: number): void;
}

export class ProgressReporter {
  /** The last value this call sent (its progress token's), -1 before the first. */
  private last = -1;

  constructor(
    private readonly ctx: ServerContext,
    private readonly job?: JobProgress,
  ) {}

  private get token() {
    return this.ctx.mcpReq._meta?.progressToken;
  }

  /**
   * The next value to send for an estimate in 0..100 (undefined: no estimate), or undefined when it
   * would not be higher than the last one sent (a job already reported done).
   */
  next(percent: number | undefined, done = false): number | undefined {
    const wanted = done ? PROGRESS_TOTAL : Math.min(CEILING, Math.max(0, percent ?? 0));
    // Never below what any wait on this job has sent, nor below this call's own last value.
    const floor = Math.max(this.last, this.job?.get() ?? -1);
    let value: number;
    if (wanted > floor) value = wanted;
    // A resumed wait opens exactly where the job was.
    else if (this.last < 0) value = floor;
    // No movement: creep a little towards the total, which it never reaches.
    else value = floor + (PROGRESS_TOTAL - floor) * 0.02;
    if (value <= this.last) return undefined;
    this.last = value;
    this.job?.raise(value);
    return value;
  }

  /** Sends one notification when the client gave a progress token; never throws. */
  async report(percent: number | undefined, message: string, done = false): Promise<void> {
    const progressToken = this.token;
    if (progressToken === undefined) return;
    const progress = this.next(percent, done);
    if (progress === undefined) return;
    try {
      await this.ctx.mcpReq.notify({
        method: 'notifications/progress',
        params: { progressToken, progress, total: PROGRESS_TOTAL, message },
      });
    } catch {
      // the client went away: the poll loop notices through the abort signal
    }
  }

  /**
   * Call before returning the result. Clients (both SDKs) hand a notification to its handler a tick
   * after reading it, but settle a response at once and forget its progress handler: a notification
   * read in the same chunk as the result is dropped. A ping sent after the last notification is
   * answered only once the client has handled what came before it, so the result follows after it.
   * Where the server cannot ping (the 2026 protocol) or no answer comes, a short pause instead.
   */
  async flush(): Promise<void> {
    if (this.last < 0) return;
    try {
      await this.ctx.mcpReq.send(
        { method: 'ping' },
        { timeout: FLUSH_PING_TIMEOUT_MS, signal: this.ctx.mcpReq.signal },
      );
    } catch {
      if (!this.ctx.mcpReq.signal.aborted) await new Promise((r) => setTimeout(r, FLUSH_PAUSE_MS));
    }
  }
}
