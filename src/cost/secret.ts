/**
 * The key confirmation tokens are signed with: VIDEOGEN_SECRET when set, otherwise the store's own key
 * (created once: a file in VIDEOGEN_DATA_DIR, or a row in the shared database), so tokens and replays
 * survive a restart and every process sharing the store agrees. Registered for redaction.
 */
import type { Config } from '../config.js';
import type { MoneyStore } from '../store/money-store.js';

export async function signingKeyFor(config: Config, store: MoneyStore): Promise<Buffer> {
  if (config.cost.secret) return Buffer.from(config.cost.secret, 'utf8');
  return store.signingKey();
}
