import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { Redis } from 'ioredis';
import { openDatabase, type DbHandle, type Dialect } from '../../server/db/connect';
import { migrateToLatest } from '../../server/db/migrate';
import type { Kysely } from 'kysely';
import type { Database } from '../../server/db/schema';

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

/** Prefix of every database the suite creates on PostgreSQL; global setup drops leftovers. */
export const PG_TEST_DB_PREFIX = 'skc_t_';

const pgUrlFor = (database: string) => {
  const u = new URL(TEST_PG_URL);
  u.pathname = `/${database}`;
  return u.toString();
};

async function pgAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: TEST_PG_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

const templates = new Map<string, Promise<string>>();
// Creation time in the name lets a later run drop only what is clearly abandoned (other runs may be live).
const stamp = () => Math.floor(Date.now() / 1000).toString(36);

/**
 * A fresh database that already holds migrated, seeded data. The seeding runs once per test process
 * and key; each call then copies it (SQLite: a file copy; PostgreSQL: CREATE DATABASE … TEMPLATE),
 * which keeps suites that seed the whole demo fast. `seed` must be deterministic for a given key.
 */
export async function seededDatabase(dialect: Dialect, key: string, seed: (db: Kysely<Database>) => Promise<void>): Promise<TestDb> {
  const cacheKey = `${dialect}:${key}`;
  if (!templates.has(cacheKey)) {
    templates.set(
      cacheKey,
      (async () => {
        if (dialect === 'sqlite') {
          const t = await freshDatabase('sqlite');
          await seed(t.db);
          await t.dispose(); // closing checkpoints the WAL into the main file
          return t.sqlitePath!;
        }
        const name = `${PG_TEST_DB_PREFIX}${stamp()}_tpl_${randomBytes(4).toString('hex')}`;
        await pgAdmin((c) => c.query(`CREATE DATABASE ${name}`));
        const h = openDatabase({ databaseUrl: pgUrlFor(name), sqlitePath: '', pgPoolSize: 2 });
        await migrateToLatest(h.db);
        await seed(h.db);
        await h.close();
        return name;
      })(),
    );
  }
  const template = await templates.get(cacheKey)!;
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'skillcert-'));
    const sqlitePath = path.join(dir, 'test.sqlite');
    copyFileSync(template, sqlitePath);
    const h = openDatabase({ databaseUrl: null, sqlitePath });
    return { ...h, sqlitePath, pgSchema: null, dispose: () => h.close() };
  }
  const name = `${PG_TEST_DB_PREFIX}${stamp()}_${randomBytes(6).toString('hex')}`;
  await pgAdmin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  const h = openDatabase({ databaseUrl: pgUrlFor(name), sqlitePath: '', pgPoolSize: 5 });
  return {
    ...h,
    sqlitePath: null,
    pgSchema: null,
    dispose: async () => {
      await h.close();
      await pgAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** Drop databases and schemas a crashed earlier run left behind (called from global setup). */
export async function dropLeftoverTestDatabases(): Promise<void> {
  if (!(await postgresReachable())) return;
  await pgAdmin(async (c) => {
    const dbs = await c.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE '${PG_TEST_DB_PREFIX}%'`);
    const cutoff = Math.floor(Date.now() / 1000) - 3 * 3600;
    for (const { datname } of dbs.rows) {
      const created = parseInt(datname.slice(PG_TEST_DB_PREFIX.length).split('_')[0] ?? '', 36);
      if (Number.isFinite(created) && created < cutoff) await c.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    }
  });
}

/** The Redis the multi-node tests use (the machine's own, as in CI). */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Whether Redis answers at `TEST_REDIS_URL`. Missing, it is an error under REQUIRE_SERVICES=1 (CI) and
 * otherwise a skip announced with what is skipped (`what`) and how to include it.
 */
export async function redisAvailable(what: string): Promise<boolean> {
  const r = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1500, retryStrategy: () => null });
  let up = false;
  try {
    await r.connect();
    up = (await r.ping()) === 'PONG';
  } catch {
    up = false;
  } finally {
    r.disconnect();
  }
  if (!up && REQUIRE_SERVICES) throw new Error(`Redis is required (REQUIRE_SERVICES=1) but not reachable at ${TEST_REDIS_URL}`);
  if (!up) console.warn(`[skip] Redis not reachable at ${TEST_REDIS_URL}: ${what} skipped. Start redis-server to include it.`);
  return up;
}
