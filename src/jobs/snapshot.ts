/**
 * One provider-neutral view of a job at one moment: what wait_for_job, download_video and the job
 * resources all read, whatever status shape the provider answered with.
 */
import type { JobKind } from '../catalogue/define.js';
import type { Provider } from '../errors.js';

export type JobState = 'pending' | 'completed' | 'failed' | 'cancelled';

export interface JobSnapshot {
  provider: Provider;
  id: string;
  kind: JobKind;
  state: JobState;
  /** The provider's own status word (PENDING, processing, running, timeout...). */
  status: string;
  /** What is happening now, for progress messages: "video_generation: IN_PROGRESS", "processing 40%". */
  stage: string;
  /** 0..100 when the provider says how far along it is. */
  percent?: number;
  result_urls: string[];
  has_subtitles?: boolean | null;
  language?: string;
  /** Why it failed or was cancelled. */
  reason?: string;
  /** The provider's answer as received. */
  raw: unknown;
}

export const isTerminal = (s: JobSnapshot) => s.state !== 'pending';

/** How to stop the render itself (wait_for_job only stops watching). */
export function cancelHint(provider: Provider, kind: JobKind): string {
  if (provider === 'samsar') return 'samsar_cancel_render';
  return kind === 'samautomation_ai_job'
    ? 'nothing (AI jobs cannot be cancelled)'
    : 'samautomation_async_cancel (task_id: the celery_task_id of the create answer)';
}
