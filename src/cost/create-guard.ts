/**
 * Builds the charge guard for the process.
 * FOUNDATION PLACEHOLDER: lets every call through. The cost-safety issue replaces this with the
 * quote/confirmation/budget/ledger guard; until then paid calls are not gated.
 */
import type { AppDeps } from '../deps.js';
import type { ChargeGuard } from './guard.js';

export async function createChargeGuard(_deps: Omit<AppDeps, 'guard'>): Promise<ChargeGuard> {
  return { run: (call) => call.send() };
}
