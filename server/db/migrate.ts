import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileMigrationProvider, Migrator, type Kysely } from 'kysely';
import type { Database } from './schema';

const migrationFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/**
 * Bring the schema to the latest migration (files in `server/db/migrations`, named by ISO timestamp).
 * Returns the names applied now. Throws the first failing migration's error; nothing after it runs.
 */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new FileMigrationProvider({ fs, path, migrationFolder }) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`数据库迁移失败 (migration failed)${failed ? `: ${failed.migrationName}` : ''}: ${String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
