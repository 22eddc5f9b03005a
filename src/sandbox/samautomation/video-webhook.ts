/**
 * The sandbox's video.completed webhook: when a task with exports.callback_url completes, the JSON
 * payload is POSTed with X-Samautomation-Event and X-Samautomation-Signature (t=<unix>,v1=<hex>), the
 * HMAC-SHA256 of "<t>.<body>" under callback_secret, t being the wall-clock time of sending. A render
 * that fails or times out calls nobody back (the reference documents only video.completed). When and
 * how often: src/sandbox/callbacks.ts.
 */
import { createHmac } from 'node:crypto';
import type { Clock } from '../../clock.js';
import type { CallbackScheduler } from '../callbacks.js';
import type { VideoStore, VideoTask } from './video-store.js';
import type { TaskView } from './video-view.js';

export function signature(secret: string, unixSeconds: number, body: string): string {
  const v1 = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${v1}`;
}

export function sendCompletionCallbacks(
  store: VideoStore,
  view: TaskView,
  clock: Clock,
  callbacks: CallbackScheduler,
): void {
  store.onCreated((t: VideoTask) => {
    const ex = (t.exports ?? {}) as { callback_url?: unknown; callback_secret?: unknown };
    const secret = typeof ex.callback_secret === 'string' ? ex.callback_secret : undefined;
    callbacks.schedule('samautomation', t.id, ex.callback_url, t.createdAt + store.renderMs, () => {
      const v = view(t);
      if (v.status !== 'completed') return undefined;
      const body = JSON.stringify({ event: 'video.completed', data: v });
      const unix = Math.floor(clock.wallNow() / 1000);
      return {
        headers: {
          'x-samautomation-event': 'video.completed',
          ...(secret ? { 'x-samautomation-signature': signature(secret, unix, body) } : {}),
        },
        body,
      };
    });
  });
}
