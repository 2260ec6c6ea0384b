/**
 * The local working-day override table (工作日调整表): days the office declares working or not, with the
 * reason, on top of the official calendar. Deadlines everywhere count with it.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { recordAudit } from '../audit/audit-trail';
import { NotFound } from '../errors';
import { actorOf, requireRole } from '../http/auth-middleware';
import type { AppDeps, AppEnv } from '../http/context';
import { validate } from '../http/validate';
import { isoDate, loadCalendar } from './common';
import { createWorkdayCalendar, isIsoDate } from './rules';

const dateParam = z.object({ date: isoDate.refine(isIsoDate, '日期不存在') });
const overrideBody = z.object({
  workday: z.boolean({ message: '请说明该日是否上班' }),
  note: z.string().trim().min(2, '请填写依据或原因（如 文件号、临时停工通知）').max(200),
});
const checkQuery = z.object({ date: isoDate.refine(isIsoDate, '日期不存在') });

/** Routes mounted at `/workday-overrides`. */
export function workdayOverrideRoutes(deps: AppDeps) {
  const { db } = deps;
  const list = async () => {
    const rows = await db.selectFrom('workday_overrides').selectAll().orderBy('date').execute();
    // What the official calendar alone says of each day, so the page shows what the override changes.
    const official = createWorkdayCalendar();
    return rows.map((r) => {
      const o = official.isWorkday(r.date);
      return { date: r.date, workday: !!r.workday, note: r.note, official: { workday: o.workday, verified: o.verified, name: o.name } };
    });
  };
  return new Hono<AppEnv>()
    .get('/', requireRole('admin', 'supervisor'), async (c) => {
      const official = createWorkdayCalendar().officialRange;
      return c.json({ overrides: await list(), officialRange: official });
    })
    .get('/check', requireRole('admin', 'supervisor'), validate('query', checkQuery), async (c) => {
      const calendar = await loadCalendar(db);
      return c.json({ day: calendar.isWorkday(c.req.valid('query').date) });
    })
    .put('/:date', requireRole('admin'), validate('param', dateParam), validate('json', overrideBody), async (c) => {
      const actor = actorOf(c);
      const { date } = c.req.valid('param');
      const b = c.req.valid('json');
      const before = await db.selectFrom('workday_overrides').selectAll().where('date', '=', date).executeTakeFirst();
      await db.transaction().execute(async (trx) => {
        if (before) await trx.updateTable('workday_overrides').set({ workday: b.workday ? 1 : 0, note: b.note }).where('date', '=', date).execute();
        else await trx.insertInto('workday_overrides').values({ date, workday: b.workday ? 1 : 0, note: b.note }).execute();
        await recordAudit(trx, actor, {
          action: 'workday.override', objectType: 'workday', objectId: date,
          before: before ? { workday: !!before.workday, note: before.note } : null,
          after: { workday: b.workday, note: b.note },
        }, deps.now());
      });
      return c.json({ overrides: await list() });
    })
    .delete('/:date', requireRole('admin'), validate('param', dateParam), async (c) => {
      const actor = actorOf(c);
      const { date } = c.req.valid('param');
      const before = await db.selectFrom('workday_overrides').selectAll().where('date', '=', date).executeTakeFirst();
      if (!before) throw new NotFound('工作日调整', date);
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('workday_overrides').where('date', '=', date).execute();
        await recordAudit(trx, actor, { action: 'workday.override-delete', objectType: 'workday', objectId: date, before: { workday: !!before.workday, note: before.note } }, deps.now());
      });
      return c.json({ overrides: await list() });
    });
}
