/**
 * SamAutomation job status read into a JobSnapshot: core video-generation tasks
 * (/api/function/video-generation/progress/{id}), advanced renders
 * (/api/render/advanced-video/progress/{task_id}) and AI jobs (/api/ai/jobs/{job_id}).
 */
import type { JobKind } from '../catalogue/define.js';
import type { AppDeps } from '../deps.js';
import { buildPath } from '../http/path.js';
import type { JobSnapshot, JobState } from './snapshot.js';

type SamautomationKind = Exclude<JobKind, 'samsar_session'>;

const PATHS: Record<SamautomationKind, string> = {
  samautomation_task: '/api/function/video-generation/progress/{id}',
  samautomation_advanced: '/api/render/advanced-video/progress/{id}',
  samautomation_ai_job: '/api/ai/jobs/{id}',
};

/** Task lifecycle states as documented; `timeout` is treated as a failure. AI jobs: success/failed. */
const STATES: Record<string, JobState> = {
  completed: 'completed',
  success: 'completed',
  failed: 'failed',
  timeout: 'failed',
  cancelled: 'cancelled',
  canceled: 'cancelled',
};

const asRecord = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** Progress as documented is a fraction (0.6); accept a percentage too. */
function percentOf(progress: unknown): number | undefined {
  const n = typeof progress === 'string' ? Number(progress) : progress;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) return undefined;
  return Math.min(100, n <= 1 ? n * 100 : n);
}

const strings = (...vals: unknown[]): string[] =>
  vals.flat().filter((u): u is string => typeof u === 'string' && u.length > 0);

export function samautomationSnapshot(kind: SamautomationKind, id: string, data: unknown): JobSnapshot {
  const root = asRecord(data);
  // Core and advanced progress answer under `data`; AI jobs answer at the root.
  const d = kind === 'samautomation_ai_job' ? root : { ...root, ...asRecord(root.data) };
  const status = String(d.status ?? 'pending').toLowerCase();
  const state = STATES[status] ?? 'pending';
  const percent = state === 'completed' ? 100 : percentOf(d.progress);
  const settings = asRecord(d.settings);
  const urls = strings(d.result_urls, d.output_url, d.video_url, d.result_url, d.preview_url);
  const reason = strings(d.error_message, d.error, d.message, d.error_code)[0];
  return {
    provider: 'samautomation',
    id,
    kind,
    state,
    status,
    stage: percent !== undefined && state === 'pending' ? `${status} ${Math.round(percent)}%` : status,
    ...(percent !== undefined ? { percent } : {}),
    result_urls: state === 'completed' ? [...new Set(urls)] : [],
    ...(typeof settings.language === 'string' ? { language: settings.language } : {}),
    ...(state === 'failed' || state === 'cancelled' ? { reason: reason ?? status } : {}),
    raw: data,
  };
}

export async function fetchSamautomationSnapshot(
  deps: AppDeps,
  kind: SamautomationKind,
  id: string,
  signal?: AbortSignal,
): Promise<JobSnapshot> {
  const res = await deps.http.request({
    provider: 'samautomation',
    method: 'GET',
    path: buildPath(PATHS[kind], { id }),
    signal,
  });
  return samautomationSnapshot(kind, id, res.data);
}
