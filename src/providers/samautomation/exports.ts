/**
 * Export destinations of a SamAutomation render (callback, email, FTP, SFTP). Credentials can stay
 * out of the conversation: a destination given as {name} is looked up in VIDEOGEN_EXPORT_DESTINATIONS
 * (JSON: name -> destination) just before sending. Inline credentials still work; every password,
 * private key and callback secret is registered for redaction before anything can echo it.
 */
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import { SetupError, ValidationError } from '../../errors.js';
import { registerSecret } from '../../redact.js';
import { checkedObject, httpUrl } from './common.js';

const text = z.string().trim().min(1).max(1000);
const email = z.email('must be an email address');

/** The reference's per-type required fields. */
const destinationRules = z.discriminatedUnion(
  'type',
  [
    z.looseObject({ type: z.literal('email'), to: z.union([email, z.array(email).min(1).max(50)]) }),
    z.looseObject({
      type: z.literal('ftp'),
      host: text,
      username: text,
      path: text,
      password: z.string().min(1, 'ftp needs password'),
      port: z.number().int().min(1).max(65535).optional(),
    }),
    z
      .looseObject({
        type: z.literal('sftp'),
        host: text,
        username: text,
        path: text,
        password: z.string().min(1).optional(),
        private_key: z.string().min(1).optional(),
        port: z.number().int().min(1).max(65535).optional(),
      })
      .refine((d) => d.password || d.private_key, 'sftp needs password or private_key'),
  ],
  { error: 'type must be email, ftp or sftp' },
);

/** A destination by name (credentials held by the server) or inline. */
const destination = z
  .looseObject({ name: z.string().trim().min(1).max(100).optional() })
  .superRefine((d, ctx) => {
    if (d.name !== undefined) {
      if (Object.keys(d).length > 1)
        ctx.addIssue({ code: 'custom', message: 'give either name or an inline destination' });
      return;
    }
    const r = destinationRules.safeParse(d);
    for (const issue of r.success ? [] : r.error.issues.slice(0, 2)) {
      ctx.addIssue({ code: 'custom', path: issue.path as PropertyKey[], message: issue.message });
    }
  });

const exportsRules = z.object({
  callback_url: httpUrl.optional(),
  callback_secret: z.string().min(1).max(500).optional(),
  destinations: z.array(destination).max(5, 'at most 5 destinations').optional(),
});

export const exportsInput = checkedObject(exportsRules)
  .optional()
  .describe(
    'On completion: {callback_url, callback_secret, destinations: <=5 of {name} (server-held, preferred) or {type: email|ftp|sftp, ...}}.',
  );

type ExportsArg = z.output<typeof exportsRules>;

/** Exports with named destinations replaced, per validated-arguments object (set by resolveExports). */
const resolved = new WeakMap<object, unknown>();

function configured(deps: AppDeps): Record<string, unknown> {
  const raw = deps.config.exportDestinations;
  if (!raw) return {};
  try {
    const parsed = JSON.parse(raw) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new SetupError(
    'VIDEOGEN_EXPORT_DESTINATIONS is not a JSON object of name -> destination',
    'Fix VIDEOGEN_EXPORT_DESTINATIONS in the server environment.',
  );
}

function registerSecretsOf(d: Record<string, unknown>): void {
  for (const k of ['password', 'private_key', 'callback_secret']) {
    if (typeof d[k] === 'string') registerSecret(d[k] as string);
  }
}

/** Precheck: looks up named destinations and registers every secret; throws on an unknown name. */
export function resolveExports(args: { exports?: ExportsArg }, deps: AppDeps): void {
  const ex = args.exports;
  if (!ex) return;
  registerSecretsOf(ex);
  const named = ex.destinations?.some((d) => d.name !== undefined);
  const table = named ? configured(deps) : {};
  const destinations = ex.destinations?.map((d, i) => {
    if (d.name === undefined) {
      registerSecretsOf(d);
      return d;
    }
    const found = table[d.name];
    const ok = destinationRules.safeParse(found);
    if (!ok.success) {
      const names = Object.keys(table);
      throw new ValidationError(
        `exports.destinations.${i}.name`,
        found === undefined ? `no destination named '${d.name}'` : `destination '${d.name}' is misconfigured`,
        names.length
          ? `Configured: ${names.join(', ')}.`
          : 'Set VIDEOGEN_EXPORT_DESTINATIONS in the server environment.',
      );
    }
    registerSecretsOf(ok.data as Record<string, unknown>);
    return ok.data;
  });
  resolved.set(args, { ...ex, ...(destinations ? { destinations } : {}) });
}

/** The exports to send: resolved by the precheck, or as given when nothing needed a lookup. */
export function exportsToSend(args: { exports?: ExportsArg }): unknown {
  if (!args.exports) return undefined;
  const done = resolved.get(args);
  if (done) return done;
  if (args.exports.destinations?.some((d) => d.name !== undefined)) {
    throw new Error('named export destinations were not resolved before sending');
  }
  return args.exports;
}
