/**
 * Turns a catalogue entry and validated arguments into the one documented upstream request.
 */

import type { CatalogueEntry } from '../catalogue/define.js';
import type { AppDeps } from '../deps.js';
import type { UpstreamResponse } from '../http/client.js';
import { buildPath, buildQuery } from '../http/path.js';
import { withServerCallback } from './callback-injection.js';

export function describeRequest(entry: CatalogueEntry, args: Record<string, unknown>) {
  const parts = entry.request(args);
  const template = parts.external && entry.externalPath ? entry.externalPath : entry.path;
  return {
    method: entry.method,
    path: buildPath(template, parts.pathParams) + buildQuery(parts.query),
    body: parts.body,
  };
}

/** Sends the request; the server's completion callback joins it here (after any charge decision). */
export async function executeEntry(
  entry: CatalogueEntry,
  args: Record<string, unknown>,
  deps: AppDeps,
  signal?: AbortSignal,
): Promise<UpstreamResponse> {
  const req = describeRequest(entry, args);
  const prepared = await withServerCallback(entry, req.body, deps);
  const res = await deps.http.request({
    provider: entry.provider,
    auth: entry.auth,
    signal,
    ...req,
    body: prepared.body,
  });
  await prepared.answered(res);
  return res;
}
