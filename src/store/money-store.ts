/**
 * The one interface in front of every piece of state that money depends on and that must outlive a
 * process: the spend ledger (claims, outcomes, replays), daily budgets, idempotency keys, the token
 * signing key, and small expiring values (webhook secrets, replay nonces). Two implementations: the
 * file store under VIDEOGEN_DATA_DIR (one machine, the embedded default) and the PostgreSQL store
 * (VIDEOGEN_DATABASE_URL, shared by every instance). Callers never know which; the same contract
 * tests run on both (test/contract/money-store.test.ts).
 *
 * Every method is async and rejects with StoreUnavailableError (code store_unavailable) when the
 * store cannot be reached: a caller about to spend must then refuse, never guess.
 */
import type { LedgerRecord, Outcome } from './ledger-record.js';

/** A claim as the caller writes it: always pending; `principal` defaults to 'local'. */
export type NewLedgerRecord = Omit<LedgerRecord, 'outcome' | 'principal'> & { principal?: string };

/** Limits checked and reserved in the same atomic step as the claim (credit-class claims only). */
export interface BudgetLimits {
  /** Credits all principals together may have counted on the claim's UTC day. */
  daily?: number;
  /** Credits the claim's principal may have counted on its UTC day. */
  dailyPerPrincipal?: number;
}

export type ClaimResult =
  | { ok: true; record: LedgerRecord }
  /**
   * The id is held by a submission that may have been (or is being) sent: never send it again.
   * `existing` is absent only while another process is between taking the claim and recording it.
   */
  | { ok: false; reason: 'claimed'; existing?: LedgerRecord }
  /** Nothing was claimed: the claim would take the day's counted credits past a limit. */
  | {
      ok: false;
      reason: 'over_daily_budget' | 'over_principal_budget';
      /** UTC day (YYYY-MM-DD) of the claim. */
      day: string;
      /** Credits already counted on that day (for the principal, for over_principal_budget). */
      spent: number;
      limit: number;
    };

/** What finishing a submission records; `rejected` and `not_sent` release the claim. */
export interface OutcomeUpdate {
  outcome: Exclude<Outcome, 'pending'>;
  charged?: number;
  remaining?: number;
  request_id?: string;
  error?: string;
  result?: LedgerRecord['result'];
}

export interface ListQuery {
  /** ISO time, inclusive. */
  since: string;
  /** ISO time, exclusive. */
  until?: string;
  principal?: string;
}

/** Identical submissions: same tool and argument hash, claimed at or after `since`. */
export interface TwinQuery {
  tool: string;
  argsHash: string;
  since: string;
  /** Default: the unsettled ones, ['pending', 'unknown']. */
  outcomes?: readonly Outcome[];
  principal?: string;
}

export interface DailySpend {
  day: string;
  /** Counted credits of every principal. */
  total: number;
  /** Counted credits of the asked principal. */
  principal: number;
}

export interface IdempotencyRequest {
  principal: string;
  /** The client's key (e.g. an Idempotency-Key header or a tool argument). */
  key: string;
  tool: string;
  argsHash: string;
  /** The ledger id the first use of the key submits under. */
  ledgerId: string;
  /** ISO time of this use. */
  time: string;
}

/** What a client's idempotency key is bound to: the submission of its first use. */
export interface IdempotencyBinding {
  tool: string;
  argsHash: string;
  ledgerId: string;
  /** ISO time of the first use. */
  time: string;
}

export type IdempotencyResult =
  /** First use: the key now belongs to `ledgerId`. */
  | { status: 'new' }
  /** The key was used before with the same arguments: answer with that submission (look it up by id). */
  | { status: 'same'; ledgerId: string; time: string }
  /** The key was used before with other arguments: refuse. */
  | { status: 'conflict'; tool: string; argsHash: string; time: string };

export interface ImportSummary {
  imported: number;
  /** Ids the store already held; the store keeps its own version of them. */
  present: number;
}

export interface MoneyStore {
  readonly kind: 'file' | 'postgres';
  /** Where the state lives, for people (a path, or host/database/schema; never a password). */
  readonly location: string;

  /**
   * Claims `record.id` for one submission, exactly once across every process sharing the store, and
   * in the same atomic step checks and reserves the budgets: a pending claim counts at its quote.
   * An id whose earlier submission was released (rejected/not_sent) may be claimed again.
   */
  claim(record: NewLedgerRecord, budgets?: BudgetLimits): Promise<ClaimResult>;
  /** Records the outcome of a claimed submission and returns the whole record. */
  finish(id: string, update: OutcomeUpdate): Promise<LedgerRecord>;
  get(id: string): Promise<LedgerRecord | undefined>;
  /** Records claimed in [since, until), oldest first (spending_report). */
  list(query: ListQuery): Promise<LedgerRecord[]>;
  /** Identical submissions, newest first ("an identical call may already have been charged"). */
  twins(query: TwinQuery): Promise<LedgerRecord[]>;
  /** Counted credits on a UTC day, in total and for one principal (a quote's "would be refused"). */
  dailySpend(day: string, principal: string): Promise<DailySpend>;

  /** Binds a client's idempotency key to one submission, atomically: first use, same args, or other args. */
  useIdempotencyKey(request: IdempotencyRequest): Promise<IdempotencyResult>;
  /** What the key is bound to, without binding it (a call looks before it decides to submit). */
  idempotencyKey(principal: string, key: string): Promise<IdempotencyBinding | undefined>;

  /**
   * The key confirmation tokens are signed with, created once per store, so every instance sharing
   * it agrees (VIDEOGEN_SECRET still wins: signingKeyFor in src/cost/secret.ts).
   */
  signingKey(): Promise<Buffer>;

  /** Stores a value under (namespace, key), replacing any; gone after `ttlMs` when given. */
  putValue(namespace: string, key: string, value: string, ttlMs?: number): Promise<void>;
  /** The live value, or undefined when absent or expired. */
  getValue(namespace: string, key: string): Promise<string | undefined>;
  deleteValue(namespace: string, key: string): Promise<void>;
  /**
   * True exactly once for (namespace, key) while its mark lives (`ttlMs`), across every process:
   * a callback's nonce, a webhook delivery id. After the mark expires the key is accepted again.
   */
  acceptOnce(namespace: string, key: string, ttlMs: number): Promise<boolean>;

  /** Adds records the store does not hold yet (by id); ids it holds are left as they are. */
  importRecords(records: readonly LedgerRecord[]): Promise<ImportSummary>;

  close(): Promise<void>;
}
