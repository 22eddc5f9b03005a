/**
 * Secrets (API keys, export passwords, tokens) are registered once when they enter the process and
 * scrubbed from every string that leaves it: tool results, error texts and log lines.
 */

const secrets = new Set<string>();

/** Secrets shorter than this are too likely to match ordinary text; they are still never logged by us. */
const MIN_SECRET_LENGTH = 4;

export function registerSecret(value: string | undefined): void {
  if (value && value.length >= MIN_SECRET_LENGTH) secrets.add(value);
}

export const REDACTED = '[REDACTED]';

/**
 * Prefixes of the secrets this server makes itself, many per day (a callback token and secret per
 * job): recognised by pattern instead of registered one by one, so the set above does not grow
 * with every job a long-running server starts.
 */
export const GENERATED_SECRET_PREFIXES = { callbackToken: 'vgcb_', callbackSecret: 'vgcs_' } as const;
const GENERATED_SECRET = new RegExp(
  `(?:${Object.values(GENERATED_SECRET_PREFIXES).join('|')})[A-Za-z0-9_-]{16,}`,
  'g',
);

export function redact(text: string): string {
  let out = text.replace(GENERATED_SECRET, REDACTED);
  for (const s of secrets) {
    if (out.includes(s)) out = out.split(s).join(REDACTED);
  }
  return out;
}

/** Deep copy of a JSON-like value with every registered secret replaced. */
export function redactValue<T>(value: T): T {
  return JSON.parse(redact(JSON.stringify(value))) as T;
}

const SECRET_KEY = /(password|passphrase|private_key|secret|token|api_key|apikey|authorization)/i;

/** Replaces the values of fields whose names say they hold a secret (for echoing request bodies). */
export function maskSecretFields<T>(value: T): T {
  if (Array.isArray(value)) return value.map(maskSecretFields) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = SECRET_KEY.test(k) && typeof v === 'string' ? REDACTED : maskSecretFields(v);
    }
    return out as T;
  }
  return value;
}
