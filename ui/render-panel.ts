/**
 * A render as it advances: the stages seen so far, a progress bar and a cancel button where the
 * provider can cancel. It refreshes through the host with wait_for_job in short slices (each one a
 * status check on the server, which keeps the polling policy), until the job ends.
 */
import type { CallToolResult } from '@modelcontextprotocol/client';
import type { Bridge } from './bridge.js';
import { h, readable, replace } from './dom.js';
import { type JobFacts, type JobRef, structured, summaryOf } from './results.js';

/** Seconds each refresh may wait on the server: short enough to keep the bar moving. */
const SLICE_SECONDS = 10;

export interface FollowedJob extends JobRef {
  /** How to stop the render itself, when the provider allows it. */
  cancel?: { tool: string; args: Record<string, unknown> };
}

/** What a creation answer or a wait_for_job answer says about how to cancel the job. */
export function cancelOf(job: JobRef, createAnswer?: Record<string, unknown>): FollowedJob['cancel'] {
  if (job.provider === 'samsar') return { tool: 'samsar_cancel_render', args: { session_id: job.id } };
  const data = (createAnswer?.data ?? {}) as { celery_task_id?: unknown };
  // SamAutomation cancels by the task's celery id, found only in the create answer; AI jobs cannot.
  if (job.kind !== 'samautomation_ai_job' && typeof data.celery_task_id === 'string') {
    return { tool: 'samautomation_async_cancel', args: { task_id: data.celery_task_id } };
  }
  return undefined;
}

export function renderPanel(
  root: Element,
  bridge: Bridge,
  job: FollowedJob,
  done: (facts: JobFacts) => void,
  first?: JobFacts,
): void {
  // Stage names in the order seen ("video_generation: IN_PROGRESS" -> "video_generation").
  const stages: string[] = [];
  const list = h('ul', { class: 'stages', 'aria-label': 'Stages' });
  const bar = h('progress', { max: 100, 'aria-labelledby': 'render-progress-label' });
  const percent = h('span', { class: 'num', 'data-testid': 'percent' }, '');
  // Routine progress is announced, not repeated on screen; events (cancel, errors) are shown.
  const spoken = h('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
  const status = h('p', { class: 'status', 'aria-live': 'polite' });
  let stopped = false;
  bridge.onTeardown(() => {
    stopped = true;
  });

  const cancel =
    job.cancel &&
    h(
      'button',
      {
        type: 'button',
        'data-action': 'cancel-render',
        onclick: async () => {
          if (!job.cancel || cancel?.disabled) return;
          cancel!.disabled = true;
          status.textContent = 'Asking the provider to cancel…';
          const r = await bridge.callTool(job.cancel.tool, job.cancel.args).catch((e: Error) => e);
          status.textContent = r instanceof Error ? r.message : summaryOf(r);
        },
      },
      'Cancel render',
    );

  const show = (facts: JobFacts) => {
    const stage = facts.stage ?? facts.status ?? facts.state;
    const name = stage.split(':')[0]!.trim();
    if (name && stages.at(-1) !== name) {
      stages.push(name);
      list.replaceChildren(
        ...stages.map((s, i) =>
          i === stages.length - 1
            ? h('li', { 'aria-current': 'step' }, readable(s))
            : h('li', { class: 'done' }, readable(s), h('span', { class: 'visually-hidden' }, ' (done)')),
        ),
      );
    }
    if (facts.progress_percent === undefined) bar.removeAttribute('value');
    else bar.value = facts.progress_percent;
    percent.textContent = facts.progress_percent === undefined ? '' : `${facts.progress_percent}%`;
    spoken.textContent = `${readable(stage)}${facts.progress_percent === undefined ? '' : `, ${facts.progress_percent}%`}`;
  };

  replace(
    root,
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'render-title', 'aria-busy': 'true' },
      h('p', { class: 'eyebrow' }, job.provider === 'samsar' ? 'Samsar render' : 'SamAutomation render'),
      h('h1', { id: 'render-title' }, 'Rendering'),
      h('p', { class: 'muted' }, 'Job ', h('code', {}, job.id)),
      h('div', { class: 'progress' }, h('span', { id: 'render-progress-label' }, 'Progress'), bar, percent),
      list,
      spoken,
      cancel && h('div', { class: 'actions' }, cancel),
      status,
    ),
  );
  if (first) show(first);

  const fail = (text: string) => {
    root.querySelector('section')?.setAttribute('aria-busy', 'false');
    status.setAttribute('role', 'alert');
    bar.closest('.progress')?.classList.add('stopped');
    status.textContent = text;
    if (cancel) cancel.disabled = true;
  };

  (async () => {
    while (!stopped) {
      let result: CallToolResult;
      try {
        result = await bridge.callTool('wait_for_job', {
          provider: job.provider,
          id: job.id,
          ...(job.kind ? { kind: job.kind } : {}),
          max_wait_seconds: SLICE_SECONDS,
        });
      } catch (err) {
        return fail(`The host could not check the job: ${(err as Error).message}`);
      }
      const facts = structured(result) as unknown as JobFacts;
      if (facts.state) show(facts);
      if (result.isError || facts.state === 'failed') return fail(summaryOf(result));
      if (facts.state === 'cancelled')
        return fail(`The render was cancelled${facts.reason ? `: ${facts.reason}` : ''}.`);
      if (facts.state === 'completed') return done(facts);
    }
  })();
}
