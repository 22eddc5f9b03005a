/**
 * Export destinations of a SamAutomation render (callback, email, FTP, SFTP). Credentials can stay
 * out of the conversation: a destination given as {name} is looked up in VIDEOGEN_EXPORT_DESTINATIONS
 * (JSON: name -> destination) just before sending. Inline credentials still work; every password,
 * private key and callback secret is registered for redaction before anything can echo it.
 */
import * as z from 'zod/v4';
import type { AppDeps } from '../../deps.js';
import { SetupError, ValidationError } from '../../errors.js';
import { registerSecret } from '../../redact.js';
import { guardedText, httpUrl } from './common.js';

const text = guardedText(1000);
/** zod's own email rule, as a refinement: published, its pattern alone would cost ~50 tokens a tool. */
const email = z.string().refine((s) => z.regexes.email.test(s), 'must be an email address');

const DESTINATION_TYPE = 'type must be email, ftp or sftp';

/** The reference's per-type required fields. */
const destinationRules = z.discriminatedUnion(
  'type',
  [
    z.looseObject({
      type: z.literal('email'),
      to: z.union([
        email,
        z.array(email).refine((l) => l.length > 0 && l.length <= 50, 'give 1 to 50 recipients'),
      ]),
    }),
    z.looseObject({
      type: z.literal('ftp'),
      host: text,
      username: text,
      path: text,
      password: z.string().refine((p) => p.length > 0, 'ftp needs password'),
      port: z.number().int().min(1).max(65535).optional(),
    }),
    z
      .looseObject({
        type: z.literal('sftp'),
        host: text,
        username: text,
        path: text,
        password: guardedText(10_000).optional(),
        private_key: guardedText(100_000).optional(),
        port: z.number().int().min(1).max(65535).optional(),
      })
      .refine((d) => d.password || d.private_key, 'sftp needs password or private_key'),
  ],
  { error: DESTINATION_TYPE },
);

const DESTINATION_TYPES = destinationRules.options.map((o) => o.shape.type.value);

/**
 * A destination by name (credentials held by the server) or inline. Published as one object with
 * every documented field of every type (derived from the per-type rules above, which then decide).
 */
const destination = z
  .strictObject({
    name: guardedText(100).optional(),
    ...Object.fromEntries(
      destinationRules.options.flatMap((o) =>
        Object.entries(o.shape).map(([key, rule]) =>
          key === 'type'
            ? [key, z.enum(DESTINATION_TYPES, { error: DESTINATION_TYPE }).optional()]
            : [key, (rule as z.ZodType).optional()],
        ),
      ),
    ),
  })
  .superRefine((d, ctx) => {
    if (d.name !== undefined) {
      if (Object.keys(d).length > 1)
        ctx.addIssue({ code: 'custom', message: 'give either name or an inline destination' });
      return;
    }
    const r = destinationRules.safeParse(d);
    for (const issue of r.success ? [] : r.error.issues) {
      ctx.addIssue({ code: 'custom', path: issue.path as PropertyKey[], message: issue.message });
    }
  });

const exportsRules = z
  .strictObject({
    callback_url: httpUrl.optional(),
    callback_secret: guardedText(500).optional(),
    /** A configured {type: "callback", callback_url, callback_secret?} entry instead of the two above. */
    callback_name: guardedText(100).optional(),
    destinations: z.array(destination).max(5, 'at most 5 destinations').optional(),
  })
  .refine((e) => !e.callback_name || (!e.callback_url && !e.callback_secret), {
    path: ['callback_name'],
    message: 'give either callback_name or callback_url/callback_secret',
  });

/** A configured callback: the URL and the secret that signs its deliveries. */
const callbackRules = z.object({
  type: z.literal('callback'),
  callback_url: httpUrl,
  callback_secret: z.string().min(1).optional(),
});

export const exportsInput = exportsRules
  .optional()
  .describe('Prefer {name} destinations and callback_name: server-held credentials.');

export type ExportsArg = z.output<typeof exportsRules>;

/** Exports with named destinations replaced, per validated-arguments object (set by resolveExports). */
const resolved = new WeakMap<object, unknown>();

/** The configured name -> destination table, or what is wrong with the setting. */
function parseTable(raw: string): Record<string, unknown> | string {
  try {
    const parsed = JSON.parse(raw) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    return 'not JSON: expected an object of name -> destination';
  }
  return 'not a JSON object of name -> destination';
}

/**
 * What is wrong with a VIDEOGEN_EXPORT_DESTINATIONS value, checked with the rules used when a
 * name is looked up (so a bad entry stops the server at start), or undefined when it is valid.
 */
export function exportDestinationsProblem(raw: string): string | undefined {
  const table = parseTable(raw);
  if (typeof table === 'string') return table;
  for (const [name, entry] of Object.entries(table)) {
    const callback = (entry as { type?: unknown } | null)?.type === 'callback';
    const r = (callback ? callbackRules : destinationRules).safeParse(entry);
    if (r.success) continue;
    const issue = r.error.issues[0]!;
    const where = issue.path.length ? `.${issue.path.join('.')}` : '';
    const message = callback
      ? issue.message
      : issue.message.replace('type must be', 'type must be callback,');
    return `entry '${name}'${where}: ${message}`;
  }
  return undefined;
}

function configured(deps: AppDeps): Record<string, unknown> {
  const raw = deps.config.exportDestinations;
  if (!raw) return {};
  const table = parseTable(raw);
  if (typeof table !== 'string') return table;
  throw new SetupError(
    `VIDEOGEN_EXPORT_DESTINATIONS is ${table}`,
    'Fix VIDEOGEN_EXPORT_DESTINATIONS in the server environment.',
  );
}

function registerSecretsOf(d: Record<string, unknown>): void {
  for (const k of ['password', 'private_key', 'callback_secret']) {
    if (typeof d[k] === 'string') registerSecret(d[k] as string);
  }
}

/** A configured entry checked against `rules`, or a ValidationError naming the field and the choices. */
function lookUp<T>(table: Record<string, unknown>, name: string, field: string, rules: z.ZodType<T>): T {
  const found = table[name];
  const ok = rules.safeParse(found);
  if (ok.success) return ok.data;
  const names = Object.keys(table);
  throw new ValidationError(
    field,
    found === undefined ? `no destination named '${name}'` : `'${name}' is not configured for this use`,
    names.length
      ? `Configured: ${names.join(', ')}.`
      : 'Set VIDEOGEN_EXPORT_DESTINATIONS in the server environment.',
  );
}

/** Precheck: looks up named destinations and callbacks, registers every secret; throws on an unknown name. */
export function resolveExports(args: { exports?: ExportsArg }, deps: AppDeps): void {
  const ex = args.exports;
  if (!ex) return;
  registerSecretsOf(ex);
  const named = ex.callback_name !== undefined || ex.destinations?.some((d) => d.name !== undefined);
  const table = named ? configured(deps) : {};
  const destinations = ex.destinations?.map((d, i) => {
    const dest =
      d.name === undefined ? d : lookUp(table, d.name, `exports.destinations.${i}.name`, destinationRules);
    registerSecretsOf(dest as Record<string, unknown>);
    return dest;
  });
  const { callback_name, ...rest } = ex;
  let callback = {};
  if (callback_name !== undefined) {
    const { type: _type, ...fields } = lookUp(table, callback_name, 'exports.callback_name', callbackRules);
    registerSecretsOf(fields);
    callback = fields;
  }
  resolved.set(args, { ...rest, ...callback, ...(destinations ? { destinations } : {}) });
}

/** The exports to send: resolved by the precheck, or as given when nothing needed a lookup. */
export function exportsToSend(args: { exports?: ExportsArg }): unknown {
  if (!args.exports) return undefined;
  const done = resolved.get(args);
  if (done) return done;
  if (args.exports.callback_name || args.exports.destinations?.some((d) => d.name !== undefined)) {
    throw new Error('named export destinations were not resolved before sending');
  }
  return args.exports;
}
