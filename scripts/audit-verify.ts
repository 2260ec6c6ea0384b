/**
 * `npm run audit:verify`: recompute the audit trail's hash chain and name the first broken row.
 * Exit code 0 = intact, 3 = tampering detected, 1 = could not check.
 */
import { ConfigError, loadConfig } from '../server/config';
import { openDatabase } from '../server/db/connect';
import { verifyAuditChain } from '../server/audit/audit-trail';

try {
  const config = loadConfig();
  const h = openDatabase({ databaseUrl: config.databaseUrl, sqlitePath: config.sqlitePath });
  const verdict = await verifyAuditChain(h.db);
  await h.close();
  if (verdict.ok) {
    console.log(`审计日志完整 (audit chain intact): ${verdict.rows} 条记录 rows`);
  } else {
    const why = verdict.reason === 'hash-mismatch' ? '内容被修改 (row content edited)' : '前序哈希不符：记录被删除或调换顺序 (previous row deleted or reordered)';
    console.error(`审计日志被篡改 (audit chain broken) at row id ${verdict.brokenAt}: ${why}`);
    process.exit(3);
  }
} catch (e) {
  console.error(e instanceof ConfigError ? e.message : `校验失败 (verification failed): ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
