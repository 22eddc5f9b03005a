/**
 * Errors are typed where they happen and turned into MCP tool results in one place, with a recovery
 * hint an agent can act on. Nothing leaves here without passing through redaction.
 */
import type { CallToolResult } from '@modelcontextprotocol/server';
import { redact, redactValue } from './redact.js';

export type Provider = 'samsar' | 'samautomation';

export abstract class VideogenError extends Error {
  abstract readonly code: string;
  constructor(
    message: string,
    /** What the agent should do next. */
    readonly hint?: string,
    /** Extra machine-readable facts for structuredContent. */
    readonly details: Record<string, unknown> = {},
    /** A line for the text only: a value `details` already carries, said once in each (a token to copy). */
    readonly textOnly?: string,
  ) {
    super(message);
  }
}

/** One refused field: what is wrong with it and how to put it right. */
export interface FieldProblem {
  field: string;
  problem: string;
  fix?: string;
}

/** Input that violates a documented constraint; nothing was sent. Lists every failing field at once. */
export class ValidationError extends VideogenError {
  readonly code = 'invalid_input';
  readonly fields: readonly FieldProblem[];
  constructor(field: string, message: string, hint?: string);
  constructor(fields: readonly FieldProblem[], hint?: string);
  constructor(fieldOrFields: string | readonly FieldProblem[], messageOrHint?: string, hint?: string) {
    const fields: FieldProblem[] =
      typeof fieldOrFields === 'string'
        ? [{ field: fieldOrFields, problem: messageOrHint ?? 'is invalid', ...(hint ? { fix: hint } : {}) }]
        : [...fieldOrFields];
    const overall = typeof fieldOrFields === 'string' ? hint : messageOrHint;
    // A fix the overall hint does not already say goes in the message, so a text-only client sees it.
    const line = (f: FieldProblem) =>
      `${f.field}: ${f.problem}${f.fix && f.fix !== overall ? ` (${f.fix})` : ''}`;
    super(fields.map(line).join('; '), overall, { fields });
    this.fields = fields;
  }

  /** The first failing field (most refusals have one). */
  get field(): string {
    return this.fields[0]?.field ?? '';
  }
}

/** The server is not set up for this call (missing key, unknown destination name...). */
export class SetupError extends VideogenError {
  readonly code = 'not_configured';
}

export type UpstreamKind =
  | 'bad_request'
  | 'unauthorized'
  | 'payment_required'
  | 'forbidden'
  | 'not_found'
  | 'payload_too_large'
  | 'rate_limited'
  | 'server_error'
  | 'unexpected_status'
  | 'unexpected_response';

export function upstreamKind(status: number): UpstreamKind {
  if (status === 400 || status === 422) return 'bad_request';
  if (status === 401) return 'unauthorized';
  if (status === 402) return 'payment_required';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 413) return 'payload_too_large';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server_error';
  return 'unexpected_status';
}

/** The setting that holds a provider's base URL, for hints. */
export const baseUrlSetting = (p: Provider) =>
  p === 'samsar' ? 'SAMSAR_BASE_URL' : 'SAMAUTOMATION_BASE_URL';

const DEFAULT_HINTS: Record<UpstreamKind, (p: Provider, retryAfter?: number) => string> = {
  bad_request: () => 'Fix the arguments named in the message and call again.',
  unauthorized: (p) =>
    p === 'samsar'
      ? 'Check SAMSAR_API_KEY (a Samsar API key, sent as a Bearer token) and SAMSAR_BASE_URL.'
      : 'Check SAMAUTOMATION_API_KEY (sent as X-API-Key) and SAMAUTOMATION_BASE_URL.',
  payment_required: (p) =>
    p === 'samsar'
      ? 'Not enough credits: top up the Samsar account or choose a cheaper model or shorter duration.'
      : 'Not enough AI credits: check samautomation_credit_balance or choose a cheaper model.',
  forbidden: (p) =>
    p === 'samsar'
      ? 'The resource belongs to another account or the key lacks access.'
      : 'Plan or quota limit, or the key lacks access: check samautomation_usage_summary or buy a video pack; for an AI model, pick one your plan includes (samautomation_list_ai_models).',
  not_found: (p) =>
    p === 'samsar'
      ? 'Unknown id: call samsar_list_completed_sessions to find valid session ids.'
      : 'Unknown id: call samautomation_list_tasks or samautomation_list_templates to find valid ids.',
  payload_too_large: () => 'The request is too large: send fewer clips or shorter captions.',
  rate_limited: (_p, s) => `Rate limited: retry after ${s ?? 60} s.`,
  server_error: () =>
    'The provider failed; a read can be retried shortly. Do not resubmit a paid request blindly.',
  unexpected_status: () => 'Unexpected answer from the provider.',
  unexpected_response: (p) =>
    `The ${p} endpoint did not answer with JSON: check the base URL (${baseUrlSetting(p)}).`,
};

/** Statuses the references document as refusals: the provider read the request and did not act on it. */
const REFUSAL_STATUSES = new Set([400, 401, 402, 403, 404, 413, 422, 429]);

/**
 * True only for an answer that provably means "not accepted": a documented refusal status whose body
 * is the provider's own JSON error. An HTML or empty 4xx may come from a proxy that forwarded the request.
 */
export function isProviderRefusal(status: number, jsonBody: unknown): boolean {
  return REFUSAL_STATUSES.has(status) && typeof jsonBody === 'object' && jsonBody !== null;
}

/** What came back with a failed call, kept to find the provider's id in it (never shown whole). */
export interface UpstreamAnswer {
  status?: number;
  headers?: Record<string, string | string[] | undefined>;
  /** The (redacted) start of a body that is not the documented JSON: cut off, malformed, HTML. */
  text?: string;
}

export interface UpstreamErrorOptions {
  kind?: UpstreamKind;
  retryAfterSeconds?: number;
  /** The provider's JSON body, when the answer was JSON. */
  body?: unknown;
  answer?: UpstreamAnswer;
  hint?: string;
}

/** The provider answered with an error status or something that is not the documented JSON. */
export class UpstreamError extends VideogenError {
  readonly code: string;
  readonly kind: UpstreamKind;
  readonly retryAfterSeconds?: number;
  readonly body?: unknown;
  readonly answer?: UpstreamAnswer;
  /** The provider's own documented refusal (see isProviderRefusal): nothing was accepted. */
  readonly refusal: boolean;
  constructor(
    readonly provider: Provider,
    readonly status: number,
    message: string,
    options: UpstreamErrorOptions = {},
  ) {
    const kind = options.kind ?? upstreamKind(status);
    const { retryAfterSeconds, body } = options;
    super(message, options.hint ?? DEFAULT_HINTS[kind](provider, retryAfterSeconds), {
      provider,
      status,
      ...(retryAfterSeconds !== undefined ? { retry_after_seconds: retryAfterSeconds } : {}),
      ...(body && typeof body === 'object' ? { upstream: body } : {}),
    });
    this.kind = kind;
    this.retryAfterSeconds = retryAfterSeconds;
    this.body = body;
    this.answer = options.answer;
    this.refusal = isProviderRefusal(status, body);
    this.code = `upstream_${kind}`;
  }
}

/** The request could not be completed at the network level. `written` tells whether it may have arrived. */
export class NetworkError extends VideogenError {
  readonly code: string;
  constructor(
    readonly provider: Provider,
    message: string,
    /** True when the request may have reached the provider (outcome unknown). */
    readonly written: boolean,
    readonly timeout = false,
    /** The part of an answer that arrived before the connection failed (headers, a cut-off body). */
    readonly answer?: UpstreamAnswer,
  ) {
    super(
      message,
      written
        ? 'The request may have reached the provider: check its status before sending it again.'
        : 'Nothing reached the provider; it is safe to try again.',
      { provider, outcome: written ? 'unknown' : 'not_sent' },
    );
    this.code = timeout ? 'timeout' : 'network_error';
  }
}

/** A charge needs confirmation, or a confirmation/budget rule refused it. */
export class CostError extends VideogenError {
  constructor(
    readonly code: string,
    message: string,
    hint?: string,
    details: Record<string, unknown> = {},
    textOnly?: string,
  ) {
    super(message, hint, details, textOnly);
  }
}

/**
 * The money store (the spend ledger's database or files) cannot be reached or used. Fail closed: a
 * paid call is refused rather than sent without its claim and budget check.
 */
export class StoreUnavailableError extends VideogenError {
  readonly code = 'store_unavailable';
  constructor(
    /** What failed, without the refusal around it (for a start-up line). */
    readonly reason: string,
  ) {
    super(
      `The spend ledger store is unavailable (${reason}). Nothing was sent.`,
      'Paid calls are refused until the store is back (it reconnects by itself); free calls still work. Try again in a little while.',
    );
  }
}

/** The store's schema cannot be used by this version (newer than it knows): the server does not start. */
export class StoreSchemaError extends VideogenError {
  readonly code = 'store_schema_unsupported';
}

/**
 * Formats any thrown value as an MCP tool error result. The single place errors become results:
 * structuredContent is always `{code, message, hint?, fields?, ...details}`.
 */
export function toToolResult(error: unknown): CallToolResult {
  if (error instanceof VideogenError) {
    const text = [error.message, error.hint, error.textOnly].filter(Boolean).join('\n');
    return {
      isError: true,
      content: [{ type: 'text', text: redact(text) }],
      structuredContent: redactValue({
        code: error.code,
        message: error.message,
        ...(error.hint ? { hint: error.hint } : {}),
        ...error.details,
      }),
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    isError: true,
    content: [{ type: 'text', text: redact(`Internal error: ${message}`) }],
    structuredContent: { code: 'internal_error', message: redact(message) },
  };
}
