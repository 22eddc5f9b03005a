/**
 * How the sandbox reports a JSON-to-video task (progress, task list, advanced progress): status,
 * progress, output and export delivery, never an export password, key or callback secret.
 */
import { isoTime, type VideoStore, type VideoTask } from './video-store.js';
import { deliveryView } from './video-validate.js';

export interface TaskViewOptions {
  store: VideoStore;
  outputUrl(t: VideoTask): string;
  sizeOf(t: VideoTask): number;
}

export function createTaskView({ store, outputUrl, sizeOf }: TaskViewOptions) {
  return (t: VideoTask) => {
    const s = store.state(t);
    const done = s.status === 'completed';
    const delivery = deliveryView(t.exports, done);
    return {
      id: t.id,
      status: s.status,
      progress: s.progress,
      created_at: isoTime(t.createdAt),
      completed_at: s.endedAt !== undefined ? isoTime(s.endedAt) : null,
      output_url: done ? outputUrl(t) : null,
      error:
        s.status === 'failed'
          ? 'Render failed: a media item could not be downloaded.'
          : s.status === 'timeout'
            ? 'Task timed out after inactivity window.'
            : null,
      settings: {
        aspect_ratio: t.aspectRatio,
        duration: done ? t.durationSeconds : 0,
        size_bytes: done ? sizeOf(t) : 0,
        ...t.reported,
        ...(delivery.length ? { export_delivery: delivery } : {}),
      },
    };
  };
}

export type TaskView = ReturnType<typeof createTaskView>;
