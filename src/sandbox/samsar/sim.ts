/**
 * The Samsar half of the sandbox: the documented routes, ownership, credits and session lifecycle.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../clock.js';
import { mp4OfDuration, serveBytes } from '../files.js';
import { SANDBOX_KEYS } from '../keys.js';
import { type Handler, json, type Route, type SandboxRequest } from '../router.js';
import { SUPPORTED_FONTS, SUPPORTED_MODELS } from './reference-data.js';
import { type Session, TEXT_TO_VIDEO_STAGES, viewSession } from './sessions.js';

export interface SamsarSimOptions {
  clock: Clock;
  renderSeconds: number;
  filesUrl(): string;
}

export interface SamsarSim {
  routes: Route[];
  fileRoutes: Route[];
  sessions: Map<string, Session>;
  /** Credit balance per API key. */
  credits: Map<string, number>;
}

export const SANDBOX_STARTING_CREDITS = 100_000;

export function createSamsarSim(options: SamsarSimOptions): SamsarSim {
  const { clock } = options;
  const sessions = new Map<string, Session>();
  const credits = new Map<string, number>([
    [SANDBOX_KEYS.samsar, SANDBOX_STARTING_CREDITS],
    [SANDBOX_KEYS.samsarOther, SANDBOX_STARTING_CREDITS],
  ]);

  const newId = (prefix = 'vid') => `${prefix}_${randomBytes(6).toString('hex')}`;
  const resultUrl = (id: string) => `${options.filesUrl()}/samsar/${id}.mp4`;
  const rate = (model: string) =>
    SUPPORTED_MODELS.VIDEO_MODELS.find((m) => m.value === model)?.pricingDistribution.total;

  /** Resolves the caller's key, or answers 401 the way Samsar does. */
  const authed =
    (handler: (req: SandboxRequest, key: string) => ReturnType<Handler>): Handler =>
    (req) => {
      const header = String(req.headers.authorization ?? '');
      const key = /^Bearer (.+)$/.exec(header)?.[1];
      if (!header) return json(400, { error: 'Missing API key' });
      if (!key || !credits.has(key)) return json(401, { error: 'Invalid API key' });
      return handler(req, key);
    };

  const inputOf = (req: SandboxRequest): Record<string, unknown> => {
    const b = (req.body ?? {}) as Record<string, unknown>;
    return (b.input && typeof b.input === 'object' ? b.input : b) as Record<string, unknown>;
  };

  /** Debits `amount` and returns the credit headers, or a 402 response when short. */
  const charge = (key: string, amount: number) => {
    const balance = credits.get(key) ?? 0;
    if (amount > balance) {
      return {
        error: json(402, {
          error: 'Insufficient credits',
          creditsRequired: amount,
          creditsRemaining: balance,
        }),
      };
    }
    credits.set(key, balance - amount);
    return {
      headers: { 'x-credits-charged': String(amount), 'x-credits-remaining': String(balance - amount) },
    };
  };

  const statusBody = (s: Session) => {
    const v = viewSession(s, clock);
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
  };

  const textToVideo = authed((req, key) => {
    const input = inputOf(req);
    const prompt = input.prompt;
    if (typeof prompt !== 'string' || !prompt.trim()) return json(400, { error: 'prompt is required' });
    if (prompt.length > 1000) return json(400, { error: 'prompt must be at most 1000 characters' });
    const model = String(input.video_model ?? '');
    const perSecond = rate(model);
    if (perSecond === undefined) return json(400, { error: `Unsupported video_model '${model}'` });
    const duration = Number(input.duration);
    if (!Number.isFinite(duration) || duration <= 0 || duration > 240) {
      return json(400, { error: 'duration must be a number of seconds up to 240' });
    }
    const billed = charge(key, Math.ceil(duration) * perSecond);
    if (billed.error) return billed.error;
    const id = newId();
    sessions.set(id, {
      id,
      ownerKey: key,
      kind: 'text_to_video',
      createdAt: clock.now(),
      renderMs: options.renderSeconds * 1000,
      stages: TEXT_TO_VIDEO_STAGES,
      durationSeconds: duration,
      aspectRatio: input.aspect_ratio === '9:16' ? '9:16' : '16:9',
      framesPerSecond: 30,
      language: typeof input.language === 'string' && input.language !== 'auto' ? input.language : 'en',
      hasSubtitles: input.enable_subtitles !== false,
      provider: model,
      failAt: prompt.includes('[sandbox:fail]') ? 'video_generation' : undefined,
      input,
    });
    return json(200, { request_id: id, session_id: id }, billed.headers);
  });

  const status = authed((req, key) => {
    const id = req.query.get('request_id');
    if (!id) return json(400, { error: 'request_id is required' });
    const s = sessions.get(id);
    if (!s) return json(404, { error: 'Request not found' });
    if (s.ownerKey !== key) return json(403, { error: 'Session does not belong to this API key' });
    return json(200, statusBody(s));
  });

  const routes: Route[] = [
    { method: 'GET', pattern: '/video/supported_models', handler: () => json(200, SUPPORTED_MODELS) },
    { method: 'GET', pattern: '/supported_fonts', handler: () => json(200, SUPPORTED_FONTS) },
    { method: 'POST', pattern: '/video/text_to_video', handler: textToVideo },
    { method: 'GET', pattern: '/status', handler: status },
  ];

  const fileRoutes: Route[] = [
    {
      method: 'GET',
      pattern: '/samsar/{file}',
      handler: (req) => {
        const id = req.params.file?.replace(/\.mp4$/, '') ?? '';
        const s = sessions.get(id);
        if (!s || viewSession(s, clock).status !== 'COMPLETED') return json(404, { error: 'Not found' });
        return serveBytes(mp4OfDuration(s.durationSeconds), req.headers.range as string | undefined);
      },
    },
  ];

  return { routes, fileRoutes, sessions, credits };
}
