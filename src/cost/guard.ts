/**
 * The seam through which every call that may charge passes before anything is sent upstream.
 * The registry calls it for each catalogue tool whose billing class is not free; the cost module
 * implements the rules (quotes, confirmation tokens, elicitation, idempotency keys, budgets, ledger,
 * replay) on the money store (deps.store).
 */
import type {
  CallToolResult,
  ClientCapabilities,
  InputRequiredResult,
  ServerContext,
} from '@modelcontextprotocol/server';
import type { Caller } from '../caller.js';
import type { CatalogueEntry } from '../catalogue/define.js';
import type { UpstreamResponse } from '../http/client.js';

export interface GuardedCall {
  entry: CatalogueEntry;
  /** Validated arguments, without confirmation_token and idempotency_key. */
  args: Record<string, unknown>;
  confirmationToken?: string;
  /** The client's key for this call: the same key and arguments answer with the first submission. */
  idempotencyKey?: string;
  /** Whose budgets, ledger rows and idempotency keys the call uses. */
  caller: Caller;
  ctx: ServerContext;
  /** What the client declared (per request on the 2026 era, at initialize on 2025). */
  clientCapabilities?: ClientCapabilities;
  /** Performs the upstream request. Called at most once. */
  send(): Promise<UpstreamResponse>;
  /** Turns the provider's answer into the tool result (after the provider accepted the request). */
  format(res: UpstreamResponse): CallToolResult;
}

export interface EstimateOptions {
  /** Source duration stated by the caller (translate, join). */
  durationSeconds?: number;
  signal?: AbortSignal;
  /** Required fields a price question left out: the quote is indicative and carries no token. */
  missingForCall?: string[];
  /** Whose budgets "would be refused now" looks at (default: the local user). */
  caller?: Caller;
}

export interface ChargeGuard {
  run(call: GuardedCall): Promise<CallToolResult | InputRequiredResult>;
  /** The quote and a confirmation token for exactly these arguments, or an indicative quote (estimate_cost). */
  estimate(
    entry: CatalogueEntry,
    args: Record<string, unknown>,
    options?: EstimateOptions,
  ): Promise<Record<string, unknown>>;
}
