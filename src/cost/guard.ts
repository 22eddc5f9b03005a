/**
 * The seam through which every call that may charge passes before anything is sent upstream.
 * The registry calls it for each catalogue tool whose billing class is not free; the cost module
 * implements the rules (quotes, confirmation tokens, elicitation, budgets, ledger, replay).
 */
import type {
  CallToolResult,
  ClientCapabilities,
  InputRequiredResult,
  ServerContext,
} from '@modelcontextprotocol/server';
import type { CatalogueEntry } from '../catalogue/define.js';
import type { UpstreamResponse } from '../http/client.js';
import type { Ledger } from './ledger.js';

export interface GuardedCall {
  entry: CatalogueEntry;
  /** Validated arguments, without confirmation_token. */
  args: Record<string, unknown>;
  confirmationToken?: string;
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
}

export interface ChargeGuard {
  run(call: GuardedCall): Promise<CallToolResult | InputRequiredResult>;
  /** The quote and a confirmation token for exactly these arguments, or an indicative quote (estimate_cost). */
  estimate(
    entry: CatalogueEntry,
    args: Record<string, unknown>,
    options?: EstimateOptions,
  ): Promise<Record<string, unknown>>;
  /** The spend ledger (spending_report). */
  readonly ledger: Ledger;
}
