/**
 * The charge guard behind a light front: its modules (tokens, quotes, node:crypto) and its signing key
 * (read from the store, or VIDEOGEN_SECRET) load with the first quote or paid call, not at start-up.
 * A load that failed (the store was unreachable) is tried again by the next call.
 */
import type { AppDeps } from '../deps.js';
import type { ChargeGuard } from './guard.js';
import { signingKeyFor } from './secret.js';

export function lazyChargeGuard(deps: Omit<AppDeps, 'guard'>): ChargeGuard {
  let guard: Promise<ChargeGuard> | undefined;
  const load = (): Promise<ChargeGuard> => {
    if (!guard) {
      const loading = Promise.all([import('./create-guard.js'), signingKeyFor(deps.config, deps.store)]).then(
        ([m, key]) => m.createChargeGuard(deps, key),
      );
      guard = loading;
      loading.catch(() => {
        if (guard === loading) guard = undefined;
      });
    }
    return guard;
  };
  return {
    run: async (call) => (await load()).run(call),
    estimate: async (entry, args, options) => (await load()).estimate(entry, args, options),
  };
}
