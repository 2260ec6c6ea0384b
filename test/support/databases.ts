import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type DbHandle, type Dialect } from '../../server/db/connect';
import { migrateToLatest } from '../../server/db/migrate';

/** PostgreSQL used by the suite: TEST_DATABASE_URL, or the machine's local server. */
export const TEST_PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

// CI sets REQUIRE_SERVICES=1: there a missing PostgreSQL/Redis/Chromium is a failure, not a skip.
export const REQUIRE_SERVICES = process.env.REQUIRE_SERVICES === '1';

let pgReachable: Promise<boolean> | null = null;

/** Whether PostgreSQL answers within 2 s (memoised per test file). */
export function postgresReachable(): Promise<boolean> {
  pgReachable ??= (async () => {
    const client = new pg.Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return pgReachable;
}

export interface TestDb extends DbHandle {
  /** Drop the PostgreSQL schema / forget the SQLite file. */
  dispose(): Promise<void>;
  sqlitePath: string | null;
  pgSchema: string | null;
}

/** A fresh, migrated database of the given dialect, isolated from every other test. */
export async function freshDatabase(dialect: Dialect): Promise<TestDb> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'skillcert-'));
    const sqlitePath = path.join(dir, 'test.sqlite');
    const h = openDatabase({ databaseUrl: null, sqlitePath });
    await migrateToLatest(h.db);
    return { ...h, sqlitePath, pgSchema: null, dispose: () => h.close() };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const h = openDatabase({ databaseUrl: TEST_PG_URL, sqlitePath: '', pgSchema: schema, pgPoolSize: 5 });
  await migrateToLatest(h.db, { pgSchema: schema });
  return {
    ...h,
    sqlitePath: null,
    pgSchema: schema,
    dispose: async () => {
      await h.close();
      const c = new pg.Client({ connectionString: TEST_PG_URL });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  };
}

/**
 * The dialects to run a database suite on: SQLite always; PostgreSQL when reachable. When it is not,
 * the suite says so (and fails under REQUIRE_SERVICES=1, as in CI).
 */
export async function dialects(): Promise<Dialect[]> {
  if (await postgresReachable()) return ['sqlite', 'postgres'];
  if (REQUIRE_SERVICES) throw new Error(`PostgreSQL is required (REQUIRE_SERVICES=1) but not reachable at ${TEST_PG_URL}`);
  console.warn(`[skip] PostgreSQL not reachable at ${TEST_PG_URL}: database tests run on SQLite only. Start PostgreSQL or set TEST_DATABASE_URL to include it.`);
  return ['sqlite'];
}
