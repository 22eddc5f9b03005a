/**
 * The sandbox's AI job routes: the model catalogue, jobs that debit credits when created (402 when
 * short, 403 for a model outside the plan) and finish on the simulated clock with result_urls, and
 * the credit balance. A prompt containing "[sandbox:fail]" makes the job fail.
 */
import type { Clock } from '../../clock.js';
import { type AspectRatio, aspectRatioOf, mp4OfDuration, serveBytes } from '../files.js';
import { SANDBOX_KEYS } from '../keys.js';
import { json, type Route } from '../router.js';
import { AI_MODELS, acceptsImages, listedModel, needsImages, type Plan } from './ai-models.js';
import { fail, withApiKey } from './templates-ai-auth.js';

interface Account {
  plan: Plan;
  subscription: number;
  topup: number;
}

interface AiJob {
  id: number;
  ownerKey: string;
  model: string;
  credits: number;
  durationSeconds: number;
  aspect: AspectRatio;
  createdAt: number;
  fails: boolean;
}

export interface AiJobsOptions {
  clock: Clock;
  renderSeconds: number;
  filesUrl(): string;
}

const isoTime = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');

export function createAiRoutes(options: AiJobsOptions): { routes: Route[]; fileRoutes: Route[] } {
  const { clock } = options;
  // The reference's example: a 220-credit job leaves 5230.
  const accounts = new Map<string, Account>([
    [SANDBOX_KEYS.samautomation, { plan: 'pro', subscription: 5000, topup: 450 }],
    [SANDBOX_KEYS.samautomationOther, { plan: 'basic', subscription: 100, topup: 0 }],
  ]);
  const jobs = new Map<number, AiJob>();
  let nextId = 148;

  const total = (a: Account) => a.subscription + a.topup;
  const doneAt = (j: AiJob) => j.createdAt + options.renderSeconds * 1000;
  const resultUrl = (j: AiJob) => `${options.filesUrl()}/samautomation-ai/output-${j.id}.mp4`;

  const listModels = withApiKey((req) => {
    const type = req.query.get('type');
    if (type && type !== 'video' && type !== 'image') return fail(400, "type must be 'video' or 'image'");
    const models = AI_MODELS.filter((m) => !type || m.type === type).map(listedModel);
    return json(200, { success: true, count: models.length, models });
  });

  const createJob = withApiKey((req, key) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const account = accounts.get(key)!;
    if (typeof body.model_id !== 'string' || !body.model_id) return fail(400, 'model_id is required');
    const model = AI_MODELS.find((m) => m.id === body.model_id);
    if (!model) return fail(404, `Model '${body.model_id}' not found`, { error_code: 'MODEL_NOT_FOUND' });
    if (!model.plans.includes(account.plan)) {
      return fail(403, `Model '${model.id}' is not available on the ${account.plan} plan`, {
        error_code: 'MODEL_PLAN_RESTRICTED',
      });
    }
    const images = body.image_urls;
    if (images !== undefined && (!Array.isArray(images) || images.some((u) => typeof u !== 'string'))) {
      return fail(400, 'image_urls must be a list of URLs');
    }
    const imageCount = Array.isArray(images) ? images.length : 0;
    if (imageCount && !acceptsImages(model)) return fail(400, `Model '${model.id}' does not accept images`);
    if (!imageCount && needsImages(model)) return fail(400, `Model '${model.id}' requires image_urls`);
    const prompt = typeof body.prompt === 'string' ? body.prompt : '';
    if (!prompt.trim() && !imageCount) return fail(400, 'prompt is required');
    const opts = (body.options ?? {}) as Record<string, unknown>;
    if (typeof opts !== 'object' || Array.isArray(opts)) return fail(400, 'options must be an object');
    if (total(account) < model.credits) {
      return fail(402, 'Insufficient credits', {
        credits_required: model.credits,
        credits_remaining: total(account),
      });
    }
    // Subscription credits are spent before top-up credits.
    const fromSubscription = Math.min(account.subscription, model.credits);
    account.subscription -= fromSubscription;
    account.topup -= model.credits - fromSubscription;
    const duration = Number(opts.duration_seconds);
    const job: AiJob = {
      id: nextId++,
      ownerKey: key,
      model: model.id,
      credits: model.credits,
      durationSeconds: Number.isFinite(duration) && duration > 0 ? duration : 5,
      aspect: aspectRatioOf(opts.aspect_ratio),
      createdAt: clock.simNow(),
      fails: prompt.includes('[sandbox:fail]'),
    };
    jobs.set(job.id, job);
    return json(202, {
      success: true,
      job_id: job.id,
      status: 'running',
      credits_charged: job.credits,
      credits_remaining: total(account),
    });
  });

  const getJob = withApiKey((req, key) => {
    const job = /^\d+$/.test(req.params.job_id ?? '') ? jobs.get(Number(req.params.job_id)) : undefined;
    if (!job || job.ownerKey !== key) return fail(404, 'Job not found');
    const finished = clock.simNow() >= doneAt(job);
    const status = !finished ? 'running' : job.fails ? 'failed' : 'success';
    return json(200, {
      success: true,
      job_id: job.id,
      model_id: job.model,
      status,
      result_urls: status === 'success' ? [resultUrl(job)] : [],
      error_code: status === 'failed' ? 'GENERATION_FAILED' : null,
      error_message: status === 'failed' ? 'The model could not generate this prompt.' : null,
      credits_charged: job.credits,
      created_at: isoTime(job.createdAt),
      completed_at: finished ? isoTime(doneAt(job)) : null,
    });
  });

  const balance = withApiKey((_req, key) => {
    const a = accounts.get(key)!;
    return json(200, {
      success: true,
      plan: a.plan,
      subscription_credits: a.subscription,
      topup_credits: a.topup,
      total_credits: total(a),
    });
  });

  const routes: Route[] = [
    { method: 'GET', pattern: '/api/ai/models', handler: listModels },
    { method: 'POST', pattern: '/api/ai/jobs', handler: createJob },
    { method: 'POST', pattern: '/api/ai/generate', handler: createJob },
    { method: 'GET', pattern: '/api/ai/jobs/{job_id}', handler: getJob },
    { method: 'GET', pattern: '/api/ai/credits/balance', handler: balance },
  ];

  const fileRoutes: Route[] = [
    {
      method: 'GET',
      pattern: '/samautomation-ai/{file}',
      handler: (req) => {
        const id = /^output-(\d+)\.mp4$/.exec(req.params.file ?? '')?.[1];
        const job = id ? jobs.get(Number(id)) : undefined;
        if (!job || job.fails || clock.simNow() < doneAt(job)) return json(404, { error: 'Not found' });
        return serveBytes(
          mp4OfDuration(job.durationSeconds, job.aspect),
          req.headers.range as string | undefined,
        );
      },
    },
  ];

  return { routes, fileRoutes };
}
