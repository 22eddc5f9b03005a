/**
 * Chooses the money store from the configuration: the file store in VIDEOGEN_DATA_DIR by default, the
 * PostgreSQL store (migrated at start) when VIDEOGEN_DATABASE_URL is set, with the change-event bus
 * to match: in memory for one process, LISTEN/NOTIFY across instances sharing the database.
 */
import { InMemoryServerEventBus, type ServerEventBus } from '@modelcontextprotocol/server';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { Ledger } from './file-ledger.js';
import { FileMoneyStore } from './file-store.js';
import type { MoneyStore } from './money-store.js';

export interface OpenedStore {
  store: MoneyStore;
  events: ServerEventBus;
  /**
   * The file ledger the charge guard still uses directly (until it moves onto MoneyStore): the file
   * store's own ledger, or, with a database configured, the one in VIDEOGEN_DATA_DIR.
   */
  ledger: Ledger;
}

export async function openStore(config: Config, clock: Clock, logger: Logger): Promise<OpenedStore> {
  const now = () => clock.wallNow();
  if (!config.database) {
    const store = new FileMoneyStore({ dataDir: config.dataDir, now });
    return { store, events: new InMemoryServerEventBus(), ledger: store.ledger };
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
    return { store, events: await store.eventBus(), ledger: new Ledger(config.dataDir) };
  } catch (err) {
    await store.close();
    throw err;
  }
}
