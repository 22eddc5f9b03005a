/**
 * A verified callback wakes whoever follows the job, on any instance: it is published on the shared
 * event bus (in memory, or PostgreSQL LISTEN/NOTIFY) as the job resource's `resource_updated`, so
 * subscribers of the resource hear of it too, marked in `_meta` so waits tell it from the change
 * notices they publish themselves. It is a wake-up, never the truth: whoever wakes asks the provider.
 */
import type { ServerEventBus } from '@modelcontextprotocol/server';
import type { Provider } from '../errors.js';
import { jobUri } from '../resources/uris.js';

export const WAKE_META_KEY = 'videogen/wake';

export function publishWake(events: ServerEventBus, provider: Provider, id: string): void {
  events.publish({
    kind: 'resource_updated',
    uri: jobUri(provider, id),
    params: { _meta: { [WAKE_META_KEY]: 'callback' } },
  });
}

/** Calls `listener` with the job resource URI of every wake-up; returns the unsubscribe. */
export function onWake(events: ServerEventBus, listener: (uri: string) => void): () => void {
  return events.subscribe((e) => {
    const meta = (e.params as { _meta?: Record<string, unknown> } | undefined)?._meta;
    if (e.kind === 'resource_updated' && meta?.[WAKE_META_KEY] === 'callback') listener(e.uri);
  });
}
