/**
 * Records what a paid request's answer meant in the store, after the request left. Unlike a claim,
 * this write cannot be refused into "nothing was sent": the request is out, and the agent must get
 * its result (the job id) whatever the store does. So when the store cannot take the outcome (the
 * database went away mid-call), the outcome is kept here, answered from here to this process's
 * replays, and written again with backoff until the store takes it. Until then other instances see
 * the claim as pending, so they never send it again.
 */
import type { Logger } from '../log.js';
import type { LedgerRecord } from '../store/ledger-record.js';
import type { MoneyStore, OutcomeUpdate } from '../store/money-store.js';
import { definedFields } from '../store/store-rules.js';

const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 30_000;

export class OutcomeRecorder {
  /** Outcomes the store has not taken yet, by ledger id. */
  private readonly waiting = new Map<string, { record: LedgerRecord; update: OutcomeUpdate }>();

  constructor(
    private readonly store: MoneyStore,
    private readonly logger: Logger,
  ) {}

  /** Records the outcome of `claimed`; never throws. Returns the record as it now stands. */
  async record(claimed: LedgerRecord, update: OutcomeUpdate): Promise<LedgerRecord> {
    const record: LedgerRecord = { ...claimed, ...definedFields(update) };
    try {
      return await this.store.finish(claimed.id, update);
    } catch (err) {
      this.logger.warn(
        `ledger: could not record the outcome '${update.outcome}' of ${claimed.id} (${(err as Error).message}); kept in this process and retried`,
      );
      this.waiting.set(claimed.id, { record, update });
      this.retry(claimed.id, FIRST_RETRY_MS);
      return record;
    }
  }

  /** A settled record the store has not taken yet. */
  get(id: string): LedgerRecord | undefined {
    return this.waiting.get(id)?.record;
  }

  private retry(id: string, delayMs: number): void {
    const timer = setTimeout(async () => {
      const entry = this.waiting.get(id);
      if (!entry) return;
      try {
        await this.store.finish(id, entry.update);
        this.waiting.delete(id);
        this.logger.info(`ledger: recorded the outcome '${entry.update.outcome}' of ${id}`);
      } catch {
        this.retry(id, Math.min(MAX_RETRY_MS, delayMs * 2));
      }
    }, delayMs);
    // A process that exits with outcomes unrecorded leaves their claims pending: never sent again.
    timer.unref();
  }
}
