import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDialectConfig } from 'kysely';
import type { Database } from './schema';

export type Dialect = 'sqlite' | 'postgres';

/** An open database and how to close it. Created once in `server/main.ts` and passed down. */
export interface DbHandle {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  close(): Promise<void>;
}

export interface DbOptions {
  /** PostgreSQL connection string; null ⇒ embedded SQLite at `sqlitePath`. */
  databaseUrl: string | null;
  sqlitePath: string;
  /** PostgreSQL only: a schema to use as search_path (tests isolate themselves this way). */
  pgSchema?: string;
  pgPoolSize?: number;
}

// int8 (COUNT, SUM over integers) would otherwise arrive as strings; our counts fit in a double.
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20) return (v: string) => Number(v);
    if (oid === 1700) return (v: string) => Number(v); // numeric
    return pg.types.getTypeParser(oid, format as 'text');
  },
} as unknown as pg.CustomTypesConfig;

/**
 * SQLite transactions start with BEGIN IMMEDIATE: the exam room's answer writer commits from its own
 * connection, and a deferred transaction that reads and then writes would fail with SQLITE_BUSY_SNAPSHOT
 * (office actions during an exam). Taking the write lock up front makes it wait (busy_timeout) instead.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

/**
 * better-sqlite3 behind a cache of prepared statements: Kysely's driver prepares every query anew, and
 * preparing was a seventh of the server's CPU when 3,000 candidates reconnected at once. Queries are
 * compiled with placeholders, so the distinct SQL texts are few; past `max` the oldest is dropped.
 * A cached statement is never iterated (the app does not stream), so sharing one is safe.
 */
function cachingDatabase(sqlite: SQLite.Database, max = 1000): SqliteDialectConfig['database'] {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let stmt = cache.get(sql);
      if (stmt) return stmt;
      stmt = sqlite.prepare(sql);
      if (cache.size >= max) cache.delete(cache.keys().next().value!);
      cache.set(sql, stmt);
      return stmt;
    },
  };
}

/**
 * Open the configured database. SQLite runs with WAL, `synchronous=FULL` (an acknowledged answer must
 * survive a power cut) and foreign keys on; its folder is created if missing.
 * Fails with the driver's error when the file or server cannot be opened.
 */
export function openDatabase(opts: DbOptions): DbHandle {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.pgPoolSize ?? 10,
      types: pgTypes,
      ...(opts.pgSchema ? { options: `-c search_path=${opts.pgSchema}` } : {}),
    });
    // An idle client whose server connection drops (restart, admin kill) is removed by the pool; without a
    // listener that 'error' event would crash the process.
    pool.on('error', () => undefined);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  if (opts.sqlitePath !== ':memory:') mkdirSync(dirname(opts.sqlitePath), { recursive: true });
  const sqlite = new SQLite(opts.sqlitePath);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: cachingDatabase(sqlite) }) });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}
