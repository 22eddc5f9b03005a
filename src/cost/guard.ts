/**
 * The seam through which every call that may charge passes before anything is sent upstream.
 * The registry calls it for each catalogue tool whose billing class is not free; the cost module
 * implements the rules (quotes, confirmation tokens, elicitation, budgets, ledger, replay).
 */
import type { CallToolResult, InputRequiredResult, ServerContext } from '@modelcontextprotocol/server';
import type { CatalogueEntry } from '../catalogue/define.js';

export interface GuardedCall {
  entry: CatalogueEntry;
  /** Validated arguments, without confirmation_token. */
  args: Record<string, unknown>;
  confirmationToken?: string;
  ctx: ServerContext;
  /** Performs the upstream request and formats its result. Called at most once. */
  send(): Promise<CallToolResult>;
}

export interface ChargeGuard {
  run(call: GuardedCall): Promise<CallToolResult | InputRequiredResult>;
}
