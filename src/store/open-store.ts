/**
 * Chooses the money store from the configuration: the file store in VIDEOGEN_DATA_DIR by default, the
 * PostgreSQL store (migrated at start) when VIDEOGEN_DATABASE_URL is set, with the change-event bus
 * to match: in memory for one process, LISTEN/NOTIFY across instances sharing the database.
 */
import { InMemoryServerEventBus, type ServerEventBus } from '@modelcontextprotocol/server';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { FileMoneyStore } from './file-store.js';
import type { MoneyStore } from './money-store.js';

export interface OpenedStore {
  store: MoneyStore;
  events: ServerEventBus;
}

export async function openStore(config: Config, clock: Clock, logger: Logger): Promise<OpenedStore> {
  const now = () => clock.wallNow();
  if (!config.database) {
    const store = new FileMoneyStore({ dataDir: config.dataDir, now });
    return { store, events: new InMemoryServerEventBus() };
  }
  const { openPostgresStore } = await import('./postgres-store.js');
  const store = await openPostgresStore({ ...config.database, logger, now });
  const { from, to } = store.migration;
  logger.info(
    from === to
      ? `store: ${store.location}, schema version ${to}`
      : `store: ${store.location}, migrated from schema version ${from} to ${to}`,
  );
  try {
    // The token key is read now, while the database is known to answer: estimate_cost then signs
    // tokens through a cut as well (paid calls are refused anyway until the store is back).
    if (!config.cost.secret) await store.signingKey();
    return { store, events: await store.eventBus() };
  } catch (err) {
    await store.close();
    throw err;
  }
}
