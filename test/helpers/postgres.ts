/**
 * The real PostgreSQL the database tests run on (VIDEOGEN_TEST_DATABASE_URL, default the local
 * server's `test` database). Each suite works in a schema of its own, dropped afterwards. Without a
 * reachable server the suites are skipped with one line, unless VIDEOGEN_REQUIRE_POSTGRES=1 (CI),
 * which makes that a failure.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, it } from 'vitest';

export const TEST_DATABASE_URL =
  process.env.VIDEOGEN_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const required = process.env.VIDEOGEN_REQUIRE_POSTGRES === '1';

async function probe(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (err) {
    return (err as Error).message || String((err as { code?: string }).code);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Why PostgreSQL cannot be used, or undefined when it can. */
export const postgresMissing: string | undefined = await probe();

/** True when the PostgreSQL suites run (or must run and will fail). */
export const postgresEnabled = postgresMissing === undefined || required;

let said = false;

/** Prints the one line a file's skipped PostgreSQL suites leave (vitest shows it under the file). */
export function sayPostgresSkipped(): void {
  if (said) return;
  said = true;
  console.warn(
    `skipped: the PostgreSQL suites here: PostgreSQL is not reachable at ${TEST_DATABASE_URL} (${postgresMissing}); set VIDEOGEN_REQUIRE_POSTGRES=1 to fail instead`,
  );
}

/** describe() for a suite that needs PostgreSQL: skipped with one line, or failing when required. */
export function describePostgres(title: string, body: () => void): void {
  if (postgresMissing === undefined) {
    describe(title, body);
  } else if (required) {
    describe(title, () => {
      it('needs PostgreSQL (VIDEOGEN_REQUIRE_POSTGRES=1)', () => {
        throw new Error(`PostgreSQL is not reachable at ${TEST_DATABASE_URL}: ${postgresMissing}`);
      });
    });
  } else {
    sayPostgresSkipped();
    describe.skip(title, body);
  }
}

/** A schema name no other run uses. */
export function uniqueSchema(prefix = 'vgtest'): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

/** Runs SQL on the test database with a connection of its own. */
export async function sql<R extends pg.QueryResultRow = pg.QueryResultRow>(
  text: string,
  values: unknown[] = [],
): Promise<R[]> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return (await client.query<R>(text, values)).rows;
  } finally {
    await client.end();
  }
}

export async function dropSchemas(schemas: Iterable<string>): Promise<void> {
  for (const s of schemas) await sql(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
}

/** Schemas for one test file: `fresh()` names a new one, all dropped in afterAll. */
export function testSchemas(): { fresh(): string } {
  const schemas = new Set<string>();
  afterAll(() => dropSchemas(schemas));
  return {
    fresh: () => {
      const s = uniqueSchema();
      schemas.add(s);
      return s;
    },
  };
}
