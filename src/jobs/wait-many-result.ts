/**
 * The result of one wait on many jobs: a result per job (as a wait on that job alone reports it:
 * state, stage, progress, result URLs, reason; `error` for a job whose status could not be had), the
 * counts, and, while some are still running, the call that keeps waiting on those. A failed job is
 * one job's outcome, not an error of the wait.
 */
import type { CallToolResult } from '@modelcontextprotocol/server';
import { toToolResult } from '../errors.js';
import { redactValue } from '../redact.js';
import type { Waited } from './wait.js';
import { jobFacts, type WaitedJob } from './wait-result.js';

type Facts = ReturnType<typeof jobFacts> & { error?: Record<string, unknown> };

function factsOf(w: WaitedJob, sandboxed: (w: WaitedJob) => boolean): Facts {
  const facts: Facts = jobFacts(w, sandboxed(w));
  const err = w.followed.error;
  if (err === undefined) return facts;
  // Formatted as any tool error is, then carried as this job's part.
  const { structuredContent } = toToolResult(err);
  return { ...facts, state: 'error' as never, error: structuredContent as Record<string, unknown> };
}

function line(f: Facts): string {
  if (f.error) return `${f.id}: could not be checked (${String(f.error.message)})`;
  if (f.state === 'completed')
    return `${f.id}: completed, ${f.result_urls.join(' ') || 'no URL in the answer'}`;
  if (f.state === 'pending') return `${f.id}: running (${f.stage ?? 'queued'})`;
  return `${f.id}: ${f.state}${f.reason ? `, ${f.reason}` : ''}`;
}

export function waitManyResult(
  w: Waited,
  until: 'all' | 'any',
  sandboxed: (job: WaitedJob) => boolean,
): CallToolResult {
  const jobs = w.jobs.map((j) => factsOf(j, sandboxed));
  const pending = jobs.filter((f) => f.state === 'pending');
  const ended = jobs.filter((f) => f.state !== 'pending');
  const count = (state: string) => jobs.filter((f) => f.state === state).length;
  const structured: Record<string, unknown> = {
    until,
    ended: ended.length,
    pending: pending.length,
    completed: count('completed'),
    failed: count('failed') + count('error'),
    cancelled: count('cancelled'),
    jobs,
    waited_seconds: Math.round(w.waitedMs / 1000),
  };
  const lines = ended.map(line);
  let head: string;
  if (w.outcome === 'cancelled') {
    head = `Stopped waiting because the client cancelled; the jobs go on. ${ended.length} of ${jobs.length} had ended.`;
    structured.stopped = 'client_cancelled';
  } else if (!pending.length) {
    head = `All ${jobs.length} jobs ended: ${structured.completed} completed, ${structured.failed} failed, ${structured.cancelled} cancelled.`;
  } else {
    const resume = pending.map((f) => ({ provider: f.provider, id: f.id, kind: f.kind }));
    structured.resume = { tool: 'wait_for_job', arguments: { jobs: resume, until } };
    head =
      w.outcome === 'terminal'
        ? `${ended.length} of ${jobs.length} ended; ${pending.length} still running: to wait for them call wait_for_job with resume.arguments.`
        : `Still running after ${structured.waited_seconds} s: ${pending.length} of ${jobs.length}. This is not an error: call wait_for_job with resume.arguments to keep waiting.`;
  }
  const save = count('completed')
    ? ' Save each completed video with download_video {provider, id}; provider links can expire.'
    : '';
  const text = [head + save, ...lines].join('\n');
  return { content: [{ type: 'text', text: redactValue(text) }], structuredContent: redactValue(structured) };
}
