/**
 * Whether this process can receive completion callbacks: only while an HTTP server with the
 * callback routes runs and VIDEOGEN_PUBLIC_URL says where providers reach it. Over stdio nothing
 * could receive them, so creations are then sent as the agent wrote them and followed by polling.
 */
import type { AppDeps } from '../deps.js';

const bases = new WeakMap<object, string>();

/** Called by the HTTP server once its callback routes are mounted. */
export function receiveCallbacks(deps: AppDeps, publicUrl: string): () => void {
  bases.set(deps, publicUrl);
  return () => bases.delete(deps);
}

/** The base URL providers call back, or undefined when nothing here receives callbacks. */
export function callbackBase(deps: AppDeps): string | undefined {
  return bases.get(deps);
}
