/**
 * The tools' implementations behind the registered surface (catalogue/registry.ts): loaded on the
 * first validation or call, so start-up builds none of their zod schemas. Every call goes through
 * here, so the cross-cutting rules (cost guard for anything that may charge, error formatting,
 * redaction) cannot be bypassed by a tool.
 */
import {
  type CallToolResult,
  type InputRequiredResult,
  isInputRequiredResult,
  type McpServer,
  type ServerContext,
} from '@modelcontextprotocol/server';
import type * as z from 'zod/v4';
import { withViewMeta } from '../apps/result-meta.js';
import { rendersViews } from '../apps/ui-extension.js';
import { clientCapabilitiesOf } from '../client-capabilities.js';
import type { AppDeps } from '../deps.js';
import { toToolResult } from '../errors.js';
import type { UpstreamResponse } from '../http/client.js';
import type { OwnTool, ServerHost } from '../tools/define.js';
import { allTools, isCatalogueEntry } from './all-tools.js';
import { billingOf, type CatalogueEntry, type ToolDescriptor } from './define.js';
import { executeEntry } from './execute.js';
import { CONFIRMATION_TOKEN_FIELD, registeredInput } from './registered-input.js';
import { successResult } from './result.js';

const byName = new Map<string, ToolDescriptor>(allTools.map((t) => [t.name, t]));
const inputs = new Map<string, z.ZodObject>();

function toolNamed(name: string): ToolDescriptor {
  const tool = byName.get(name);
  if (!tool) throw new Error(`no implementation for the tool '${name}'`); // the manifest is built from these
  return tool;
}

/** Validates a call's arguments with the tool's full zod schema (refinements, cross-field rules). */
export function validateToolInput(name: string, value: unknown) {
  let input = inputs.get(name);
  if (!input) {
    input = registeredInput(toolNamed(name));
    inputs.set(name, input);
  }
  return input['~standard'].validate(value);
}

/** What a call runs in: the server it arrived on and the tools registered there. */
export interface CallContext {
  server: McpServer;
  deps: AppDeps;
  host: Omit<ServerHost, 'tools'>;
  registered: ReadonlySet<string>;
}

export async function callTool(
  name: string,
  input: Record<string, unknown>,
  ctx: ServerContext,
  call: CallContext,
): Promise<CallToolResult | InputRequiredResult> {
  const result = await run(name, input, ctx, call);
  const hasView = call.deps.toolManifest.some((t) => t.name === name && t.view);
  return hasView && !isInputRequiredResult(result) && rendersViews(clientCapabilitiesOf(ctx, call.server))
    ? withViewMeta(name, result, call)
    : result;
}

async function run(
  name: string,
  input: Record<string, unknown>,
  ctx: ServerContext,
  call: CallContext,
): Promise<CallToolResult | InputRequiredResult> {
  const tool = toolNamed(name);
  try {
    if (isCatalogueEntry(tool)) return await callEntry(tool, input, ctx, call);
    const host: ServerHost = { ...call.host, tools: allTools.filter((t) => call.registered.has(t.name)) };
    return await (tool as OwnTool).handler(input as never, ctx, call.deps, host);
  } catch (err) {
    return toToolResult(err);
  }
}

async function callEntry(
  entry: CatalogueEntry,
  input: Record<string, unknown>,
  ctx: ServerContext,
  { server, deps }: CallContext,
): Promise<CallToolResult | InputRequiredResult> {
  const { [CONFIRMATION_TOKEN_FIELD]: token, ...args } = input;
  const signal = ctx.mcpReq.signal;
  await entry.precheck?.(args as never, deps, signal);
  const send = () => executeEntry(entry, args, deps, signal);
  const format = (res: UpstreamResponse) => successResult(entry, args, res, deps);
  if (billingOf(entry, args) === 'free') return format(await send());
  return await deps.guard.run({
    entry,
    args,
    confirmationToken: typeof token === 'string' ? token : undefined,
    ctx,
    clientCapabilities: clientCapabilitiesOf(ctx, server),
    send,
    format,
  });
}
