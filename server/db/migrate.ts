import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { Database } from './schema';
import { migrations } from './migrations';

const provider: MigrationProvider = { getMigrations: async (): Promise<Record<string, Migration>> => migrations };

/**
 * Bring the schema to the latest migration (listed in `server/db/migrations/index.ts`).
 * Returns the names applied now. Throws the first failing migration's error; nothing after it runs.
 */
export async function migrateToLatest(db: Kysely<Database>, opts: { pgSchema?: string } = {}): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider,
    // With a non-default search_path, kysely must look for its own tables in that schema.
    ...(opts.pgSchema ? { migrationTableSchema: opts.pgSchema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`数据库迁移失败 (migration failed)${failed ? `: ${failed.migrationName}` : ''}: ${String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
