/**
 * When a followed job changes state, subscribers of its resource hear about it, and a Samsar
 * session that completes changes the completed-sessions list.
 */
import type { AppDeps } from '../deps.js';
import { jobUri, URIS } from '../resources/uris.js';
import type { ServerHost } from '../tools/define.js';
import type { JobSnapshot } from './snapshot.js';

/** Cache keys of the lists a finished job changes (see src/resources). */
export const LIST_CACHE_KEYS = {
  samsar: 'resource:samsar-sessions',
  samautomation: 'resource:samautomation-tasks',
};

export async function jobChanged(
  deps: AppDeps,
  host: ServerHost,
  now: JobSnapshot,
  before: JobSnapshot | undefined,
): Promise<void> {
  if (before && before.state === now.state && before.status === now.status && before.stage === now.stage)
    return;
  await host.resourceUpdated(jobUri(now.provider, now.id));
  if (now.state === 'pending' || before?.state === now.state) return;
  deps.cache.invalidate(LIST_CACHE_KEYS[now.provider]);
  await host.resourceUpdated(now.provider === 'samsar' ? URIS.samsarSessions : URIS.tasks);
  if (now.provider === 'samsar' && now.state === 'completed') host.resourceListChanged();
}
