/**
 * The sandbox's JSON-to-video tasks and what limits them: the lifecycle on the simulated clock
 * (pending -> processing with progress 0..1 -> completed, or failed/timeout/cancelled), the monthly
 * video quota of each key's plan, and the per-key create rate limits.
 *
 * A media URL containing "sandbox-fail" makes the render fail; "sandbox-timeout" makes it time out.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Clock } from '../../clock.js';
import { SANDBOX_KEYS } from '../keys.js';
import { json, type SandboxResponse } from '../router.js';

export type VideoKind = 'mix' | 'simple' | 'loop' | 'advanced';
export type TaskStatus = 'pending' | 'processing' | 'completed' | 'failed' | 'cancelled' | 'timeout';

export interface VideoTask {
  id: string;
  celeryId: string;
  requestId: string;
  ownerKey: string;
  kind: VideoKind;
  createdAt: number;
  durationSeconds: number;
  aspectRatio: string;
  /** Extra settings the progress answer reports (advanced: resolution, framerate). */
  reported: Record<string, unknown>;
  fate: 'completed' | 'failed' | 'timeout';
  exports?: unknown;
  cancelledAt?: number;
}

/** The default key is on the free tier (5 videos a month); the other key on a paid plan. */
const PLANS: Record<string, { name: string; free: boolean; monthlyVideos: number }> = {
  [SANDBOX_KEYS.samautomation]: { name: 'Free', free: true, monthlyVideos: 5 },
  [SANDBOX_KEYS.samautomationOther]: { name: 'Pro', free: false, monthlyVideos: 100 },
};

const MONTH_MS = 30 * 24 * 3600 * 1000;
const MINUTE_MS = 60_000;

export const isoTime = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');

export function createVideoStore(clock: Clock, renderSeconds: number) {
  const tasks = new Map<string, VideoTask>();
  const byCelery = new Map<string, VideoTask>();
  const calls = new Map<string, number[]>();
  const usage = new Map<string, { count: number; lastUsed: number }>();
  const listeners: Array<(t: VideoTask) => void> = [];
  const renderMs = renderSeconds * 1000;

  /** Where a task is now: pending for the first tenth of the render, then processing, then its fate. */
  function state(t: VideoTask): { status: TaskStatus; progress: number; endedAt?: number } {
    const doneAt = t.createdAt + renderMs;
    if (t.cancelledAt !== undefined && t.cancelledAt < doneAt) {
      return { status: 'cancelled', progress: progressAt(t, t.cancelledAt), endedAt: t.cancelledAt };
    }
    const now = clock.simNow();
    if (now >= doneAt) return { status: t.fate, progress: t.fate === 'completed' ? 1 : 0, endedAt: doneAt };
    const progress = progressAt(t, now);
    return { status: now < t.createdAt + renderMs / 10 ? 'pending' : 'processing', progress };
  }

  function progressAt(t: VideoTask, at: number): number {
    const p = (at - t.createdAt - renderMs / 10) / (renderMs * 0.9);
    return Math.round(Math.min(0.99, Math.max(0, p)) * 100) / 100;
  }

  return {
    tasks,
    state,
    now: () => clock.simNow(),
    /** Counts an authenticated request for the usage summary's api_key block. */
    touch(key: string) {
      usage.set(key, { count: (usage.get(key)?.count ?? 0) + 1, lastUsed: clock.simNow() });
    },
    usageOf: (key: string) => usage.get(key) ?? { count: 0, lastUsed: clock.simNow() },
    byId: (id: string, key: string) => {
      const t = tasks.get(id);
      return t && t.ownerKey === key ? t : undefined;
    },
    byCeleryId: (id: string, key: string) => {
      const t = byCelery.get(id);
      return t && t.ownerKey === key ? t : undefined;
    },
    create(fields: Omit<VideoTask, 'id' | 'celeryId' | 'requestId' | 'createdAt' | 'fate'>, urls: string[]) {
      const fate = urls.some((u) => u.includes('sandbox-timeout'))
        ? 'timeout'
        : urls.some((u) => u.includes('sandbox-fail'))
          ? 'failed'
          : 'completed';
      const t: VideoTask = {
        ...fields,
        id: randomUUID(),
        celeryId: randomUUID(),
        requestId: randomBytes(4).toString('hex'),
        createdAt: clock.simNow(),
        fate,
      };
      tasks.set(t.id, t);
      byCelery.set(t.celeryId, t);
      for (const l of listeners) l(t);
      return t;
    },
    /** Called with each new task (the export callback uses it). */
    onCreated(listener: (t: VideoTask) => void) {
      listeners.push(listener);
    },
    renderMs,
    /** The documented 403 when the key's plan has no video left this month. */
    quotaRefusal(key: string): SandboxResponse | undefined {
      const plan = PLANS[key];
      if (!plan) return undefined;
      const since = clock.simNow() - MONTH_MS;
      const used = [...tasks.values()].filter((t) => t.ownerKey === key && t.createdAt > since).length;
      if (used < plan.monthlyVideos) return undefined;
      const message = plan.free
        ? `Free tier limit reached. You can generate ${plan.monthlyVideos} videos per month. Please upgrade to a paid plan for more videos.`
        : `Monthly limit reached. Your plan allows ${plan.monthlyVideos} videos per month.`;
      return json(403, { success: false, message, upgrade_url: '/subscription/plans/' });
    },
    /** 429 with Retry-After when the key made `perMinute` calls of this group in the last minute. */
    rateRefusal(key: string, group: string, perMinute: number): SandboxResponse | undefined {
      const now = clock.simNow();
      const id = `${group}:${key}`;
      const recent = (calls.get(id) ?? []).filter((at) => at > now - MINUTE_MS);
      if (recent.length >= perMinute) {
        calls.set(id, recent);
        const waitSeconds = (recent[0]! + MINUTE_MS - now) / 1000;
        // Retry-After is in wall-clock seconds, which is what a client waits in, on a sped-up clock too.
        const retryAfter = Math.max(1, Math.ceil(waitSeconds / clock.scale));
        return json(
          429,
          { success: false, message: `Rate limit exceeded: ${perMinute} per minute. Try again later.` },
          { 'retry-after': String(retryAfter) },
        );
      }
      recent.push(now);
      calls.set(id, recent);
      return undefined;
    },
  };
}

export type VideoStore = ReturnType<typeof createVideoStore>;
