/**
 * Progress notifications with a value that strictly increases, as the protocol requires, even when
 * the provider reports the same stage twice or no percentage at all.
 */
import type { ServerContext } from '@modelcontextprotocol/server';

export const PROGRESS_TOTAL = 100;
/** Below the total until the job is done, so a client never shows 100% for a pending job. */
const CEILING = 99;

export class ProgressReporter {
  private last = -1;

  constructor(private readonly ctx: ServerContext) {}

  private get token() {
    return this.ctx.mcpReq._meta?.progressToken;
  }

  /** The next value to report for an estimate in 0..100 (undefined: no estimate). */
  next(percent: number | undefined, done = false): number {
    const wanted = done ? PROGRESS_TOTAL : Math.min(CEILING, Math.max(0, percent ?? 0));
    // No movement: creep a little towards the total, which it never reaches.
    this.last = wanted > this.last ? wanted : this.last + (PROGRESS_TOTAL - this.last) * 0.02;
    return this.last;
  }

  /** Sends one notification when the client gave a progress token; never throws. */
  async report(percent: number | undefined, message: string, done = false): Promise<void> {
    const progressToken = this.token;
    if (progressToken === undefined) return;
    const progress = this.next(percent, done);
    try {
      await this.ctx.mcpReq.notify({
        method: 'notifications/progress',
        params: { progressToken, progress, total: PROGRESS_TOTAL, message },
      });
    } catch {
      // the client went away: the poll loop notices through the abort signal
    }
  }
}
