import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { recordAudit, verifyAuditChain } from '../../server/audit/audit-trail';
import { systemActor } from '../../server/auth/actor';
import { dialects, freshDatabase, type TestDb } from '../support/databases';

const DIALECTS = await dialects();

describe.each(DIALECTS)('audit trail on %s', (dialect) => {
  let h: TestDb;
  afterEach(async () => h?.dispose());

  async function withRows(n: number) {
    h = await freshDatabase(dialect);
    for (let i = 1; i <= n; i++) {
      await h.db.transaction().execute((trx) =>
        recordAudit(trx, systemActor('test'), { action: 'thing.update', objectType: 'thing', objectId: i, before: { v: i - 1 }, after: { v: i } }, new Date(Date.UTC(2026, 10, 23, 1, 0, i))),
      );
    }
  }

  it('an intact chain verifies', async () => {
    await withRows(5);
    expect(await verifyAuditChain(h.db)).toEqual({ ok: true, rows: 5 });
  });

  it('detects an edited row and names it', async () => {
    await withRows(5);
    await h.db.updateTable('audit_log').set({ after_json: '{"v":999}' }).where('id', '=', 3).execute();
    expect(await verifyAuditChain(h.db)).toMatchObject({ ok: false, brokenAt: 3, reason: 'hash-mismatch' });
  });

  it('detects a deleted row at the next one', async () => {
    await withRows(5);
    await h.db.deleteFrom('audit_log').where('id', '=', 2).execute();
    expect(await verifyAuditChain(h.db)).toMatchObject({ ok: false, brokenAt: 3, reason: 'prev-hash-mismatch' });
  });

  it('detects reordered rows', async () => {
    await withRows(5);
    // Swap rows 2 and 4 entirely (content and hashes), as an attacker reordering history would.
    const rows = await h.db.selectFrom('audit_log').selectAll().where('id', 'in', [2, 4]).orderBy('id').execute();
    const [r2, r4] = rows as [typeof rows[number], typeof rows[number]];
    const strip = ({ id: _id, ...rest }: typeof r2) => rest;
    await h.db.updateTable('audit_log').set({ ...strip(r4), hash: 'tmp' }).where('id', '=', 2).execute();
    await h.db.updateTable('audit_log').set(strip(r2)).where('id', '=', 4).execute();
    await h.db.updateTable('audit_log').set({ hash: r4.hash }).where('id', '=', 2).execute();
    expect(await verifyAuditChain(h.db)).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it('refuses to write outside a transaction (the chain could fork)', async () => {
    await withRows(1);
    await expect(recordAudit(h.db, systemActor('test'), { action: 'loose', objectType: 'thing', objectId: 1 }, new Date())).rejects.toThrow(/inside the transaction/);
  });

  it('simultaneous writers keep one unbroken chain', async () => {
    await withRows(0);
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        h.db.transaction().execute((trx) => recordAudit(trx, systemActor('test'), { action: 'race', objectType: 'thing', objectId: i }, new Date(Date.UTC(2026, 10, 23)))),
      ),
    );
    expect(await verifyAuditChain(h.db)).toEqual({ ok: true, rows: 12 });
  });

  it('a change and its audit row commit together or not at all', async () => {
    await withRows(1);
    await expect(
      h.db.transaction().execute(async (trx) => {
        await recordAudit(trx, systemActor('test'), { action: 'doomed', objectType: 'thing', objectId: 9 }, new Date());
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    const count = await h.db.selectFrom('audit_log').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });
});
