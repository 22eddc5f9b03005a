/**
 * The shape of a successful tool result: the upstream JSON under `result`, the credit headers,
 * the job to follow, the extra keys sent unchecked, a sandbox marker (only when the entry's
 * provider is sandboxed), and a one-line summary that says what to call next.
 */
import type { CallToolResult } from '@modelcontextprotocol/server';
import type { CatalogueEntry, JobKind } from '../catalogue/define.js';
import type { AppDeps } from '../deps.js';
import type { UpstreamResponse } from '../http/client.js';
import { isSandboxed } from '../provider-access.js';
import { redactValue } from '../redact.js';

/** The id a creation answer carries, in the documented field for each job kind. */
export function jobIdFrom(kind: JobKind, data: unknown): string | undefined {
  if (!data || typeof data !== 'object') return undefined;
  const d = data as Record<string, unknown>;
  const inner = (d.data && typeof d.data === 'object' ? d.data : {}) as Record<string, unknown>;
  const pick = (...vals: unknown[]) => vals.find((v) => typeof v === 'string' || typeof v === 'number');
  const id =
    kind === 'samsar_session'
      ? pick(d.request_id, d.session_id, d.external_request_id)
      : kind === 'samautomation_ai_job'
        ? pick(d.job_id, inner.job_id)
        : pick(inner.id, d.id, d.task_id);
  return id === undefined ? undefined : String(id);
}

export function successResult(
  entry: CatalogueEntry,
  args: Record<string, unknown>,
  res: UpstreamResponse,
  deps: AppDeps,
  /** Extra keys sent as given, unchecked (tool-surface/input-keys.ts). */
  unchecked: readonly string[] = [],
): CallToolResult {
  const data = res.data;
  const structured: Record<string, unknown> = { result: data };
  const charged =
    res.credits.charged ?? numberField(data, 'creditsCharged') ?? numberField(data, 'credits_charged');
  const remaining = res.credits.remaining ?? numberField(data, 'credits_remaining');
  if (charged !== undefined || remaining !== undefined) {
    structured.credits = {
      ...(charged !== undefined ? { charged } : {}),
      ...(remaining !== undefined ? { remaining } : {}),
    };
  }
  let summary = entry.summarize(data, args as never);
  if (entry.job) {
    const id = jobIdFrom(entry.job, data);
    if (id) {
      structured.job = { provider: entry.provider, id, kind: entry.job };
      summary += ` Follow it with wait_for_job {provider: "${entry.provider}", id: "${id}"}.`;
    }
  }
  if (unchecked.length) {
    structured.unchecked_keys = unchecked;
    summary += ` Passed through unchecked (not documented keys; check the spelling): ${unchecked.join(', ')}.`;
  }
  if (isSandboxed(deps.config, entry.provider)) structured.sandbox = true;
  const safe = redactValue(structured);
  return {
    content: [{ type: 'text', text: `${redactValue(summary)}\n${JSON.stringify(safe.result)}` }],
    structuredContent: safe,
  };
}

function numberField(data: unknown, key: string): number | undefined {
  if (!data || typeof data !== 'object') return undefined;
  const v = (data as Record<string, unknown>)[key];
  return typeof v === 'number' ? v : undefined;
}
