/**
 * Tools of the server itself (estimate_cost, wait_for_job, download_video, spending_report):
 * same descriptor as catalogue entries, with a handler instead of an endpoint.
 */
import type { CallToolResult, InputRequiredResult, ServerContext } from '@modelcontextprotocol/server';
import type * as z from 'zod/v4';
import type { ToolDescriptor } from '../catalogue/define.js';
import type { AppDeps } from '../deps.js';

/** What a handler may ask of the MCP server it runs in, without holding the raw SDK object. */
export interface ServerHost {
  /** Notifies subscribers that a resource changed (where the protocol era has subscriptions). */
  resourceUpdated(uri: string): Promise<void>;
  resourceListChanged(): void;
  /** The catalogue and own tools registered on this server, after filters. */
  readonly tools: readonly ToolDescriptor[];
}

export interface OwnTool<S extends z.ZodObject = z.ZodObject> extends ToolDescriptor<S> {
  handler(
    args: z.output<S>,
    ctx: ServerContext,
    deps: AppDeps,
    host: ServerHost,
  ): Promise<CallToolResult | InputRequiredResult>;
}

export function defineOwnTool<S extends z.ZodObject>(tool: OwnTool<S>): OwnTool {
  return tool as unknown as OwnTool;
}
