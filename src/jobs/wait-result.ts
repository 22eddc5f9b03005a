/**
 * Turns where a wait ended (done, failed, still pending at the deadline, stopped by the client) into
 * the tool result an agent reads: the result URLs, the reason, or how to resume.
 */
import type { CallToolResult } from '@modelcontextprotocol/server';
import { toToolResult, VideogenError } from '../errors.js';
import { redactValue } from '../redact.js';
import type { JobRef } from './fetch-snapshot.js';
import type { JobFollowed } from './poll.js';
import { cancelHint } from './snapshot.js';

class JobFailedError extends VideogenError {
  readonly code = 'job_failed';
}

/** Where one wait on one job got to: the job as last seen and what this call did. */
export interface WaitedJob {
  ref: JobRef;
  followed: JobFollowed;
  /** How the wait ended (terminal: the job did; deadline: still running; cancelled: by the client). */
  outcome: 'terminal' | 'deadline' | 'cancelled';
  waitedMs: number;
}

/** The facts of one job as results report them (alone, or as one of many). */
export function jobFacts({ ref, followed, waitedMs }: WaitedJob, sandbox: boolean) {
  const s = followed.snapshot;
  return {
    provider: ref.provider,
    id: ref.id,
    kind: s?.kind ?? ref.kind,
    state: s?.state ?? 'pending',
    status: s?.status ?? 'unknown',
    stage: s?.stage,
    ...(s?.percent !== undefined ? { progress_percent: Math.round(s.percent) } : {}),
    result_urls: s?.result_urls ?? [],
    ...(s?.has_subtitles !== undefined ? { has_subtitles: s.has_subtitles } : {}),
    ...(s?.language ? { language: s.language } : {}),
    ...(s?.reason ? { reason: s.reason } : {}),
    polls: followed.polls,
    waited_seconds: Math.round(waitedMs / 1000),
    ...(sandbox ? { sandbox: true } : {}),
  };
}

const ok = (text: string, structured: Record<string, unknown>): CallToolResult => {
  const safe = redactValue(structured);
  return { content: [{ type: 'text', text: redactValue(text) }], structuredContent: safe };
};

export function waitResult(w: WaitedJob, sandbox: boolean): CallToolResult {
  const { ref, outcome } = w;
  const s = w.followed.snapshot;
  const base = jobFacts(w, sandbox);
  const args = `{provider: "${ref.provider}", id: "${ref.id}"}`;
  const stopWith = cancelHint(ref.provider, s?.kind ?? ref.kind ?? 'samautomation_task');
  if (outcome === 'terminal' && s?.state === 'completed') {
    const meta = [
      s.has_subtitles !== undefined && s.has_subtitles !== null
        ? `subtitles ${s.has_subtitles ? 'on' : 'off'}`
        : '',
      s.language ? `language ${s.language}` : '',
    ].filter(Boolean);
    return ok(
      `Completed${meta.length ? ` (${meta.join(', ')})` : ''}: ${s.result_urls.join(' ') || 'no URL in the answer'}. ` +
        `Save it with download_video ${args}; provider links can expire.`,
      base,
    );
  }
  if (outcome === 'terminal' && s?.state === 'cancelled') {
    return ok(`The job was cancelled: ${s.reason ?? s.status}.`, base);
  }
  if (outcome === 'terminal' && s) {
    const failed = toToolResult(
      new JobFailedError(
        `Job ${ref.id} failed: ${s.reason ?? s.status}.`,
        'The render did not produce a video. Check the inputs named in the reason and submit a new job.',
      ),
    );
    return { ...failed, structuredContent: { ...redactValue(base), ...(failed.structuredContent ?? {}) } };
  }
  const where = s ? ` (${s.stage}${s.percent !== undefined ? `, about ${Math.round(s.percent)}%` : ''})` : '';
  if (outcome === 'cancelled') {
    return ok(
      `Stopped waiting because the client cancelled; the job goes on${where}. To stop the render itself call ${stopWith}.`,
      { ...base, stopped: 'client_cancelled' },
    );
  }
  return ok(
    `Still running after ${base.waited_seconds} s${where}. This is not an error: call wait_for_job ${args} again to keep waiting. To stop the render call ${stopWith}.`,
    {
      ...base,
      resume: { tool: 'wait_for_job', arguments: { provider: ref.provider, id: ref.id, kind: base.kind } },
    },
  );
}
