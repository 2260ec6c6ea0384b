/** `npm run migrate`: bring the configured database (SQLite by default, DATABASE_URL for PostgreSQL) to the latest schema. */
import { ConfigError, loadConfig } from '../server/config';
import { openDatabase } from '../server/db/connect';
import { migrateToLatest } from '../server/db/migrate';

try {
  const config = loadConfig();
  const h = openDatabase({ databaseUrl: config.databaseUrl, sqlitePath: config.sqlitePath });
  const applied = await migrateToLatest(h.db);
  console.log(applied.length ? `已执行迁移 applied: ${applied.join(', ')}` : '数据库已是最新 (already up to date)');
  await h.close();
} catch (e) {
  console.error(e instanceof ConfigError ? e.message : `迁移失败 (migration failed): ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
