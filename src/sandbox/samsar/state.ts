/**
 * The Samsar sandbox's state and the rules every route shares: API keys, credit balances (of the
 * account and of its external users), session ownership, and the documented status answer.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../clock.js';
import type { SandboxCallbackMode } from '../../config.js';
import { type CallbackLog, CallbackScheduler } from '../callbacks.js';
import { SANDBOX_KEYS } from '../keys.js';
import { type Handler, json, type SandboxRequest, type SandboxResponse } from '../router.js';
import { type ExternalOwner, type Session, STAGES, viewSession } from './sessions.js';

export const SANDBOX_STARTING_CREDITS = 100_000;

export interface SamsarStateOptions {
  clock: Clock;
  renderSeconds: number;
  filesUrl(): string;
  callbackMode: SandboxCallbackMode;
  callbackLog: CallbackLog;
}

/** Thrown inside a route to answer with a documented error. */
export class Reply extends Error {
  constructor(readonly response: SandboxResponse) {
    super(`sandbox reply ${response.status}`);
  }
}

export const fail = (status: number, error: string): never => {
  throw new Reply(json(status, { error }));
};

export type SamsarState = ReturnType<typeof createSamsarState>;

export function createSamsarState(options: SamsarStateOptions) {
  const sessions = new Map<string, Session>();
  /** Credit balance per API key, and per external user (key `apiKey|provider|unique_key`). */
  const credits = new Map<string, number>([
    [SANDBOX_KEYS.samsar, SANDBOX_STARTING_CREDITS],
    [SANDBOX_KEYS.samsarOther, SANDBOX_STARTING_CREDITS],
  ]);
  const externalCredits = new Map<string, number>();
  /** Simulated milliseconds added to the clock by advance(), so tests can step renders. */
  let offsetMs = 0;
  const now = () => options.clock.simNow() + offsetMs;
  const callbacks = new CallbackScheduler({
    clock: options.clock,
    mode: options.callbackMode,
    log: options.callbackLog,
    now,
  });

  const externalKey = (apiKey: string, e: ExternalOwner) => `${apiKey}|${e.provider}|${e.unique_key}`;

  /** Debits the payer of a request and returns the credit headers, or throws the documented 402. */
  function charge(apiKey: string, external: ExternalOwner | undefined, amount: number) {
    const map = external ? externalCredits : credits;
    const key = external ? externalKey(apiKey, external) : apiKey;
    const balance = map.get(key) ?? SANDBOX_STARTING_CREDITS;
    if (amount > balance) {
      throw new Reply(
        json(402, { error: 'Insufficient credits', creditsRequired: amount, creditsRemaining: balance }),
      );
    }
    map.set(key, balance - amount);
    return { 'x-credits-charged': String(amount), 'x-credits-remaining': String(balance - amount) };
  }

  /** Wraps a route: Bearer key check (400 missing, 401 invalid), then documented error replies. */
  const authed =
    (handler: (req: SandboxRequest, key: string) => SandboxResponse): Handler =>
    (req) => {
      const header = String(req.headers.authorization ?? '');
      const key = /^Bearer (.+)$/.exec(header)?.[1];
      if (!header) return json(400, { error: 'Missing API key' });
      if (!key || !credits.has(key)) return json(401, { error: 'Invalid API key' });
      try {
        return handler(req, key);
      } catch (err) {
        if (err instanceof Reply) return err.response;
        throw err;
      }
    };

  /** The session `id` as seen by `key`: 400 without an id, 404 unknown, 403 another account's. */
  function owned(key: string, id: unknown, field = 'videoSessionId'): Session {
    if (typeof id !== 'string' || !id.trim()) return fail(400, `${field} is required`);
    const s = sessions.get(id);
    if (!s) return fail(404, `Session ${id} not found`);
    if (s.ownerKey !== key) return fail(403, 'Session does not belong to this API key');
    return s;
  }

  const statusOf = (s: Session) => viewSession(s, now()).status;

  /** A source that is cloned must have a finished video. */
  function completed(s: Session): Session {
    if (statusOf(s) !== 'COMPLETED') fail(400, `Session ${s.id} has no completed video URL`);
    return s;
  }

  function create(fields: Omit<Session, 'id' | 'createdAt' | 'renderMs' | 'stages'>): Session {
    const id = fields.external
      ? `extreq_${randomBytes(16).toString('hex')}`
      : `vid_${randomBytes(6).toString('hex')}`;
    const s: Session = {
      ...fields,
      id,
      createdAt: now(),
      renderMs: options.renderSeconds * 1000,
      stages: STAGES[fields.kind] ?? ['video_generation'],
    };
    sessions.set(id, s);
    // The reference documents webhookUrl but not its payload: the sandbox sends the /status answer.
    const endsAt = s.createdAt + s.renderMs * (s.failAt ? 0.5 : 1);
    callbacks.schedule('samsar', id, s.webhookUrl, endsAt, () => {
      const status = viewSession(s, now()).status;
      if (status !== 'COMPLETED' && status !== 'FAILED') return undefined;
      return { headers: {}, body: JSON.stringify(statusBody(s)) };
    });
    return s;
  }

  /** The documented creation answer; external sessions also carry their status endpoint. */
  function created(s: Session, extra: Record<string, unknown> = {}) {
    return {
      request_id: s.id,
      session_id: s.id,
      ...(s.external
        ? { external_request_id: s.id, status_endpoint: `/v1/external_users/status?request_id=${s.id}` }
        : {}),
      ...extra,
    };
  }

  const resultUrl = (id: string) => `${options.filesUrl()}/samsar/${id}.mp4`;

  /** GET /status body for a session, per the reference. */
  function statusBody(s: Session) {
    const v = viewSession(s, now());
    const base = {
      session_id: s.id,
      request_id: s.id,
      status: v.status,
      type: 'video',
      provider: s.provider,
    };
    if (v.status === 'COMPLETED') {
      const url = resultUrl(s.id);
      return {
        ...base,
        result_url: url,
        result_urls: [url],
        has_subtitles: s.hasSubtitles,
        result_language: s.language,
        videoLink: url,
        remoteURL: url,
      };
    }
    if (v.status === 'FAILED') {
      return {
        ...base,
        expressGenerationStatus: v.stages,
        expressGenerationError: `${s.failAt} failed`,
        message: 'Video generation failed.',
      };
    }
    if (v.status === 'CANCELLED') return { ...base, message: 'Render was cancelled.' };
    return { ...base, expressGenerationStatus: v.stages };
  }

  return {
    sessions,
    credits,
    externalCredits,
    externalKey,
    now,
    advance: (ms: number) => {
      offsetMs += ms;
      callbacks.nudge();
    },
    charge,
    authed,
    owned,
    completed,
    statusOf,
    create,
    created,
    resultUrl,
    statusBody,
  };
}

/** The request's top-level webhookUrl, as given (the scheduler calls only loopback URLs). */
export const webhookOf = (req: SandboxRequest): unknown =>
  (req.body as Record<string, unknown> | undefined)?.webhookUrl;

/** The request's `input` (nested form, recommended) or the flat body. */
export function inputOf(req: SandboxRequest): Record<string, unknown> {
  const b = (req.body ?? {}) as Record<string, unknown>;
  return (b.input && typeof b.input === 'object' ? b.input : b) as Record<string, unknown>;
}

/** The body's external_user, normalised (unique_key defaults to external_user_id), or 400. */
export function externalUserOf(req: SandboxRequest, required: boolean): ExternalOwner | undefined {
  const e = (req.body as Record<string, unknown> | undefined)?.external_user as
    | Record<string, unknown>
    | undefined;
  if (!e) return required ? fail(400, 'external_user is required') : undefined;
  const provider = e.provider;
  const id = e.external_user_id;
  if (typeof provider !== 'string' || !provider || typeof id !== 'string' || !id) {
    return fail(400, 'external_user needs provider and external_user_id');
  }
  const unique = typeof e.unique_key === 'string' && e.unique_key ? e.unique_key : id;
  return { provider, external_user_id: id, unique_key: unique };
}
