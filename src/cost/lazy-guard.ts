/**
 * The charge guard behind a light front: the ledger opens at start-up (spending_report reads it),
 * while the guard's own modules (tokens, quotes, node:crypto) load with the first quote or paid call.
 */
import type { AppDeps } from '../deps.js';
import type { ChargeGuard } from './guard.js';
import { Ledger } from './ledger.js';

export function lazyChargeGuard(
  deps: Omit<AppDeps, 'guard'>,
  ledger = new Ledger(deps.config.dataDir),
): ChargeGuard {
  let guard: Promise<ChargeGuard> | undefined;
  const load = () => (guard ??= import('./create-guard.js').then((m) => m.createChargeGuard(deps, ledger)));
  return {
    ledger,
    run: async (call) => (await load()).run(call),
    estimate: async (entry, args, options) => (await load()).estimate(entry, args, options),
  };
}
