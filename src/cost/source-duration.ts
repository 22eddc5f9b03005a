/**
 * Durations translate and join are billed on: each source session's result read from its MP4 header.
 */
import type { AppDeps } from '../deps.js';
import { ValidationError } from '../errors.js';
import { buildQuery } from '../http/path.js';
import { readRemoteMp4Duration } from '../media/remote-mp4-duration.js';

const HINT = 'Wait for the source render with wait_for_job, or pass duration_seconds to estimate_cost.';

export async function samsarSessionDuration(
  deps: Pick<AppDeps, 'http'>,
  sessionId: string,
  external: Record<string, unknown> | undefined,
  signal?: AbortSignal,
): Promise<number> {
  const res = await deps.http.request({
    provider: 'samsar',
    method: 'GET',
    path: `${external ? '/external_users/status' : '/status'}${buildQuery({ request_id: sessionId })}`,
    signal,
  });
  const s = (res.data ?? {}) as Record<string, unknown>;
  const url = [s.result_url, s.videoLink, s.remoteURL].find((v): v is string => typeof v === 'string');
  if (s.status !== 'COMPLETED' || !url) {
    throw new ValidationError(
      'session_id',
      `session ${sessionId} has no completed video (status ${String(s.status)}), so its duration is unknown`,
      HINT,
    );
  }
  try {
    return await readRemoteMp4Duration(deps.http, url, signal);
  } catch (err) {
    throw new ValidationError(
      'session_id',
      `the duration of session ${sessionId} could not be read: ${(err as Error).message}`,
      'Pass duration_seconds to estimate_cost.',
    );
  }
}
