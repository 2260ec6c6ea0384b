import { Hono } from 'hono';
import { z } from 'zod';
import { recordAudit } from '../audit/audit-trail';
import { NotFound, StateConflict } from '../errors';
import { actorOf, requireRole, STAFF } from '../http/auth-middleware';
import type { AppDeps, AppEnv } from '../http/context';
import { idParam, validate } from '../http/validate';
import type { Selectable } from 'kysely';
import type { OccupationTable } from '../db/schema';

const level = z.number().int().min(1).max(5);
const occupationBody = z.object({
  code: z.string().trim().regex(/^\d-\d{2}-\d{2}-\d{2}$/, '职业编码格式应为 d-dd-dd-dd，例如 6-31-01-03'),
  name: z.string().trim().min(1, '请输入职业名称').max(60),
  workType: z.string().trim().max(60).default(''),
  levels: z.array(level).min(1, '至少选择一个等级').refine((l) => new Set(l).size === l.length, '等级不能重复'),
  licensing: z.boolean().default(false),
});

/** An occupation (职业/工种) as the API shows it. */
export function publicOccupation(o: Selectable<OccupationTable>) {
  return { id: o.id, code: o.code, name: o.name, workType: o.work_type || null, levels: JSON.parse(o.levels_json) as number[], licensing: !!o.licensing };
}

/** The occupation catalogue: every staff role reads it; the admin edits it. */
export function occupationRoutes(deps: AppDeps) {
  const { db } = deps;
  return new Hono<AppEnv>()
    .get('/', requireRole(...STAFF), async (c) => {
      const rows = await db.selectFrom('occupations').selectAll().orderBy('code').orderBy('work_type').execute();
      return c.json({ occupations: rows.map(publicOccupation) });
    })
    .post('/', requireRole('admin'), validate('json', occupationBody), async (c) => {
      const actor = actorOf(c);
      const b = c.req.valid('json');
      const dup = await db.selectFrom('occupations').select('id').where('code', '=', b.code).where('work_type', '=', b.workType).executeTakeFirst();
      if (dup) throw new StateConflict('OCCUPATION_EXISTS', `职业 ${b.code}${b.workType ? `（${b.workType}）` : ''} 已存在`);
      const row = await db.transaction().execute(async (trx) => {
        const r = await trx
          .insertInto('occupations')
          .values({ code: b.code, name: b.name, work_type: b.workType, levels_json: JSON.stringify([...b.levels].sort().reverse()), licensing: b.licensing ? 1 : 0, created_at: deps.now().toISOString() })
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordAudit(trx, actor, { action: 'occupation.create', objectType: 'occupation', objectId: r.id, after: publicOccupation(r) }, deps.now());
        return r;
      });
      return c.json({ occupation: publicOccupation(row) }, 201);
    })
    .patch('/:id', requireRole('admin'), validate('param', idParam), validate('json', occupationBody.partial()), async (c) => {
      const actor = actorOf(c);
      const { id } = c.req.valid('param');
      const b = c.req.valid('json');
      const before = await db.selectFrom('occupations').selectAll().where('id', '=', id).executeTakeFirst();
      if (!before) throw new NotFound('职业', id);
      const row = await db.transaction().execute(async (trx) => {
        const r = await trx
          .updateTable('occupations')
          .set({
            ...(b.code !== undefined && { code: b.code }),
            ...(b.name !== undefined && { name: b.name }),
            ...(b.workType !== undefined && { work_type: b.workType }),
            ...(b.levels !== undefined && { levels_json: JSON.stringify([...b.levels].sort().reverse()) }),
            ...(b.licensing !== undefined && { licensing: b.licensing ? 1 : 0 }),
          })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordAudit(trx, actor, { action: 'occupation.update', objectType: 'occupation', objectId: id, before: publicOccupation(before), after: publicOccupation(r) }, deps.now());
        return r;
      });
      return c.json({ occupation: publicOccupation(row) });
    });
}
