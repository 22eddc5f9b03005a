/**
 * One status check of any job: picks the job kind (given, or inferred from the provider and the id)
 * and asks the matching status endpoint.
 */
import type { JobKind } from '../catalogue/define.js';
import type { AppDeps } from '../deps.js';
import { type Provider, UpstreamError, ValidationError } from '../errors.js';
import { fetchSamautomationSnapshot } from './samautomation-status.js';
import { fetchSamsarSnapshot } from './samsar-status.js';
import type { JobSnapshot } from './snapshot.js';

export const JOB_KINDS = [
  'samsar_session',
  'samautomation_task',
  'samautomation_advanced',
  'samautomation_ai_job',
] as const satisfies readonly JobKind[];

export interface JobRef {
  provider: Provider;
  id: string;
  kind?: JobKind;
}

/** AI job ids are integers; task ids are UUIDs and may be a core task or an advanced render. */
export function inferKind(ref: JobRef): JobKind | undefined {
  if (ref.kind) return ref.kind;
  if (ref.provider === 'samsar') return 'samsar_session';
  return /^\d+$/.test(ref.id) ? 'samautomation_ai_job' : undefined;
}

export function checkKind(ref: JobRef): void {
  if (ref.kind && (ref.kind === 'samsar_session') !== (ref.provider === 'samsar')) {
    throw new ValidationError('kind', `${ref.kind} is not a ${ref.provider} job kind`);
  }
}

export async function fetchSnapshot(deps: AppDeps, ref: JobRef, signal?: AbortSignal): Promise<JobSnapshot> {
  checkKind(ref);
  const kind = inferKind(ref);
  if (kind === 'samsar_session') return fetchSamsarSnapshot(deps, ref.id, signal);
  if (kind) return fetchSamautomationSnapshot(deps, kind, ref.id, signal);
  try {
    return await fetchSamautomationSnapshot(deps, 'samautomation_task', ref.id, signal);
  } catch (err) {
    // Not a core task: it may be an advanced render (both use UUIDs).
    if (!(err instanceof UpstreamError && err.status === 404)) throw err;
    try {
      return await fetchSamautomationSnapshot(deps, 'samautomation_advanced', ref.id, signal);
    } catch {
      throw err;
    }
  }
}
