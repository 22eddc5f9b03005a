/**
 * Reads an upstream body to the end (so the connection can be reused) and tells JSON from
 * anything else, keeping enough of the rest to say what came back.
 */
import type { Dispatcher } from 'undici';
import type { UpstreamAnswer } from '../errors.js';

/** Bodies above this are cut: API answers are small, and an HTML error page need not be kept whole. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

export type ParsedBody =
  | { kind: 'json'; value: unknown }
  | { kind: 'empty' }
  | { kind: 'other'; contentType: string; snippet: string };

/** The body stopped before its end (reset, time-out): what had arrived, and the cause's code. */
export class BodyReadError extends Error {
  readonly code?: string;
  constructor(
    cause: unknown,
    /** The status, headers and the start of the body that arrived before the failure. */
    readonly answer: UpstreamAnswer,
  ) {
    super((cause as Error)?.message ?? String(cause), { cause });
    const c = cause as { code?: string; cause?: { code?: string } };
    this.code = c?.code ?? c?.cause?.code;
  }
}

/** Characters of a body kept when it is not the documented JSON (enough to find an id in it). */
const SNIPPET_CHARS = 2000;

export async function readBody(res: Dispatcher.ResponseData): Promise<ParsedBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of res.body) {
      const buf = chunk as Buffer;
      if (size < MAX_BODY_BYTES) chunks.push(buf);
      size += buf.length;
    }
  } catch (err) {
    const text = Buffer.concat(chunks).toString('utf8').slice(0, SNIPPET_CHARS);
    throw new BodyReadError(err, { status: res.statusCode, headers: res.headers, text });
  }
  const text = Buffer.concat(chunks).toString('utf8');
  const contentType = String(res.headers['content-type'] ?? '');
  if (text.trim() === '') return { kind: 'empty' };
  const looksJson = /json/i.test(contentType) || /^\s*[[{]/.test(text);
  if (looksJson && !/html/i.test(contentType)) {
    try {
      return { kind: 'json', value: JSON.parse(text) };
    } catch {
      // fall through: described as what it is
    }
  }
  return {
    kind: 'other',
    contentType: contentType || 'no content type',
    snippet: text.slice(0, SNIPPET_CHARS),
  };
}

/** One phrase for a body that is not JSON: "an HTML page titled 'Bad Gateway'", "text/plain 'oops'". */
export function describeNonJson(body: ParsedBody): string {
  if (body.kind === 'empty') return 'an empty body';
  if (body.kind === 'json') return 'JSON';
  const title = /<title[^>]*>([^<]{0,120})<\/title>/i.exec(body.snippet)?.[1]?.trim();
  if (/html/i.test(body.contentType) || /^\s*<(!doctype|html)/i.test(body.snippet)) {
    return title ? `an HTML page titled '${title}'` : 'an HTML page';
  }
  const text = body.snippet.replace(/\s+/g, ' ').trim().slice(0, 120);
  return `${body.contentType} '${text}'`;
}

/** The provider's own error text from the documented error shapes. */
export function errorMessageFrom(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return typeof value === 'string' ? value : undefined;
  const v = value as Record<string, unknown>;
  for (const key of ['message', 'error', 'detail', 'error_message']) {
    const m = v[key];
    if (typeof m === 'string' && m) return m;
    if (m && typeof m === 'object' && typeof (m as Record<string, unknown>).message === 'string') {
      return (m as Record<string, string>).message;
    }
  }
  return undefined;
}
