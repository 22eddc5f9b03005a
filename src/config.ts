/**
 * One schema over environment and flags, parsed once at start, frozen and injected.
 * Every setting of the server lives here so there is one place to read what can be configured.
 */
import path from 'node:path';
import * as z from 'zod/v4';
import { defaultDataDir, defaultOutputDir, folderProblem, OUTPUT_DIR_DEFAULT_TEXT } from './config-paths.js';
import { defaultPrincipal, type Principal, parsePrincipals } from './config-principals.js';
import { closestName } from './did-you-mean.js';
import type { Provider } from './errors.js';

const TOOLSETS = ['samsar', 'samautomation', 'templates', 'ai', 'account', 'jobs'] as const;
export type Toolset = (typeof TOOLSETS)[number];
export const ALL_TOOLSETS: readonly Toolset[] = TOOLSETS;

// Schema builders, called only for the variables that are set: building every setting's zod
// schema at start cost more start-up than the rest of the configuration together.
const boolFlag = () =>
  z
    .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
    .transform((v) => v === '1' || v === 'true' || v === 'yes');

const httpUrl = () =>
  z
    .string()
    .url()
    .refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL')
    .transform((u) => u.replace(/\/+$/, ''));

const nonNegInt = () => z.coerce.number().int().min(0);
const positiveInt = () => z.coerce.number().int().positive();

/** One setting: how to check a given value, and the value when it is not set. */
interface Setting<T extends z.ZodType, F> {
  schema: () => T;
  fallback: F;
}
function setting<T extends z.ZodType>(schema: () => T): Setting<T, undefined>;
function setting<T extends z.ZodType>(schema: () => T, fallback: z.output<T>): Setting<T, z.output<T>>;
function setting<T extends z.ZodType>(schema: () => T, fallback?: z.output<T>) {
  return { schema, fallback };
}

export const PROVIDERS: readonly Provider[] = ['samsar', 'samautomation'];

/**
 * How the sandbox delivers completion callbacks: at once (`on`), five minutes of simulated time after
 * the render ended (`late`), twice (`twice`, the same delivery again), or not at all (`never`).
 */
export const SANDBOX_CALLBACK_MODES = ['on', 'late', 'twice', 'never'] as const;
export type SandboxCallbackMode = (typeof SANDBOX_CALLBACK_MODES)[number];

/** The variable that holds each provider's key (named in every "not configured" refusal). */
export const KEY_VARIABLE: Readonly<Record<Provider, string>> = {
  samsar: 'SAMSAR_API_KEY',
  samautomation: 'SAMAUTOMATION_API_KEY',
};

/**
 * How a provider is reached: `live` with its key at its base URL, `sandbox` answered by the embedded
 * simulator, `off` when VIDEOGEN_SANDBOX=0 was set and there is no key (calls needing one are refused).
 */
export type ProviderMode = 'live' | 'sandbox' | 'off';

/** Every setting keyed by its environment variable name; flags are mapped onto the same keys. */
const SETTINGS = {
  SAMSAR_API_KEY: setting(() => z.string().min(1)),
  SAMSAR_BASE_URL: setting(() => httpUrl(), 'https://api.samsar.one/v1'),
  SAMAUTOMATION_API_KEY: setting(() => z.string().min(1)),
  SAMAUTOMATION_BASE_URL: setting(() => httpUrl(), 'https://samautomation.work'),
  /** Unset: each provider without a key is sandboxed; 1: both are; 0: none is. */
  VIDEOGEN_SANDBOX: setting(() => boolFlag()),
  /** Simulated seconds a sandbox render takes. */
  VIDEOGEN_SANDBOX_RENDER_SECONDS: setting(() => z.coerce.number().positive(), 10),
  /** How the sandbox calls back the webhooks of finished renders (loopback URLs only). */
  VIDEOGEN_SANDBOX_CALLBACKS: setting(() => z.enum(SANDBOX_CALLBACK_MODES), 'on'),
  /** Simulated time runs this many times faster than real time (tests, demos). */
  VIDEOGEN_TIME_SCALE: setting(() => z.coerce.number().positive().max(10_000), 1),
  VIDEOGEN_CONNECT_TIMEOUT_MS: setting(() => positiveInt(), 10_000),
  VIDEOGEN_RESPONSE_TIMEOUT_MS: setting(() => positiveInt(), 30_000),
  VIDEOGEN_AUTO_APPROVE_CREDITS: setting(() => nonNegInt(), 0),
  VIDEOGEN_AUTO_APPROVE_QUOTA: setting(() => boolFlag(), false),
  VIDEOGEN_SECRET: setting(() => z.string().min(16, 'must be at least 16 characters')),
  VIDEOGEN_MAX_CREDITS_PER_CALL: setting(() => positiveInt()),
  VIDEOGEN_DAILY_CREDIT_BUDGET: setting(() => positiveInt()),
  VIDEOGEN_DATA_DIR: setting(() => z.string().min(1)),
  VIDEOGEN_DATABASE_URL: setting(() =>
    z.string().refine((u) => /^postgres(ql)?:\/\/./.test(u), 'must be a postgres:// or postgresql:// URL'),
  ),
  VIDEOGEN_DATABASE_SCHEMA: setting(
    () =>
      z
        .string()
        .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case SQL name (letters, digits, _; at most 63)'),
    'videogen',
  ),
  VIDEOGEN_MAX_WAIT_SECONDS: setting(() => positiveInt(), 600),
  VIDEOGEN_OUTPUT_DIR: setting(() => z.string().min(1)),
  VIDEOGEN_DOWNLOAD_MAX_BYTES: setting(() => positiveInt(), 2 * 1024 * 1024 * 1024),
  /** Extra hosts `download_video {url}` may fetch from, comma-separated. */
  VIDEOGEN_DOWNLOAD_HOSTS: setting(() => z.string(), ''),
  /** Named export destinations (JSON object name -> destination) so secrets never pass through the model. */
  VIDEOGEN_EXPORT_DESTINATIONS: setting(() => z.string()),
  VIDEOGEN_TOOLSETS: setting(() => z.string()),
  VIDEOGEN_TOOLS: setting(() => z.string()),
  VIDEOGEN_READ_ONLY: setting(() => boolFlag(), false),
  VIDEOGEN_HTTP_TOKEN: setting(() => z.string().min(16, 'must be at least 16 characters')),
  /** A file path or inline JSON: [{name, token, daily_budget?}] (config-principals.ts). */
  VIDEOGEN_HTTP_TOKENS: setting(() => z.string()),
  VIDEOGEN_HTTP_ALLOWED_HOSTS: setting(() => z.string(), ''),
  VIDEOGEN_HTTP_MAX_SESSIONS: setting(() => positiveInt(), 100),
  VIDEOGEN_HTTP_SESSION_IDLE_SECONDS: setting(() => positiveInt(), 1800),
  /** Where providers reach this server over HTTP, to call back when a render ends. */
  VIDEOGEN_PUBLIC_URL: setting(() =>
    httpUrl().refine((u) => !/[?#]/.test(u), 'must be a base URL without ? or #'),
  ),
  VIDEOGEN_LOG_LEVEL: setting(() => z.enum(['debug', 'info', 'warn', 'error', 'silent']), 'info'),
};

type SettingName = keyof typeof SETTINGS;
type Raw = {
  [K in SettingName]: (typeof SETTINGS)[K] extends Setting<infer T, infer F>
    ? F extends undefined
      ? z.output<T> | undefined
      : z.output<T>
    : never;
};
const SETTING_NAMES = Object.keys(SETTINGS) as SettingName[];

/** Checks the values that are set (with only their schemas built) and fills in the rest. */
function parseSettings(merged: Record<string, string>): z.ZodSafeParseResult<Raw> {
  const shape: Record<string, z.ZodType> = {};
  for (const name of SETTING_NAMES) if (merged[name] !== undefined) shape[name] = SETTINGS[name].schema();
  const parsed = z.object(shape).safeParse(merged);
  if (!parsed.success) return parsed as z.ZodSafeParseResult<Raw>;
  const data: Record<string, unknown> = {};
  for (const name of SETTING_NAMES)
    data[name] = name in parsed.data ? parsed.data[name] : SETTINGS[name].fallback;
  return { success: true, data: data as Raw };
}

export interface ProviderConfig {
  readonly apiKey?: string;
  readonly baseUrl: string;
  readonly mode: ProviderMode;
}

export interface Config {
  readonly samsar: ProviderConfig;
  readonly samautomation: ProviderConfig;
  readonly sandboxRenderSeconds: number;
  readonly sandboxCallbacks: SandboxCallbackMode;
  readonly timeScale: number;
  readonly http: { readonly connectTimeoutMs: number; readonly responseTimeoutMs: number };
  readonly cost: {
    readonly autoApproveCredits: number;
    readonly autoApproveQuota: boolean;
    readonly secret?: string;
    readonly maxCreditsPerCall?: number;
    readonly dailyCreditBudget?: number;
  };
  readonly dataDir: string;
  /** The shared PostgreSQL store; absent: the file store in dataDir. */
  readonly database?: { readonly url: string; readonly schema: string };
  readonly maxWaitSeconds: number;
  readonly download: {
    readonly outputDir: string;
    readonly maxBytes: number;
    readonly extraHosts: readonly string[];
  };
  readonly exportDestinations?: string;
  readonly toolsets: readonly Toolset[];
  readonly tools?: readonly string[];
  readonly readOnly: boolean;
  readonly server: {
    /**
     * Who may call the HTTP transport, each with its own bearer token (VIDEOGEN_HTTP_TOKENS, or the
     * single VIDEOGEN_HTTP_TOKEN as `default`); empty: no token is asked (loopback only).
     */
    readonly principals: readonly Principal[];
    readonly allowedHosts: readonly string[];
    readonly maxSessions: number;
    readonly sessionIdleSeconds: number;
  };
  /** Base URL of this server for providers' completion callbacks (HTTP transport only). */
  readonly publicUrl?: string;
  readonly logLevel: Raw['VIDEOGEN_LOG_LEVEL'];
  /** Variables whose value came from a flag (so a refusal can name the flag the person typed). */
  readonly fromFlags: readonly string[];
  /** Settings that are accepted but probably not what was meant (logged at start). */
  readonly warnings: readonly string[];
}

/** Providers the embedded sandbox answers for. */
export function sandboxedProviders(config: Config): Provider[] {
  return PROVIDERS.filter((p) => config[p].mode === 'sandbox');
}

/** The name a person used for a setting: its flag when it came from one, else the variable. */
export function settingLabel(config: Pick<Config, 'fromFlags'>, name: string): string {
  const flag = CONFIG_DOCS.find((d) => d.name === name)?.flag;
  return flag && config.fromFlags.includes(name) ? flag : name;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const list = (s: string | undefined): string[] =>
  (s ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/** A host name (or `*.domain`), optionally with a port; `what` says which form a list takes. */
const HOST_PATTERN = /^(\*\.|\.)?([a-z0-9-]+\.)*[a-z0-9-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i;

function hostProblem(entry: string, portAllowed: boolean): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(entry) || entry.includes('/'))
    return `'${entry}' is a URL: give the host name only (${hostOf(entry) ?? 'e.g. cdn.example.com'})`;
  if (!HOST_PATTERN.test(entry)) return `'${entry}' is not a host name`;
  if (!portAllowed && /:\d+$/.test(entry.replace(/^\[.*\]/, '')))
    return `'${entry}' has a port: Host and Origin are matched by name, give '${entry.replace(/:\d+$/, '')}'`;
  return undefined;
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host || undefined;
  } catch {
    return undefined;
  }
}

/** Known names near an unknown VIDEOGEN_* variable, which would otherwise be ignored silently. */
function unknownVariableWarnings(env: NodeJS.ProcessEnv): string[] {
  const known: readonly string[] = SETTING_NAMES;
  return Object.keys(env)
    .filter((k) => k.startsWith('VIDEOGEN_') && !known.includes(k) && !k.startsWith('VIDEOGEN_REQUIRE_'))
    .map((k) => {
      const near = closestName(k, known);
      return `${k} is not a videogen-mcp setting and is ignored${near ? ` (did you mean ${near}?)` : ''}`;
    });
}

function modeOf(key: string | undefined, sandbox: boolean | undefined): ProviderMode {
  if (sandbox === true) return 'sandbox';
  if (key) return 'live';
  return sandbox === false ? 'off' : 'sandbox';
}

/** The HTTP principals: the list, or the single token as one principal, or none. */
function principalsOf(r: Raw, invalid: (name: string, problem: string) => ConfigError): readonly Principal[] {
  if (r.VIDEOGEN_HTTP_TOKENS !== undefined) {
    if (r.VIDEOGEN_HTTP_TOKEN !== undefined)
      throw invalid(
        'VIDEOGEN_HTTP_TOKENS',
        'set it or VIDEOGEN_HTTP_TOKEN, not both (the single token can be one entry of the list)',
      );
    try {
      return Object.freeze(parsePrincipals(r.VIDEOGEN_HTTP_TOKENS).map((p) => Object.freeze(p)));
    } catch (err) {
      throw invalid('VIDEOGEN_HTTP_TOKENS', (err as Error).message);
    }
  }
  return r.VIDEOGEN_HTTP_TOKEN ? Object.freeze([Object.freeze(defaultPrincipal(r.VIDEOGEN_HTTP_TOKEN))]) : [];
}

/**
 * Parses settings from the environment, with `overrides` (from flags) winning.
 * Throws ConfigError with one line that names the variable (or the flag it came from) and what is
 * wrong, for every value that would otherwise fail only when used.
 */
export function loadConfig(
  env: NodeJS.ProcessEnv,
  overrides: Record<string, string | undefined> = {},
): Config {
  const merged: Record<string, string> = {};
  const fromFlags: string[] = [];
  for (const key of SETTING_NAMES) {
    const value = overrides[key] ?? env[key];
    if (overrides[key] !== undefined) fromFlags.push(key);
    if (value !== undefined && value !== '') merged[key] = value;
  }
  const label = (name: string) => settingLabel({ fromFlags }, name);
  const invalid = (name: string, problem: string) => new ConfigError(`invalid ${label(name)}: ${problem}`);
  const parsed = parseSettings(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw invalid(String(issue.path[0] ?? 'configuration'), issue.message);
  }
  const r = parsed.data;
  const toolsets = list(r.VIDEOGEN_TOOLSETS);
  for (const t of toolsets) {
    if (!(TOOLSETS as readonly string[]).includes(t)) {
      const near = closestName(t, TOOLSETS);
      throw invalid(
        'VIDEOGEN_TOOLSETS',
        `unknown toolset '${t}'${near ? ` (did you mean ${near}?)` : ''}; known: ${TOOLSETS.join(', ')}`,
      );
    }
  }
  for (const [name, portAllowed] of [
    ['VIDEOGEN_DOWNLOAD_HOSTS', true],
    ['VIDEOGEN_HTTP_ALLOWED_HOSTS', false],
  ] as const) {
    for (const entry of list(r[name])) {
      const problem = hostProblem(entry, portAllowed);
      if (problem) throw invalid(name, problem);
    }
  }
  const outputDir = path.resolve(r.VIDEOGEN_OUTPUT_DIR ?? defaultOutputDir(env));
  const dataDir = path.resolve(r.VIDEOGEN_DATA_DIR ?? defaultDataDir(env));
  // Only folders someone chose are checked: a default nobody uses must not stop the server.
  for (const [name, dir] of [
    ['VIDEOGEN_OUTPUT_DIR', outputDir],
    ['VIDEOGEN_DATA_DIR', dataDir],
  ] as const) {
    const problem = r[name] === undefined ? undefined : folderProblem(dir);
    if (problem) throw invalid(name, problem);
  }
  const sandbox = r.VIDEOGEN_SANDBOX;
  return Object.freeze({
    samsar: Object.freeze({
      apiKey: r.SAMSAR_API_KEY,
      baseUrl: r.SAMSAR_BASE_URL,
      mode: modeOf(r.SAMSAR_API_KEY, sandbox),
    }),
    samautomation: Object.freeze({
      apiKey: r.SAMAUTOMATION_API_KEY,
      baseUrl: r.SAMAUTOMATION_BASE_URL,
      mode: modeOf(r.SAMAUTOMATION_API_KEY, sandbox),
    }),
    sandboxRenderSeconds: r.VIDEOGEN_SANDBOX_RENDER_SECONDS,
    sandboxCallbacks: r.VIDEOGEN_SANDBOX_CALLBACKS,
    timeScale: r.VIDEOGEN_TIME_SCALE,
    http: Object.freeze({
      connectTimeoutMs: r.VIDEOGEN_CONNECT_TIMEOUT_MS,
      responseTimeoutMs: r.VIDEOGEN_RESPONSE_TIMEOUT_MS,
    }),
    cost: Object.freeze({
      autoApproveCredits: r.VIDEOGEN_AUTO_APPROVE_CREDITS,
      autoApproveQuota: r.VIDEOGEN_AUTO_APPROVE_QUOTA,
      secret: r.VIDEOGEN_SECRET,
      maxCreditsPerCall: r.VIDEOGEN_MAX_CREDITS_PER_CALL,
      dailyCreditBudget: r.VIDEOGEN_DAILY_CREDIT_BUDGET,
    }),
    dataDir,
    database: r.VIDEOGEN_DATABASE_URL
      ? Object.freeze({ url: r.VIDEOGEN_DATABASE_URL, schema: r.VIDEOGEN_DATABASE_SCHEMA })
      : undefined,
    maxWaitSeconds: r.VIDEOGEN_MAX_WAIT_SECONDS,
    download: Object.freeze({
      outputDir,
      maxBytes: r.VIDEOGEN_DOWNLOAD_MAX_BYTES,
      extraHosts: Object.freeze(list(r.VIDEOGEN_DOWNLOAD_HOSTS)),
    }),
    exportDestinations: r.VIDEOGEN_EXPORT_DESTINATIONS,
    toolsets: Object.freeze((toolsets.length ? toolsets : [...TOOLSETS]) as Toolset[]),
    tools: r.VIDEOGEN_TOOLS ? Object.freeze(list(r.VIDEOGEN_TOOLS)) : undefined,
    readOnly: r.VIDEOGEN_READ_ONLY,
    server: Object.freeze({
      principals: principalsOf(r, invalid),
      allowedHosts: Object.freeze(list(r.VIDEOGEN_HTTP_ALLOWED_HOSTS)),
      maxSessions: r.VIDEOGEN_HTTP_MAX_SESSIONS,
      sessionIdleSeconds: r.VIDEOGEN_HTTP_SESSION_IDLE_SECONDS,
    }),
    publicUrl: r.VIDEOGEN_PUBLIC_URL,
    logLevel: r.VIDEOGEN_LOG_LEVEL,
    fromFlags: Object.freeze(fromFlags),
    warnings: Object.freeze(unknownVariableWarnings(env)),
  });
}

/** Documentation of every variable, for --help and the README table test. */
export const CONFIG_DOCS: ReadonlyArray<{
  name: string;
  flag?: string;
  default: string;
  description: string;
}> = [
  {
    name: 'SAMSAR_API_KEY',
    flag: '--samsar-api-key',
    default: '(none: sandbox)',
    description: 'Samsar API key (Bearer). Without it the embedded sandbox answers for Samsar.',
  },
  {
    name: 'SAMSAR_BASE_URL',
    flag: '--samsar-base-url',
    default: 'https://api.samsar.one/v1',
    description: 'Samsar API base URL.',
  },
  {
    name: 'SAMAUTOMATION_API_KEY',
    flag: '--samautomation-api-key',
    default: '(none: sandbox)',
    description:
      'SamAutomation API key, sent as X-API-Key. Without it the embedded sandbox answers for SamAutomation.',
  },
  {
    name: 'SAMAUTOMATION_BASE_URL',
    flag: '--samautomation-base-url',
    default: 'https://samautomation.work',
    description: 'SamAutomation base URL.',
  },
  {
    name: 'VIDEOGEN_SANDBOX',
    flag: '--sandbox',
    default: '(per provider)',
    description:
      'Unset: a provider without a key is sandboxed. 1: the sandbox answers for both. 0: never; calls to a provider without a key are refused.',
  },
  {
    name: 'VIDEOGEN_SANDBOX_RENDER_SECONDS',
    default: '10',
    description: 'Simulated seconds a sandbox render takes.',
  },
  {
    name: 'VIDEOGEN_SANDBOX_CALLBACKS',
    default: 'on',
    description:
      'How the sandbox calls back finished renders (loopback URLs only): on, late (five simulated minutes after the end), twice, never.',
  },
  {
    name: 'VIDEOGEN_TIME_SCALE',
    default: '1',
    description:
      'Speed-up of simulated time (sandbox renders and waiting; ledger, budgets and tokens keep wall-clock time), for demos and tests.',
  },
  { name: 'VIDEOGEN_CONNECT_TIMEOUT_MS', default: '10000', description: 'Upstream connect time-out.' },
  {
    name: 'VIDEOGEN_RESPONSE_TIMEOUT_MS',
    default: '30000',
    description: 'Upstream response (headers and body) time-out.',
  },
  {
    name: 'VIDEOGEN_AUTO_APPROVE_CREDITS',
    default: '0',
    description: 'Calls quoted at or below this many credits need no confirmation.',
  },
  {
    name: 'VIDEOGEN_AUTO_APPROVE_QUOTA',
    default: '0',
    description: '1 lets quota-class renders (one video of the plan) run without confirmation.',
  },
  {
    name: 'VIDEOGEN_SECRET',
    default: '(random, kept in VIDEOGEN_DATA_DIR)',
    description:
      'Key for confirmation tokens; servers that share it and VIDEOGEN_DATA_DIR share tokens and replay protection.',
  },
  {
    name: 'VIDEOGEN_MAX_CREDITS_PER_CALL',
    default: '(none)',
    description: 'Refuse any single call quoted above this, even when confirmed.',
  },
  {
    name: 'VIDEOGEN_DAILY_CREDIT_BUDGET',
    default: '(none)',
    description:
      "Refuse calls that would take the UTC day's confirmed spend of all principals together past this.",
  },
  {
    name: 'VIDEOGEN_DATA_DIR',
    default: '~/.local/state/videogen-mcp',
    description: 'Where the spend ledger lives.',
  },
  {
    name: 'VIDEOGEN_DATABASE_URL',
    default: '(none: files in VIDEOGEN_DATA_DIR)',
    description:
      'PostgreSQL URL (postgres://user:password@host:5432/db) of the store shared by every instance; migrated at start.',
  },
  {
    name: 'VIDEOGEN_DATABASE_SCHEMA',
    default: 'videogen',
    description: 'Schema holding the PostgreSQL store (created when missing); one per deployment.',
  },
  {
    name: 'VIDEOGEN_MAX_WAIT_SECONDS',
    default: '600',
    description: 'Upper bound for wait_for_job max_wait_seconds.',
  },
  {
    name: 'VIDEOGEN_OUTPUT_DIR',
    default: OUTPUT_DIR_DEFAULT_TEXT,
    description: 'Folder download_video writes into.',
  },
  {
    name: 'VIDEOGEN_DOWNLOAD_MAX_BYTES',
    default: '2147483648',
    description: 'Largest file download_video will save.',
  },
  {
    name: 'VIDEOGEN_DOWNLOAD_HOSTS',
    default: '(provider hosts)',
    description:
      'Extra hosts download_video {url} may fetch from, comma-separated (host, host:port, *.domain).',
  },
  {
    name: 'VIDEOGEN_EXPORT_DESTINATIONS',
    default: '(none)',
    description: 'JSON of named SamAutomation export destinations (credentials stay in the server).',
  },
  {
    name: 'VIDEOGEN_TOOLSETS',
    flag: '--toolsets',
    default: '(all)',
    description: `Comma-separated toolsets: ${TOOLSETS.join(', ')}.`,
  },
  {
    name: 'VIDEOGEN_TOOLS',
    flag: '--tools',
    default: '(all)',
    description: 'Comma-separated allowlist of tool names.',
  },
  {
    name: 'VIDEOGEN_READ_ONLY',
    flag: '--read-only',
    default: '0',
    description: '1 exposes only tools that change and charge nothing.',
  },
  {
    name: 'VIDEOGEN_HTTP_TOKEN',
    default: '(none)',
    description: "Bearer token required by the HTTP transport (one principal, 'default').",
  },
  {
    name: 'VIDEOGEN_HTTP_TOKENS',
    default: '(none)',
    description:
      'Instead of one token: a JSON file path or inline JSON [{"name", "token", "daily_budget"?}], one principal per agent or person.',
  },
  {
    name: 'VIDEOGEN_HTTP_ALLOWED_HOSTS',
    flag: '--allowed-hosts',
    default: '(loopback)',
    description: 'Extra Host/Origin names (without port) the HTTP transport accepts, comma-separated.',
  },
  {
    name: 'VIDEOGEN_HTTP_MAX_SESSIONS',
    default: '100',
    description:
      'Cap on concurrent 2025-era HTTP sessions. At the cap the least recently used idle session gives way; a client holding its share (max(10, cap/4)) recycles its own.',
  },
  {
    name: 'VIDEOGEN_HTTP_SESSION_IDLE_SECONDS',
    default: '1800',
    description: 'Idle 2025-era HTTP sessions expire after this.',
  },
  {
    name: 'VIDEOGEN_PUBLIC_URL',
    flag: '--public-url',
    default: '(none: polling only)',
    description:
      'HTTP transport: the base URL at which providers reach this server; renders then call back (under /callbacks/) when they end, and waits end at once.',
  },
  {
    name: 'VIDEOGEN_LOG_LEVEL',
    flag: '--log-level',
    default: 'info',
    description: 'stderr log level: debug, info, warn, error, silent.',
  },
];
