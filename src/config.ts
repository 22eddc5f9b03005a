/**
 * One schema over environment and flags, parsed once at start, frozen and injected.
 * Every setting of the server lives here so there is one place to read what can be configured.
 */
import os from 'node:os';
import path from 'node:path';
import * as z from 'zod/v4';

const TOOLSETS = ['samsar', 'samautomation', 'templates', 'ai', 'account', 'jobs'] as const;
export type Toolset = (typeof TOOLSETS)[number];
export const ALL_TOOLSETS: readonly Toolset[] = TOOLSETS;

const boolFlag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const httpUrl = z
  .string()
  .url()
  .refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL')
  .transform((u) => u.replace(/\/+$/, ''));

const nonNegInt = z.coerce.number().int().min(0);
const positiveInt = z.coerce.number().int().positive();

/** Default state directory: XDG_STATE_HOME, else the platform's usual place. */
function defaultDataDir(env: NodeJS.ProcessEnv): string {
  if (env.XDG_STATE_HOME) return path.join(env.XDG_STATE_HOME, 'videogen-mcp');
  if (process.platform === 'darwin')
    return path.join(os.homedir(), 'Library', 'Application Support', 'videogen-mcp');
  if (process.platform === 'win32') return path.join(env.LOCALAPPDATA ?? os.homedir(), 'videogen-mcp');
  return path.join(os.homedir(), '.local', 'state', 'videogen-mcp');
}

/** Raw settings keyed by their environment variable names; flags are mapped onto the same keys. */
const rawSchema = z.object({
  SAMSAR_API_KEY: z.string().min(1).optional(),
  SAMSAR_BASE_URL: httpUrl.default('https://api.samsar.one/v1'),
  SAMAUTOMATION_API_KEY: z.string().min(1).optional(),
  SAMAUTOMATION_BASE_URL: httpUrl.default('https://samautomation.work'),
  VIDEOGEN_SANDBOX: boolFlag.default(false),
  /** Simulated seconds a sandbox render takes. */
  VIDEOGEN_SANDBOX_RENDER_SECONDS: z.coerce.number().positive().default(10),
  /** Simulated time runs this many times faster than real time (tests, demos). */
  VIDEOGEN_TIME_SCALE: z.coerce.number().positive().max(10_000).default(1),
  VIDEOGEN_CONNECT_TIMEOUT_MS: positiveInt.default(10_000),
  VIDEOGEN_RESPONSE_TIMEOUT_MS: positiveInt.default(30_000),
  VIDEOGEN_AUTO_APPROVE_CREDITS: nonNegInt.default(0),
  VIDEOGEN_AUTO_APPROVE_QUOTA: boolFlag.default(false),
  VIDEOGEN_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  VIDEOGEN_MAX_CREDITS_PER_CALL: positiveInt.optional(),
  VIDEOGEN_DAILY_CREDIT_BUDGET: positiveInt.optional(),
  VIDEOGEN_DATA_DIR: z.string().min(1).optional(),
  VIDEOGEN_DATABASE_URL: z
    .string()
    .refine((u) => /^postgres(ql)?:\/\/./.test(u), 'must be a postgres:// or postgresql:// URL')
    .optional(),
  VIDEOGEN_DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case SQL name (letters, digits, _; at most 63)')
    .default('videogen'),
  VIDEOGEN_MAX_WAIT_SECONDS: positiveInt.default(600),
  VIDEOGEN_OUTPUT_DIR: z.string().min(1).default('./videos'),
  VIDEOGEN_DOWNLOAD_MAX_BYTES: positiveInt.default(2 * 1024 * 1024 * 1024),
  /** Extra hosts `download_video {url}` may fetch from, comma-separated. */
  VIDEOGEN_DOWNLOAD_HOSTS: z.string().default(''),
  /** Named export destinations (JSON object name -> destination) so secrets never pass through the model. */
  VIDEOGEN_EXPORT_DESTINATIONS: z.string().optional(),
  VIDEOGEN_TOOLSETS: z.string().optional(),
  VIDEOGEN_TOOLS: z.string().optional(),
  VIDEOGEN_READ_ONLY: boolFlag.default(false),
  VIDEOGEN_HTTP_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  VIDEOGEN_HTTP_ALLOWED_HOSTS: z.string().default(''),
  VIDEOGEN_HTTP_MAX_SESSIONS: positiveInt.default(100),
  VIDEOGEN_HTTP_SESSION_IDLE_SECONDS: positiveInt.default(1800),
  VIDEOGEN_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
});

type Raw = z.output<typeof rawSchema>;

export interface Config {
  readonly samsar: { readonly apiKey?: string; readonly baseUrl: string };
  readonly samautomation: { readonly apiKey?: string; readonly baseUrl: string };
  /** True when the embedded sandbox answers instead of the vendors. */
  readonly sandbox: boolean;
  readonly sandboxRenderSeconds: number;
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
    readonly token?: string;
    readonly allowedHosts: readonly string[];
    readonly maxSessions: number;
    readonly sessionIdleSeconds: number;
  };
  readonly logLevel: Raw['VIDEOGEN_LOG_LEVEL'];
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const list = (s: string | undefined): string[] =>
  (s ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/**
 * Parses settings from the environment, with `overrides` (from flags) winning.
 * Throws ConfigError with one line that names the variable and what is wrong.
 */
export function loadConfig(
  env: NodeJS.ProcessEnv,
  overrides: Record<string, string | undefined> = {},
): Config {
  const merged: Record<string, string | undefined> = {};
  for (const key of Object.keys(rawSchema.shape)) {
    const value = overrides[key] ?? env[key];
    if (value !== undefined && value !== '') merged[key] = value;
  }
  const parsed = rawSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = String(issue.path[0] ?? 'configuration');
    throw new ConfigError(`invalid ${key}: ${issue.message}`);
  }
  const r = parsed.data;
  const toolsets = list(r.VIDEOGEN_TOOLSETS);
  for (const t of toolsets) {
    if (!(TOOLSETS as readonly string[]).includes(t)) {
      throw new ConfigError(
        `invalid VIDEOGEN_TOOLSETS: unknown toolset '${t}' (known: ${TOOLSETS.join(', ')})`,
      );
    }
  }
  // Without a Samsar key there is nothing real to call: the sandbox stands in for both vendors.
  const sandbox = r.VIDEOGEN_SANDBOX || !r.SAMSAR_API_KEY;
  return Object.freeze({
    samsar: Object.freeze({ apiKey: r.SAMSAR_API_KEY, baseUrl: r.SAMSAR_BASE_URL }),
    samautomation: Object.freeze({ apiKey: r.SAMAUTOMATION_API_KEY, baseUrl: r.SAMAUTOMATION_BASE_URL }),
    sandbox,
    sandboxRenderSeconds: r.VIDEOGEN_SANDBOX_RENDER_SECONDS,
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
    dataDir: path.resolve(r.VIDEOGEN_DATA_DIR ?? defaultDataDir(env)),
    database: r.VIDEOGEN_DATABASE_URL
      ? Object.freeze({ url: r.VIDEOGEN_DATABASE_URL, schema: r.VIDEOGEN_DATABASE_SCHEMA })
      : undefined,
    maxWaitSeconds: r.VIDEOGEN_MAX_WAIT_SECONDS,
    download: Object.freeze({
      outputDir: path.resolve(r.VIDEOGEN_OUTPUT_DIR),
      maxBytes: r.VIDEOGEN_DOWNLOAD_MAX_BYTES,
      extraHosts: Object.freeze(list(r.VIDEOGEN_DOWNLOAD_HOSTS)),
    }),
    exportDestinations: r.VIDEOGEN_EXPORT_DESTINATIONS,
    toolsets: Object.freeze((toolsets.length ? toolsets : [...TOOLSETS]) as Toolset[]),
    tools: r.VIDEOGEN_TOOLS ? Object.freeze(list(r.VIDEOGEN_TOOLS)) : undefined,
    readOnly: r.VIDEOGEN_READ_ONLY,
    server: Object.freeze({
      token: r.VIDEOGEN_HTTP_TOKEN,
      allowedHosts: Object.freeze(list(r.VIDEOGEN_HTTP_ALLOWED_HOSTS)),
      maxSessions: r.VIDEOGEN_HTTP_MAX_SESSIONS,
      sessionIdleSeconds: r.VIDEOGEN_HTTP_SESSION_IDLE_SECONDS,
    }),
    logLevel: r.VIDEOGEN_LOG_LEVEL,
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
    description: 'Samsar API key (Bearer). Without it the embedded sandbox is used.',
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
    default: '(none)',
    description: 'SamAutomation API key, sent as X-API-Key.',
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
    default: '0',
    description: '1 forces the embedded sandbox for both APIs.',
  },
  {
    name: 'VIDEOGEN_SANDBOX_RENDER_SECONDS',
    default: '10',
    description: 'Simulated seconds a sandbox render takes.',
  },
  {
    name: 'VIDEOGEN_TIME_SCALE',
    default: '1',
    description: 'Speed-up of simulated time (sandbox and waiting), for demos and tests.',
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
    description: "Refuse calls that would take the UTC day's confirmed spend past this.",
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
  { name: 'VIDEOGEN_OUTPUT_DIR', default: './videos', description: 'Folder download_video writes into.' },
  {
    name: 'VIDEOGEN_DOWNLOAD_MAX_BYTES',
    default: '2147483648',
    description: 'Largest file download_video will save.',
  },
  {
    name: 'VIDEOGEN_DOWNLOAD_HOSTS',
    default: '(provider hosts)',
    description: 'Extra hosts download_video {url} may fetch from, comma-separated.',
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
    description: 'Bearer token required by the HTTP transport.',
  },
  {
    name: 'VIDEOGEN_HTTP_ALLOWED_HOSTS',
    flag: '--allowed-hosts',
    default: '(loopback)',
    description: 'Extra Host/Origin names the HTTP transport accepts.',
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
    name: 'VIDEOGEN_LOG_LEVEL',
    flag: '--log-level',
    default: 'info',
    description: 'stderr log level: debug, info, warn, error, silent.',
  },
];
