/**
 * Samsar session status (GET /status, or /external_users/status for external request ids) read
 * into a JobSnapshot: the running stage from expressGenerationStatus, the result URLs and metadata.
 */
import type { AppDeps } from '../deps.js';
import { UpstreamError } from '../errors.js';
import { buildQuery } from '../http/path.js';
import type { JobSnapshot, JobState } from './snapshot.js';

type SamsarStatus = {
  status?: string;
  expressGenerationStatus?: Record<string, string>;
  expressGenerationError?: string;
  message?: string;
  result_url?: string;
  result_urls?: string[];
  videoLink?: string;
  remoteURL?: string;
  has_subtitles?: boolean | null;
  result_language?: string;
};

const STATES: Record<string, JobState> = {
  COMPLETED: 'completed',
  FAILED: 'failed',
  CANCELLED: 'cancelled',
};

/** Where a session stands: the first stage not yet completed, and the share of stages done. */
function stageOf(stages: Record<string, string> | undefined): { stage?: string; percent?: number } {
  const entries = Object.entries(stages ?? {});
  if (!entries.length) return {};
  const done = entries.filter(([, v]) => v === 'COMPLETED').length;
  const running = entries.filter(([, v]) => v === 'IN_PROGRESS').length;
  const current =
    entries.find(([, v]) => v === 'FAILED') ??
    entries.find(([, v]) => v === 'IN_PROGRESS') ??
    entries.find(([, v]) => v !== 'COMPLETED');
  return {
    stage: current ? `${current[0]}: ${current[1]}` : undefined,
    percent: ((done + running * 0.5) / entries.length) * 100,
  };
}

export function samsarSnapshot(id: string, data: unknown): JobSnapshot {
  const d = (data ?? {}) as SamsarStatus;
  const status = String(d.status ?? 'PENDING').toUpperCase();
  const state = STATES[status] ?? 'pending';
  const urls = [...(d.result_urls ?? []), d.result_url, d.videoLink, d.remoteURL].filter(
    (u): u is string => typeof u === 'string' && u.length > 0,
  );
  const { stage, percent } = stageOf(d.expressGenerationStatus);
  return {
    provider: 'samsar',
    id,
    kind: 'samsar_session',
    state,
    status,
    stage: stage ?? (state === 'pending' ? 'queued' : status.toLowerCase()),
    percent: state === 'completed' ? 100 : percent,
    result_urls: state === 'completed' ? [...new Set(urls)] : [],
    ...(d.has_subtitles !== undefined ? { has_subtitles: d.has_subtitles } : {}),
    ...(d.result_language ? { language: d.result_language } : {}),
    ...(state === 'failed' || state === 'cancelled'
      ? { reason: d.expressGenerationError ?? d.message ?? status.toLowerCase() }
      : {}),
    raw: data,
  };
}

/** External request ids carry this prefix; their status lives under /external_users. */
export const isExternalId = (id: string) => id.startsWith('extreq_');

export async function fetchSamsarSnapshot(deps: AppDeps, id: string, signal?: AbortSignal) {
  const get = (route: string) =>
    deps.http.request({
      provider: 'samsar',
      method: 'GET',
      path: route + buildQuery({ request_id: id }),
      signal,
    });
  try {
    return samsarSnapshot(id, (await get(isExternalId(id) ? '/external_users/status' : '/status')).data);
  } catch (err) {
    // A normalised external id does not look external: the external route may still know it.
    if (!(err instanceof UpstreamError && err.status === 404) || isExternalId(id)) throw err;
    try {
      return samsarSnapshot(id, (await get('/external_users/status')).data);
    } catch {
      throw err;
    }
  }
}
