/**
 * Registers the catalogue and the server's own tools on an MCP server. This is the only code that
 * calls registerTool, so the cross-cutting rules (cost guard for anything that may charge, error
 * formatting, redaction) cannot be bypassed by a tool.
 */
import {
  type CallToolResult,
  CLIENT_CAPABILITIES_META_KEY,
  type ClientCapabilities,
  type McpServer,
} from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { toToolResult } from '../errors.js';
import type { OwnTool, ServerHost } from '../tools/define.js';
import { billingOf, type CatalogueEntry, mayCharge, type ToolDescriptor } from './define.js';
import { executeEntry } from './execute.js';
import { publishedAnnotations, publishedSchema } from './published-schema.js';
import { successResult } from './result.js';

export const CONFIRMATION_TOKEN_FIELD = 'confirmation_token';

const confirmationToken = z
  .string()
  .max(2000)
  .optional()
  .describe('From estimate_cost, after the person approved the quote.');

/** The input schema a tool is registered with: paid tools also take a confirmation token. */
export function registeredInput(tool: ToolDescriptor): z.ZodObject {
  return mayCharge(tool)
    ? tool.input.safeExtend({ [CONFIRMATION_TOKEN_FIELD]: confirmationToken })
    : tool.input;
}

/** The billing class, for clients that show what a call may cost ('varies' when args decide). */
function meta(tool: ToolDescriptor): Record<string, unknown> {
  return { 'videogen/billing': typeof tool.billing === 'function' ? 'varies' : tool.billing };
}

export function registerCatalogueEntry(server: McpServer, entry: CatalogueEntry, deps: AppDeps): void {
  server.registerTool(
    entry.name,
    {
      title: entry.title,
      description: entry.description,
      inputSchema: publishedSchema(registeredInput(entry)),
      annotations: publishedAnnotations(entry.annotations),
      _meta: meta(entry),
    },
    async (input: Record<string, unknown>, ctx) => {
      const { [CONFIRMATION_TOKEN_FIELD]: token, ...args } = input;
      const signal = ctx.mcpReq.signal;
      try {
        await entry.precheck?.(args as never, deps, signal);
        const send = async (): Promise<CallToolResult> =>
          successResult(entry, args, await executeEntry(entry, args, deps, signal), deps);
        if (billingOf(entry, args) === 'free') return await send();
        return await deps.guard.run({
          entry,
          args,
          confirmationToken: typeof token === 'string' ? token : undefined,
          ctx,
          // 2026 era: per request in the envelope; 2025 era: declared at initialize.
          clientCapabilities:
            ((ctx.mcpReq.envelope as Record<string, unknown> | undefined)?.[CLIENT_CAPABILITIES_META_KEY] as
              | ClientCapabilities
              | undefined) ?? server.server.getClientCapabilities(),
          send,
        });
      } catch (err) {
        return toToolResult(err);
      }
    },
  );
}

export function registerOwnTool(server: McpServer, tool: OwnTool, deps: AppDeps, host: ServerHost): void {
  server.registerTool(
    tool.name,
    {
      title: tool.title,
      description: tool.description,
      inputSchema: publishedSchema(tool.input),
      annotations: publishedAnnotations(tool.annotations),
      _meta: meta(tool),
    },
    async (args: Record<string, unknown>, ctx) => {
      try {
        return await tool.handler(args as never, ctx, deps, host);
      } catch (err) {
        return toToolResult(err);
      }
    },
  );
}
