/**
 * The sandbox's video.completed webhook: when a task with exports.callback_url completes, the JSON
 * payload is POSTed with X-Samautomation-Event and X-Samautomation-Signature (t=<unix>,v1=<hex>), the
 * HMAC-SHA256 of "<t>.<body>" under callback_secret. Only loopback URLs are called (tests and local
 * tools); any other URL is reported delivered without leaving the machine.
 */
import { createHmac } from 'node:crypto';
import type { Clock } from '../../clock.js';
import type { VideoStore, VideoTask } from './video-store.js';
import type { TaskView } from './video-view.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function signature(secret: string, unixSeconds: number, body: string): string {
  const v1 = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${v1}`;
}

export function sendCompletionCallbacks(store: VideoStore, view: TaskView, clock: Clock): void {
  store.onCreated((t: VideoTask) => {
    const ex = (t.exports ?? {}) as { callback_url?: unknown; callback_secret?: unknown };
    if (typeof ex.callback_url !== 'string') return;
    let url: URL;
    try {
      url = new URL(ex.callback_url);
    } catch {
      return;
    }
    if (!LOOPBACK.has(url.hostname)) return;
    const secret = typeof ex.callback_secret === 'string' ? ex.callback_secret : undefined;
    // Wall-clock delay of the render on the simulated clock; unref'd so it never holds a process open.
    const timer = setTimeout(
      () => {
        const v = view(t);
        if (v.status !== 'completed') return;
        const body = JSON.stringify({ event: 'video.completed', data: v });
        const unix = Math.floor(clock.simNow() / 1000);
        fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-samautomation-event': 'video.completed',
            ...(secret ? { 'x-samautomation-signature': signature(secret, unix, body) } : {}),
          },
          body,
        }).catch(() => {
          // the receiver is gone: a webhook is best effort
        });
      },
      store.renderMs / clock.scale + 5,
    );
    timer.unref();
  });
}
