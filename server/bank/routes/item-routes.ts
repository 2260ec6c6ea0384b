/**
 * `/api/bank/items`: browse and search the bank, add an item, edit (a new version when the item is locked
 * by a paper), retire and re-activate. Every change is audited with the item before and after.
 */
import { Hono } from 'hono';
import { recordAudit } from '../../audit/audit-trail';
import { StateConflict } from '../../errors';
import { actorOf, requireRole } from '../../http/auth-middleware';
import type { AppDeps, AppEnv } from '../../http/context';
import { validate } from '../../http/validate';
import { formDraft } from '../item-form';
import { insertDrafts, itemVersions, loadItemRow, publicItem, reviseItem, searchItems } from '../item-store';
import { occupationFor } from '../lookups';
import { idParam, itemBody, itemQuery, newItemBody, statusBody } from '../schemas';
import { READERS } from './roles';

/** Item list, detail, create, edit, status. */
export function itemRoutes(deps: AppDeps) {
  const { db } = deps;
  return new Hono<AppEnv>()
    .get('/', requireRole(...READERS), validate('query', itemQuery), async (c) => {
      const q = c.req.valid('query');
      const result = await searchItems(
        db,
        {
          ...(q.occupationId !== undefined && { occupationId: q.occupationId }),
          ...(q.level !== undefined && { level: q.level }),
          ...(q.type !== undefined && { type: q.type }),
          ...(q.pointCode && { pointCode: q.pointCode }),
          ...(q.status !== undefined && { status: q.status }),
          ...(q.q && { q: q.q }),
          allVersions: q.allVersions === '1',
        },
        { page: q.page, pageSize: q.pageSize },
      );
      return c.json({ ...result, page: q.page, pageSize: q.pageSize });
    })
    .get('/:id', requireRole(...READERS), validate('param', idParam), async (c) => {
      const row = await loadItemRow(db, c.req.valid('param').id);
      const versions = await itemVersions(db, row.item_uid);
      return c.json({ item: publicItem(row), versions: versions.map(publicItem) });
    })
    .post('/', requireRole('admin'), validate('json', newItemBody), async (c) => {
      const actor = actorOf(c);
      const b = c.req.valid('json');
      const occ = await occupationFor(db, b.occupationId, b.level);
      const draft = formDraft(b, occ.code, b.level);
      const now = deps.now();
      const row = await db.transaction().execute(async (trx) => {
        const [r] = await insertDrafts(trx, [draft], { occupationId: occ.id, occupationCode: occ.code, level: b.level, userId: actor.userId, now: now.toISOString() });
        await recordAudit(trx, actor, { action: 'item.create', objectType: 'item', objectId: r!.item_uid, after: publicItem(r!) }, now);
        return r!;
      });
      return c.json({ item: publicItem(row) }, 201);
    })
    .put('/:id', requireRole('admin'), validate('param', idParam), validate('json', itemBody), async (c) => {
      const actor = actorOf(c);
      const before = await loadItemRow(db, c.req.valid('param').id);
      const occ = await occupationFor(db, before.occupation_id);
      const draft = formDraft(c.req.valid('json'), occ.code, before.level);
      const now = deps.now();
      const result = await db.transaction().execute(async (trx) => {
        const r = await reviseItem(trx, before, draft, { userId: actor.userId, now: now.toISOString() });
        await recordAudit(
          trx,
          actor,
          { action: r.newVersion ? 'item.newVersion' : 'item.update', objectType: 'item', objectId: before.item_uid, before: publicItem(before), after: publicItem(r.row) },
          now,
        );
        return r;
      });
      return c.json({ item: publicItem(result.row), newVersion: result.newVersion });
    })
    .post('/:id/status', requireRole('admin'), validate('param', idParam), validate('json', statusBody), async (c) => {
      const actor = actorOf(c);
      const before = await loadItemRow(db, c.req.valid('param').id);
      const { status } = c.req.valid('json');
      if (before.is_latest !== 1) {
        throw new StateConflict('ITEM_NOT_LATEST', `只能修改试题的最新版本（第 ${before.version} 版已被新版本取代）`, { id: before.id });
      }
      const now = deps.now();
      // Status is bank bookkeeping, not content: papers that pinned this version are unaffected.
      const row = await db.transaction().execute(async (trx) => {
        const r = await trx.updateTable('items').set({ status }).where('id', '=', before.id).returningAll().executeTakeFirstOrThrow();
        await recordAudit(trx, actor, { action: 'item.status', objectType: 'item', objectId: before.item_uid, before: { version: before.version, status: before.status }, after: { version: r.version, status } }, now);
        return r;
      });
      return c.json({ item: publicItem(row) });
    });
}
