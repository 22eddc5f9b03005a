/** Annotations and summaries shared by the SamAutomation video, render and async entries. */
export const READ = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true };
export const CREATE = {
  readOnlyHint: false,
  destructiveHint: false,
  idempotentHint: false,
  openWorldHint: true,
};
export const CANCEL = {
  readOnlyHint: false,
  destructiveHint: true,
  idempotentHint: true,
  openWorldHint: true,
};

// biome-ignore lint/suspicious/noExplicitAny: answers are read loosely, field by field
type Loose = Record<string, any>;

/** `data` of a {success, data} answer. */
export const dataOf = (d: unknown): Loose => ((d as Loose | undefined)?.data ?? {}) as Loose;

/** One line about a task's state: its output when completed, its error when it ended otherwise. */
export function taskLine(t: Loose): string {
  if (t.status === 'completed') return `Completed: ${t.output_url}`;
  if (['failed', 'timeout', 'cancelled'].includes(t.status))
    return `${t.status}: ${t.error ?? 'no error given'}`;
  return `${t.status} ${Math.round((t.progress ?? 0) * 100)}%. Prefer wait_for_job to follow it.`;
}

/** The create answer in one line, with the id the async tools (cancel, status) take. */
export function startedLine(d: unknown): string {
  const r = dataOf(d);
  return `Render started: task ${r.id}. To cancel: samautomation_async_cancel {task_id: "${r.celery_task_id}"}.`;
}
