/**
 * What the answer to a paid call means for the money, decided here and nowhere else: the ledger
 * outcome and the words the agent reads both come from `settle`. Before the request existed, nothing
 * was sent; after it left, only the provider's own documented refusal (a 4xx with its JSON error)
 * proves nothing was accepted. Everything else (a 2xx that cannot be read or lacks the job id, HTML,
 * cut-off or malformed JSON, 5xx, a reset, a time-out, a proxy's 4xx page) may have been charged.
 */
import type { CallToolResult } from '@modelcontextprotocol/server';
import type { BillingClass, CatalogueEntry } from '../catalogue/define.js';
import {
  CostError,
  NetworkError,
  type Provider,
  SetupError,
  type UpstreamAnswer,
  UpstreamError,
  ValidationError,
  type VideogenError,
} from '../errors.js';
import type { UpstreamResponse } from '../http/client.js';
import { redact } from '../redact.js';
import { jobIdFrom } from '../tool-surface/result.js';
import type { Reuse } from './replay.js';

export type Settled =
  | {
      outcome: 'sent';
      result: CallToolResult;
      requestId?: string;
      charged?: number;
      remaining?: number;
    }
  /** Provably not accepted: the confirmation may be used again. */
  | { outcome: 'rejected' | 'not_sent'; error: VideogenError }
  /** May have been accepted and charged: the confirmation stays used. */
  | { outcome: 'unknown'; reason: string; requestId?: string; charged?: number; remaining?: number };

export interface PaidAttempt {
  entry: Pick<CatalogueEntry, 'provider' | 'job'>;
  send(): Promise<UpstreamResponse>;
  format(res: UpstreamResponse): CallToolResult;
}

/** Sends a paid request once and says what its answer means for the money. Never throws. */
export async function settle(attempt: PaidAttempt): Promise<Settled> {
  let res: UpstreamResponse;
  try {
    res = await attempt.send();
  } catch (err) {
    return settleFailure(err);
  }
  const fromBody = idIn(res.data) ?? idInHeaders(res.headers);
  let result: CallToolResult;
  try {
    result = attempt.format(res);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return {
      outcome: 'unknown',
      reason: `The answer could not be read (${why}).`,
      requestId: fromBody,
      ...res.credits,
    };
  }
  const sc = (result.structuredContent ?? {}) as {
    job?: { id?: string };
    result?: { request_id?: unknown };
    credits?: { charged?: number; remaining?: number };
  };
  // The formatted result also reads the documented body fields (creditsCharged, credits_charged).
  const charged = sc.credits?.charged ?? res.credits.charged;
  const remaining = sc.credits?.remaining ?? res.credits.remaining;
  const jobId = attempt.entry.job ? jobIdFrom(attempt.entry.job, res.data) : undefined;
  if (attempt.entry.job && !jobId) {
    const body = redact(JSON.stringify(res.data) ?? 'null');
    return {
      outcome: 'unknown',
      reason: `${attempt.entry.provider} answered ${res.status} without the job id its reference documents: ${body.length > 300 ? `${body.slice(0, 300)}...` : body}`,
      requestId: fromBody,
      charged,
      remaining,
    };
  }
  const requestId =
    sc.job?.id ?? (typeof sc.result?.request_id === 'string' ? sc.result.request_id : undefined);
  return { outcome: 'sent', result, requestId, charged, remaining };
}

/** A paid request that threw: before it existed, refused by the provider, or unknown. */
function settleFailure(err: unknown): Settled {
  // Thrown while the request was being built (arguments, path, key): nothing left this process.
  if (err instanceof ValidationError || err instanceof SetupError || err instanceof CostError) {
    return { outcome: 'not_sent', error: err };
  }
  if (err instanceof NetworkError && !err.written) return { outcome: 'not_sent', error: err };
  if (err instanceof UpstreamError && err.refusal) return { outcome: 'rejected', error: err };
  const reason = err instanceof Error ? err.message : String(err);
  const answer = err instanceof UpstreamError || err instanceof NetworkError ? err.answer : undefined;
  const body = err instanceof UpstreamError ? err.body : undefined;
  return { outcome: 'unknown', reason, requestId: idIn(body) ?? idInAnswer(answer) };
}

/** Id fields of the documented answers, most specific first. */
const ID_KEYS = ['request_id', 'session_id', 'external_request_id', 'job_id', 'task_id', 'id'];

/** The provider's id in a JSON answer (at the root or under `data`). */
function idIn(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  const inner = (v.data && typeof v.data === 'object' ? v.data : {}) as Record<string, unknown>;
  for (const key of ID_KEYS) {
    for (const found of [v[key], inner[key]]) {
      if (typeof found === 'string' && found) return found;
      if (typeof found === 'number') return String(found);
    }
  }
  return undefined;
}

/** Request or session id headers, should a provider or its front send one. */
function idInHeaders(headers: UpstreamAnswer['headers']): string | undefined {
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (!/^(x-)?(request|session|job|task)[-_]id$/i.test(name)) continue;
    const v = Array.isArray(value) ? value[0] : value;
    if (v?.trim()) return v.trim();
  }
  return undefined;
}

/** An id still legible in a cut-off or malformed body: a complete `"key":"value"` pair. */
function idInAnswer(answer: UpstreamAnswer | undefined): string | undefined {
  const text = answer?.text ?? '';
  for (const key of ID_KEYS) {
    const m = new RegExp(`"${key}"\\s*:\\s*(?:"([^"\\\\]{1,200})"|(\\d{1,30})\\s*[,}])`).exec(text);
    if (m) return m[1] ?? m[2];
  }
  return idInHeaders(answer?.headers);
}

/** What the agent is told about a refusal that provably charged nothing (the confirmation stays usable). */
export function refusalError(settled: Extract<Settled, { outcome: 'rejected' | 'not_sent' }>): CostError {
  const { error } = settled;
  const why =
    settled.outcome === 'rejected'
      ? 'The provider refused this request, so nothing was charged; the same confirmation can be used again once the cause is fixed.'
      : 'The request was not sent, so nothing was charged; the same confirmation can be used again.';
  return new CostError(error.code, error.message, error.hint ? `${error.hint} ${why}` : why, {
    ...error.details,
    outcome: settled.outcome,
  });
}

/** What is known about a submission whose outcome is unknown, as the ledger keeps it. */
export interface UnknownSubmission {
  id: string;
  time: string;
  provider: Provider;
  billing: BillingClass;
  error?: string;
  request_id?: string;
  charged?: number;
}

/**
 * The result of a paid call that may have been charged, for its first answer and for every later use
 * of its confirmation: says so in words, names the provider's id if any part of the answer had one,
 * and what to call to check.
 */
export function unknownOutcomeError(
  rec: UnknownSubmission,
  replay: boolean,
  reused: Reuse = 'confirmation',
): CostError {
  const acceptance =
    rec.charged !== undefined
      ? `The provider reported ${rec.charged} credits charged, so it was accepted and charged; the render may exist.`
      : rec.billing === 'money'
        ? 'The request may have been accepted: a checkout link may exist (a card is charged only when a person pays on it), so it may have been charged.'
        : 'The request may have been accepted, so it may have been charged and the render may exist.';
  const named = rec.request_id ? ` The provider's answer named ${rec.request_id}.` : '';
  const reason = rec.error?.trim().replace(/\.$/, '');
  const message = replay
    ? `This ${reused} was used at ${rec.time} and its outcome is unknown${reason ? ` (${reason})` : ''}. ${acceptance}${named} Nothing was sent again.`
    : `${reason ?? 'The answer could not be read'}. ${acceptance}${named}`;
  return new CostError(
    'outcome_unknown',
    message,
    `${howToCheck(rec.provider, rec.billing, rec.request_id)} Retrying does not resubmit: this ${reused} stays used; a new submission needs ${reused === 'confirmation' ? "a new quote and a person's confirmation" : "a new idempotency_key and a person's confirmation"}.`,
    {
      ledger_id: rec.id,
      provider: rec.provider,
      outcome: 'unknown',
      may_have_been_charged: true,
      ...(rec.request_id ? { request_id: rec.request_id } : {}),
      ...(rec.charged !== undefined ? { charged: rec.charged } : {}),
    },
  );
}

/** Where to look when a submission's outcome is unknown. */
export function howToCheck(provider: Provider, billing?: BillingClass, requestId?: string): string {
  const where =
    billing === 'money'
      ? 'ask the person whether a checkout page was opened or paid before buying again.'
      : provider === 'samsar'
        ? 'check samsar_list_completed_sessions (and the Samsar dashboard) before submitting again.'
        : 'check samautomation_list_tasks or samautomation_credit_balance before submitting again.';
  return requestId
    ? `Call wait_for_job {provider: "${provider}", id: "${requestId}"} to see whether it exists; ${where}`
    : `${where[0]!.toUpperCase()}${where.slice(1)}`;
}
