/**
 * `videogen-mcp ledger import FILE`: moves a file store's ledger.jsonl into the PostgreSQL store, so
 * a single user's history (replays, budgets, spending_report) comes along when a team moves onto the
 * database. The file is read exactly as the file store reads it (the newest line of an id wins, a torn
 * last line is left out); ids the database holds already are kept as they are there, so running the
 * import again adds nothing and never overwrites what an instance recorded since.
 */
import path from 'node:path';
import type { Clock } from '../clock.js';
import { type Config, ConfigError } from '../config.js';
import type { Logger } from '../log.js';
import { readLedgerFile } from './file-ledger.js';
import type { LedgerRecord } from './ledger-record.js';

export async function importLedgerFile(
  config: Config,
  file: string,
  clock: Clock,
  logger: Logger,
): Promise<string> {
  if (!config.database) {
    throw new ConfigError('ledger import needs VIDEOGEN_DATABASE_URL: the PostgreSQL store to import into');
  }
  const source = path.resolve(file);
  let records: LedgerRecord[];
  try {
    records = readLedgerFile(source);
  } catch (err) {
    throw new ConfigError(`cannot read the ledger ${source}: ${(err as Error).message}`);
  }
  const { openPostgresStore } = await import('./postgres-store.js');
  const store = await openPostgresStore({ ...config.database, logger, now: () => clock.wallNow() });
  try {
    const { imported, present } = await store.importRecords(records);
    return `imported ${imported} ledger record${imported === 1 ? '' : 's'} from ${source} into ${store.location}; ${present} already there`;
  } finally {
    await store.close();
  }
}
