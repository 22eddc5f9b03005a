/**
 * The tools' implementations behind the registered surface (tool-surface/registry.ts): loaded on the
 * first call, so start-up builds none of their zod schemas. Every call goes through here, so the
 * cross-cutting rules (input checked against the published schema, cost guard for anything that may
 * charge, error formatting, redaction) cannot be bypassed by a tool.
 */
import {
  type CallToolResult,
  type InputRequiredResult,
  isInputRequiredResult,
  type McpServer,
  type RequestId,
  type ServerContext,
} from '@modelcontextprotocol/server';
import { withViewMeta } from '../apps/result-meta.js';
import { rendersViews } from '../apps/ui-extension.js';
import { callerOf } from '../caller.js';
import { billingOf, type CatalogueEntry, type ToolDescriptor } from '../catalogue/define.js';
import { clientCapabilitiesOf } from '../client-capabilities.js';
import type { AppDeps } from '../deps.js';
import { toToolResult } from '../errors.js';
import type { UpstreamResponse } from '../http/client.js';
import { requireCallable } from '../provider-access.js';
import type { OwnTool, ServerHost } from '../tools/define.js';
import { allTools, isCatalogueEntry } from './all-tools.js';
import { type CheckedInput, checkInput } from './check-input.js';
import { executeEntry } from './execute.js';
import { CONFIRMATION_TOKEN_FIELD, IDEMPOTENCY_KEY_FIELD, registeredInput } from './registered-input.js';
import { successResult } from './result.js';
import type { ToolManifestEntry } from './tool-manifest.js';

const byName = new Map<string, ToolDescriptor>(allTools.map((t) => [t.name, t]));

function toolNamed(name: string): ToolDescriptor {
  const tool = byName.get(name);
  if (!tool) throw new Error(`no implementation for the tool '${name}'`); // the manifest is built from these
  return tool;
}

/** What a call runs in: the server it arrived on and the tools registered there. */
export interface CallContext {
  server: McpServer;
  deps: AppDeps;
  host: Omit<ServerHost, 'tools'>;
  registered: ReadonlySet<string>;
  /** Top-level keys the SDK dropped from this request's arguments before the call (dropped-keys.ts). */
  droppedKeys(id: RequestId): string[];
}

export async function callTool(
  published: ToolManifestEntry,
  raw: Record<string, unknown>,
  ctx: ServerContext,
  call: CallContext,
): Promise<CallToolResult | InputRequiredResult> {
  const result = await run(published, raw, ctx, call);
  return published.view &&
    !isInputRequiredResult(result) &&
    rendersViews(clientCapabilitiesOf(ctx, call.server))
    ? await withViewMeta(published.name, result, call, callerOf(ctx, call.deps.config))
    : result;
}

async function run(
  published: ToolManifestEntry,
  raw: Record<string, unknown>,
  ctx: ServerContext,
  call: CallContext,
): Promise<CallToolResult | InputRequiredResult> {
  const tool = toolNamed(published.name);
  try {
    // The published schema for the keys, the tool's full zod schema for the values.
    const checked = checkInput(
      registeredInput(tool),
      published.inputSchema,
      raw,
      call.droppedKeys(ctx.mcpReq.id),
    );
    if (isCatalogueEntry(tool)) return await callEntry(tool, checked, ctx, call);
    const host: ServerHost = { ...call.host, tools: allTools.filter((t) => call.registered.has(t.name)) };
    return await (tool as OwnTool).handler(checked.args as never, ctx, call.deps, host);
  } catch (err) {
    return toToolResult(err);
  }
}

async function callEntry(
  entry: CatalogueEntry,
  { args: input, unchecked }: CheckedInput,
  ctx: ServerContext,
  { server, deps }: CallContext,
): Promise<CallToolResult | InputRequiredResult> {
  // A provider that cannot be called is refused before anything is checked, quoted or asked.
  if (entry.auth) requireCallable(deps.config, entry.provider);
  const { [CONFIRMATION_TOKEN_FIELD]: token, [IDEMPOTENCY_KEY_FIELD]: key, ...args } = input;
  const signal = ctx.mcpReq.signal;
  await entry.precheck?.(args as never, deps, signal);
  const send = () => executeEntry(entry, args, deps, signal);
  const format = (res: UpstreamResponse) => successResult(entry, args, res, deps, unchecked);
  if (billingOf(entry, args) === 'free') return format(await send());
  return await deps.guard.run({
    entry,
    args,
    confirmationToken: typeof token === 'string' ? token : undefined,
    idempotencyKey: typeof key === 'string' ? key : undefined,
    caller: callerOf(ctx, deps.config),
    ctx,
    clientCapabilities: clientCapabilitiesOf(ctx, server),
    send,
    format,
  });
}
