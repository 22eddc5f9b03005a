/** SamAutomation AI model endpoints: the live model catalogue, AI jobs and the credit balance. */
import * as z from 'zod/v4';
import type { AppDeps } from '../deps.js';
import { ValidationError } from '../errors.js';
import { atMost, guardedText, httpUrl } from '../providers/samautomation/common.js';
import { type CatalogueEntry, defineEntry } from './define.js';

const READ = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true };
const CREATE = { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true };

const MODELS_CACHE_KEY = 'samautomation:ai_models';
const MODELS_TTL_MS = 60 * 60 * 1000;

type Model = { id?: string; model_id?: string; capabilities?: unknown };

/** The model list in the documented envelope, or the other shapes the pricing reader accepts. */
function modelsIn(data: unknown): Model[] | undefined {
  const d = (data ?? {}) as Record<string, unknown>;
  const inner = (d.data ?? {}) as Record<string, unknown>;
  return [data, d.models, d.data, inner.models].find(Array.isArray) as Model[] | undefined;
}

/** The live catalogue, cached; undefined when it cannot be read (upstream then decides). */
async function liveModels(deps: AppDeps, signal?: AbortSignal): Promise<Model[] | undefined> {
  try {
    return await deps.cache.get(MODELS_CACHE_KEY, MODELS_TTL_MS, async () => {
      const res = await deps.http.request({
        provider: 'samautomation',
        method: 'GET',
        path: '/api/ai/models',
        signal,
      });
      const models = modelsIn(res.data);
      if (!models) throw new Error('no model list');
      return models;
    });
  } catch {
    return undefined;
  }
}

/** Model id known, and images given exactly when the model's capabilities allow or need them. */
async function checkModel(
  args: { model_id: string; image_urls?: string[] },
  deps: AppDeps,
  signal?: AbortSignal,
) {
  const models = await liveModels(deps, signal);
  if (!models) return;
  const model = models.find((m) => (m.id ?? m.model_id) === args.model_id);
  const hint = 'Call samautomation_list_ai_models for ids and capabilities.';
  if (!model) throw new ValidationError('model_id', `unknown model '${args.model_id}'`, hint);
  const caps = Array.isArray(model.capabilities) ? (model.capabilities as string[]) : undefined;
  if (!caps) return;
  const images = args.image_urls?.length ?? 0;
  if (images && !caps.some((c) => c !== 't2v')) {
    throw new ValidationError('image_urls', `${args.model_id} is text-to-video only: omit image_urls`, hint);
  }
  if (!images && !caps.includes('t2v')) {
    throw new ValidationError('image_urls', `${args.model_id} needs at least one image URL`, hint);
  }
}

/** The documented option types; which options a model takes is in its catalogue entry. Others pass through. */
const aiOptionRules = z.looseObject({
  duration_seconds: z.number().positive().optional(),
  aspect_ratio: z.string().optional(),
  quality_mode: z.string().optional(),
  sound: z.boolean().optional(),
  multiShots: z.boolean().optional(),
});

const jobId = z
  .union([z.int().positive(), z.string().regex(/^\d+$/, 'must be a numeric job id')])
  .describe('From samautomation_create_ai_job.');

export const samautomationAiEntries: CatalogueEntry[] = [
  defineEntry({
    name: 'samautomation_list_ai_models',
    title: 'List AI models',
    description: 'Lists active AI models with credits per job, capabilities and plan access. Free.',
    provider: 'samautomation',
    toolset: 'ai',
    method: 'GET',
    path: '/api/ai/models',
    auth: true,
    input: z.object({ type: z.enum(['video', 'image']).optional() }),
    billing: 'free',
    annotations: READ,
    request: ({ type }) => ({ query: { type } }),
    summarize: (d) => {
      const models = ((d as { models?: unknown }).models ?? []) as Array<{ id: string; credits?: number }>;
      return `${models.length} models: ${models.map((m) => `${m.id} ${m.credits}`).join(', ')}.`;
    },
  }),
  defineEntry({
    name: 'samautomation_create_ai_job',
    title: 'Create AI job',
    description:
      "Starts an AI video job. Costs the model's credits (samautomation_list_ai_models): quote with estimate_cost first.",
    provider: 'samautomation',
    toolset: 'ai',
    method: 'POST',
    path: '/api/ai/jobs',
    auth: true,
    input: z.object({
      model_id: guardedText(100).describe('From samautomation_list_ai_models.'),
      prompt: guardedText(10_000),
      image_urls: atMost(z.array(httpUrl).min(1), 100).optional(),
      options: aiOptionRules.optional().describe('Per model: samautomation_list_ai_models.'),
    }),
    billing: 'credits',
    annotations: CREATE,
    job: 'samautomation_ai_job',
    precheck: checkModel,
    request: ({ model_id, prompt, image_urls, options }) => ({
      body: {
        model_id,
        prompt,
        ...(image_urls ? { image_urls } : {}),
        ...(options ? { options } : {}),
      },
    }),
    summarize: (d) => {
      const j = d as { job_id?: number; credits_charged?: number; credits_remaining?: number };
      return `AI job ${j.job_id} started (${j.credits_charged} credits, ${j.credits_remaining} left).`;
    },
  }),
  defineEntry({
    name: 'samautomation_get_ai_job',
    title: 'AI job status',
    description: 'One status check of an AI job (running, success with result_urls, failed). Free.',
    provider: 'samautomation',
    toolset: 'jobs',
    method: 'GET',
    path: '/api/ai/jobs/{job_id}',
    auth: true,
    input: z.object({ job_id: jobId }),
    billing: 'free',
    annotations: READ,
    request: ({ job_id }) => ({ pathParams: { job_id } }),
    summarize: (d) => {
      const j = d as { status?: string; result_urls?: string[]; error_message?: string };
      if (j.status === 'success') return `Done: ${(j.result_urls ?? []).join(' ')}`;
      if (j.status === 'failed') return `Failed: ${j.error_message}`;
      return `Status ${j.status}. Prefer wait_for_job to follow it.`;
    },
  }),
  defineEntry({
    name: 'samautomation_credit_balance',
    title: 'AI credit balance',
    description: 'Reads the remaining subscription and top-up AI credits. Free.',
    provider: 'samautomation',
    toolset: 'account',
    method: 'GET',
    path: '/api/ai/credits/balance',
    auth: true,
    input: z.object({}),
    billing: 'free',
    annotations: READ,
    request: () => ({}),
    summarize: (d) => {
      const b = d as { total_credits?: number; subscription_credits?: number; topup_credits?: number };
      return `${b.total_credits} AI credits (${b.subscription_credits} subscription, ${b.topup_credits} top-up).`;
    },
  }),
];
