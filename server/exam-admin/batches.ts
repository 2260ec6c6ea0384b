/**
 * 认定批次 routes: create and edit a batch, its entries (occupation × level × components, each checked by
 * `checkBatchEntry`), its sittings with the papers they draw from, filing (备案) and the deadline view.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { recordAudit } from '../audit/audit-trail';
import { NotFound, StateConflict, ValidationFailed } from '../errors';
import { actorOf, requireRole } from '../http/auth-middleware';
import type { AppDeps, AppEnv } from '../http/context';
import { validate } from '../http/validate';
import type { Level } from '../../question-bank/types';
import {
  assertBatchOpen,
  batchParam,
  chinaDate,
  component,
  isoDate,
  level,
  loadBatch,
  loadOrganization,
  organizationForOccupation,
  ruleOccupation,
  type ComponentName,
  type Db,
} from './common';
import { batchEntries, batchSittings, batchView, deadlinesOf, publicBatch } from './batch-view';
import { checkBatchEntry, COMPONENT_LABELS, isIsoDate, LEVEL_LABELS, requiredComponents } from './rules';

const newBatch = z.object({
  name: z.string().trim().min(2, '请输入批次名称').max(100),
  code: z.string().trim().regex(/^\d{6}$/, '批次代码应为6位数字（如 2612 01 表示2026年12月第1批）').optional(),
});
const patchBatch = z.object({ name: z.string().trim().min(2, '请输入批次名称').max(100), code: newBatch.shape.code }).partial();

const entriesBody = z.object({
  entries: z.array(z.object({ occupationId: z.number().int().positive().max(2_147_483_647), level, components: z.array(component).optional() })),
});

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '开始时间格式应为 HH:MM（24小时制）');
const sittingEntry = z.object({
  occupationId: z.number().int().positive().max(2_147_483_647),
  level,
  paperSetId: z.number().int().positive().max(2_147_483_647).nullable().optional(),
  paperId: z.number().int().positive().max(2_147_483_647).nullable().optional(),
});
const sittingBody = z.object({
  component,
  date: isoDate.refine(isIsoDate, '日期不存在'),
  startTime: time,
  durationMin: z.number().int().min(10, '时长至少10分钟').max(600, '时长不能超过600分钟'),
  venue: z.string().trim().min(2, '请输入考点（评价场所）').max(100),
  /** Entries that sit this sitting; default every entry of the batch with this component. */
  entries: z.array(sittingEntry).optional(),
});
const sittingParam = batchParam.extend({ sittingId: z.coerce.number().int().positive().max(2_147_483_647) });
const fileBody = z.object({
  filedOn: isoDate.refine(isIsoDate, '日期不存在').optional(),
  filingNumber: z.string().trim().max(50).optional(),
});

/** `YYMM` of the China date plus the batch's serial in that month, e.g. `261201`. */
async function nextBatchCode(db: Db, today: string): Promise<string> {
  const prefix = today.slice(2, 4) + today.slice(5, 7);
  const rows = await db.selectFrom('batches').select('code').where('code', 'like', `${prefix}%`).execute();
  const used = new Set(rows.map((r) => r.code));
  for (let n = 1; n <= 99; n++) {
    const code = `${prefix}${String(n).padStart(2, '0')}`;
    if (!used.has(code)) return code;
  }
  throw new StateConflict('BATCH_CODE_EXHAUSTED', `${prefix} 月份的批次代码已用完，请手工指定批次代码`);
}

async function assertCodeFree(db: Db, code: string, exceptId = 0) {
  const dup = await db.selectFrom('batches').select('id').where('code', '=', code).where('id', '!=', exceptId).executeTakeFirst();
  if (dup) throw new StateConflict('BATCH_CODE_TAKEN', `批次代码 ${code} 已被使用`, { field: 'code' });
}

type SittingInput = z.infer<typeof sittingBody>;

/**
 * Check a sitting's entries against the batch and the paper bank; return the rows to store. Each entry ×
 * component may sit in only one sitting, so every candidate has exactly one sitting per component.
 */
async function sittingEntries(db: Db, batchId: number, s: Pick<SittingInput, 'component' | 'entries'>, exceptSittingId: number) {
  const entries = await batchEntries(db, batchId);
  const eligible = entries.filter((e) => e.components.includes(s.component));
  const wanted: z.infer<typeof sittingEntry>[] = s.entries ?? eligible.map((e) => ({ occupationId: e.occupationId, level: e.level }));
  if (wanted.length === 0) {
    throw new StateConflict('SITTING_WITHOUT_ENTRIES', `本批次没有需要${COMPONENT_LABELS[s.component]}的职业和等级，请先设置认定职业和等级`);
  }
  const taken = await db
    .selectFrom('sitting_papers')
    .innerJoin('sittings', 'sittings.id', 'sitting_papers.sitting_id')
    .select(['sitting_papers.occupation_id', 'sitting_papers.level', 'sittings.date', 'sittings.start_time'])
    .where('sittings.batch_id', '=', batchId)
    .where('sittings.component', '=', s.component)
    .where('sittings.id', '!=', exceptSittingId)
    .execute();
  const slots = await db.selectFrom('sitting_papers').select(['occupation_id', 'level', 'paper_set_id', 'paper_id']).where('sitting_id', '=', exceptSittingId).execute();
  const problems: { field: string; problem: string }[] = [];
  for (const [i, w] of wanted.entries()) {
    const e = eligible.find((x) => x.occupationId === w.occupationId && x.level === w.level);
    const what = e ? `${e.name}${e.workType ? `（${e.workType}）` : ''}${LEVEL_LABELS[w.level]}` : `职业${w.occupationId} ${LEVEL_LABELS[w.level]}`;
    if (!e) {
      problems.push({ field: `entries.${i}`, problem: `${what}不在本批次需要${COMPONENT_LABELS[s.component]}的认定项目中` });
      continue;
    }
    const clash = taken.find((t) => t.occupation_id === w.occupationId && t.level === w.level);
    if (clash) problems.push({ field: `entries.${i}`, problem: `${what}已安排在 ${clash.date} ${clash.start_time} 的${COMPONENT_LABELS[s.component]}场次` });
    if (w.paperSetId != null || w.paperId != null) {
      if (s.component !== 'theory') {
        problems.push({ field: `entries.${i}.paperSetId`, problem: '只有理论知识考试场次需要指定试卷' });
        continue;
      }
      if (w.paperSetId != null) {
        const set = await db.selectFrom('paper_sets').select(['occupation_id', 'level', 'component']).where('id', '=', w.paperSetId).executeTakeFirst();
        if (!set || set.occupation_id !== w.occupationId || set.level !== w.level || set.component !== 'theory') {
          problems.push({ field: `entries.${i}.paperSetId`, problem: `试卷组 ${w.paperSetId} 不是${what}的理论试卷` });
        }
      }
    }
    // A paper enters a sitting only through the bank's release (second-user approval, 台账, exposure): here
    // it may only be kept as released, never set, swapped or cleared.
    const slot = slots.find((x) => x.occupation_id === w.occupationId && x.level === w.level);
    const released = slot?.paper_id ?? null;
    if (w.paperId !== undefined && w.paperId !== released) {
      problems.push({ field: `entries.${i}.paperId`, problem: `${what}的试卷须在题库中审核后通过“发放到场次”指定，不能在场次安排中直接选择或更换` });
    } else if (released !== null && w.paperSetId !== undefined && w.paperSetId !== slot?.paper_set_id) {
      problems.push({ field: `entries.${i}.paperSetId`, problem: `${what}已发放试卷，不能再更换试卷组` });
    }
  }
  const keys = wanted.map((w) => `${w.occupationId}/${w.level}`);
  if (new Set(keys).size !== keys.length) problems.push({ field: 'entries', problem: '同一职业等级不能重复' });
  if (problems.length > 0) throw new ValidationFailed(problems);
  return wanted;
}

/** Write the sitting's entry rows, keeping paper choices (also made by the question bank) not mentioned. */
async function writeSittingEntries(trx: Db, sittingId: number, wanted: z.infer<typeof sittingEntry>[]) {
  const existing = await trx.selectFrom('sitting_papers').selectAll().where('sitting_id', '=', sittingId).execute();
  for (const old of existing) {
    if (!wanted.some((w) => w.occupationId === old.occupation_id && w.level === old.level)) {
      await trx.deleteFrom('sitting_papers').where('id', '=', old.id).execute();
    }
  }
  for (const w of wanted) {
    const old = existing.find((x) => x.occupation_id === w.occupationId && x.level === w.level);
    const papers = {
      ...(w.paperSetId !== undefined && { paper_set_id: w.paperSetId }),
      ...(w.paperId !== undefined && { paper_id: w.paperId }),
    };
    if (old) {
      if (Object.keys(papers).length > 0) await trx.updateTable('sitting_papers').set(papers).where('id', '=', old.id).execute();
    } else {
      await trx
        .insertInto('sitting_papers')
        .values({ sitting_id: sittingId, occupation_id: w.occupationId, level: w.level, paper_set_id: w.paperSetId ?? null, paper_id: w.paperId ?? null })
        .execute();
    }
  }
}

/** Batch routes mounted at `/batches`. */
export function batchRoutes(deps: AppDeps) {
  const { db } = deps;
  const touch = (trx: Db, id: number) => trx.updateTable('batches').set({ updated_at: deps.now().toISOString() }).where('id', '=', id).execute();

  return new Hono<AppEnv>()
    .get('/', requireRole('admin', 'supervisor'), async (c) => {
      const actor = actorOf(c);
      const rows = await db.selectFrom('batches').selectAll().where('organization_id', '=', actor.organizationId!).orderBy('code', 'desc').execute();
      const today = chinaDate(deps.now());
      const out = [];
      for (const b of rows) {
        const sittings = await batchSittings(db, b.id);
        const { firstSitting, deadlines } = await deadlinesOf(db, b, sittings, today);
        const n = await db.selectFrom('candidates').select((eb) => eb.fn.countAll<number>().as('n')).where('batch_id', '=', b.id).executeTakeFirst();
        out.push({
          ...publicBatch(b), firstSitting, candidates: Number(n?.n ?? 0),
          attention: deadlines.filter((d) => d.status === 'overdue' || d.status === 'late' || d.status === 'dueSoon' || !d.verified).map((d) => ({ key: d.key, label: d.label, status: d.status, verified: d.verified })),
        });
      }
      return c.json({ batches: out });
    })
    .post('/', requireRole('admin'), validate('json', newBatch), async (c) => {
      const actor = actorOf(c);
      const b = c.req.valid('json');
      const code = b.code ?? (await nextBatchCode(db, chinaDate(deps.now())));
      await assertCodeFree(db, code);
      const at = deps.now().toISOString();
      const row = await db.transaction().execute(async (trx) => {
        const r = await trx
          .insertInto('batches')
          .values({ organization_id: actor.organizationId!, code, name: b.name, status: 'draft', created_by: actor.userId, created_at: at, updated_at: at })
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordAudit(trx, actor, { action: 'batch.create', objectType: 'batch', objectId: r.id, after: publicBatch(r) }, deps.now());
        return r;
      });
      return c.json({ batch: publicBatch(row) }, 201);
    })
    .get('/:id', requireRole('admin', 'supervisor'), validate('param', batchParam), async (c) => {
      const b = await loadBatch(db, actorOf(c), c.req.valid('param').id);
      return c.json(await batchView(db, b, deps.now()));
    })
    .patch('/:id', requireRole('admin'), validate('param', batchParam), validate('json', patchBatch), async (c) => {
      const actor = actorOf(c);
      const before = await loadBatch(db, actor, c.req.valid('param').id);
      const b = c.req.valid('json');
      if (b.code !== undefined && b.code !== before.code) {
        // The code is inside every ticket number; once seats exist it must stay.
        assertBatchOpen(before, 'plan');
        const seated = await db.selectFrom('seat_assignments').innerJoin('sittings', 'sittings.id', 'seat_assignments.sitting_id').select('seat_assignments.id').where('sittings.batch_id', '=', before.id).limit(1).executeTakeFirst();
        if (seated) throw new StateConflict('BATCH_CODE_IN_USE', '已编排座位（准考证号含批次代码），批次代码不能再修改', { field: 'code' });
        await assertCodeFree(db, b.code, before.id);
      }
      const after = await db.transaction().execute(async (trx) => {
        const r = await trx
          .updateTable('batches')
          .set({ ...(b.name !== undefined && { name: b.name }), ...(b.code !== undefined && { code: b.code }), updated_at: deps.now().toISOString() })
          .where('id', '=', before.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordAudit(trx, actor, { action: 'batch.update', objectType: 'batch', objectId: r.id, before: publicBatch(before), after: publicBatch(r) }, deps.now());
        return r;
      });
      return c.json({ batch: publicBatch(after) });
    })
    .put('/:id/entries', requireRole('admin'), validate('param', batchParam), validate('json', entriesBody), async (c) => {
      const actor = actorOf(c);
      const batch = await loadBatch(db, actor, c.req.valid('param').id);
      assertBatchOpen(batch, 'plan');
      const { entries } = c.req.valid('json');
      const keys = entries.map((e) => `${e.occupationId}/${e.level}`);
      if (new Set(keys).size !== keys.length) throw new ValidationFailed([{ field: 'entries', problem: '同一职业的同一等级不能重复' }]);
      const org = await loadOrganization(db, actor.organizationId!);
      const occupations = await db.selectFrom('occupations').selectAll().execute();
      const checked: { occupationId: number; level: Level; components: ComponentName[] }[] = [];
      for (const e of entries) {
        const occ = occupations.find((o) => o.id === e.occupationId);
        if (!occ) throw new NotFound('职业', e.occupationId);
        const accepted = checkBatchEntry({
          org: await organizationForOccupation(db, org, occ),
          occupation: ruleOccupation(occ, occupations),
          workType: occ.work_type || null,
          level: e.level,
          components: e.components ?? requiredComponents(e.level),
        });
        checked.push({ occupationId: occ.id, level: e.level, components: accepted.components });
      }
      const before = await batchEntries(db, batch.id);
      const removed = before.filter((o) => !checked.some((n) => n.occupationId === o.occupationId && n.level === o.level));
      const withCandidates = removed.filter((r) => r.candidates > 0);
      if (withCandidates.length > 0) {
        throw new StateConflict('ENTRY_HAS_CANDIDATES', `${withCandidates.map((r) => `${r.name}${r.levelLabel}`).join('、')}已有考生报名，不能从批次中删除`, {});
      }
      await db.transaction().execute(async (trx) => {
        for (const r of removed) {
          await trx.deleteFrom('batch_entries').where('id', '=', r.id).execute();
          const sittingIds = (await trx.selectFrom('sittings').select('id').where('batch_id', '=', batch.id).execute()).map((s) => s.id);
          if (sittingIds.length) {
            await trx.deleteFrom('sitting_papers').where('sitting_id', 'in', sittingIds).where('occupation_id', '=', r.occupationId).where('level', '=', r.level).execute();
          }
        }
        for (const n of checked) {
          const old = before.find((o) => o.occupationId === n.occupationId && o.level === n.level);
          if (!old) {
            await trx.insertInto('batch_entries').values({ batch_id: batch.id, occupation_id: n.occupationId, level: n.level, components_json: JSON.stringify(n.components) }).execute();
          } else if (JSON.stringify(old.components) !== JSON.stringify(n.components)) {
            await trx.updateTable('batch_entries').set({ components_json: JSON.stringify(n.components) }).where('id', '=', old.id).execute();
            // A component dropped from the entry leaves the sittings of that component.
            const dropped = old.components.filter((x) => !n.components.includes(x));
            for (const comp of dropped) {
              const ids = (await trx.selectFrom('sittings').select('id').where('batch_id', '=', batch.id).where('component', '=', comp).execute()).map((s) => s.id);
              if (ids.length) await trx.deleteFrom('sitting_papers').where('sitting_id', 'in', ids).where('occupation_id', '=', n.occupationId).where('level', '=', n.level).execute();
            }
            await trx.updateTable('candidates').set({ components_json: JSON.stringify(n.components) }).where('batch_id', '=', batch.id).where('occupation_id', '=', n.occupationId).where('level', '=', n.level).execute();
          }
        }
        await touch(trx, batch.id);
        const after = await batchEntries(trx, batch.id);
        const strip = (l: typeof before) => l.map((e) => ({ occupation: `${e.code}${e.workType ? `/${e.workType}` : ''}`, level: e.level, components: e.components }));
        await recordAudit(trx, actor, { action: 'batch.entries', objectType: 'batch', objectId: batch.id, before: strip(before), after: strip(after) }, deps.now());
      });
      return c.json({ entries: await batchEntries(db, batch.id) });
    })
    .post('/:id/sittings', requireRole('admin'), validate('param', batchParam), validate('json', sittingBody), async (c) => {
      const actor = actorOf(c);
      const batch = await loadBatch(db, actor, c.req.valid('param').id);
      assertBatchOpen(batch, 'plan');
      const s = c.req.valid('json');
      const wanted = await sittingEntries(db, batch.id, s, 0);
      const id = await db.transaction().execute(async (trx) => {
        const r = await trx
          .insertInto('sittings')
          .values({ batch_id: batch.id, component: s.component, date: s.date, start_time: s.startTime, duration_min: s.durationMin, venue: s.venue, status: 'scheduled' })
          .returning('id')
          .executeTakeFirstOrThrow();
        await writeSittingEntries(trx, r.id, wanted);
        await touch(trx, batch.id);
        const after = (await batchSittings(trx, batch.id)).find((x) => x.id === r.id);
        await recordAudit(trx, actor, { action: 'sitting.create', objectType: 'sitting', objectId: r.id, after }, deps.now());
        return r.id;
      });
      return c.json({ sitting: (await batchSittings(db, batch.id)).find((x) => x.id === id) }, 201);
    })
    .patch('/:id/sittings/:sittingId', requireRole('admin'), validate('param', sittingParam), validate('json', sittingBody.partial()), async (c) => {
      const actor = actorOf(c);
      const { id, sittingId } = c.req.valid('param');
      const batch = await loadBatch(db, actor, id);
      const before = (await batchSittings(db, batch.id)).find((x) => x.id === sittingId);
      if (!before) throw new NotFound('场次', sittingId);
      const s = c.req.valid('json');
      const sameEntries = (list: { occupationId: number; level: number }[]) =>
        list.length === before.entries.length && list.every((e) => before.entries.some((x) => x.occupationId === e.occupationId && x.level === e.level));
      const onlyPapers = Object.keys(s).every((k) => k === 'entries') && s.entries !== undefined && sameEntries(s.entries);
      // Choosing the paper a filed sitting draws from is part of preparing it, not a change of plan.
      if (!onlyPapers) assertBatchOpen(batch, 'plan');
      if (before.status !== 'scheduled') throw new StateConflict('SITTING_STARTED', '场次已开考，不能再修改');
      if (s.component !== undefined && s.component !== before.component) {
        throw new ValidationFailed([{ field: 'component', problem: '场次的考核科目不能修改，请删除后重新添加' }]);
      }
      const wanted = s.entries ? await sittingEntries(db, batch.id, { component: before.component, entries: s.entries }, sittingId) : null;
      const after = await db.transaction().execute(async (trx) => {
        const fields = {
          ...(s.date !== undefined && { date: s.date }),
          ...(s.startTime !== undefined && { start_time: s.startTime }),
          ...(s.durationMin !== undefined && { duration_min: s.durationMin }),
          ...(s.venue !== undefined && { venue: s.venue }),
        };
        if (Object.keys(fields).length > 0) await trx.updateTable('sittings').set(fields).where('id', '=', sittingId).execute();
        if (wanted) await writeSittingEntries(trx, sittingId, wanted);
        await touch(trx, batch.id);
        const a = (await batchSittings(trx, batch.id)).find((x) => x.id === sittingId);
        await recordAudit(trx, actor, { action: 'sitting.update', objectType: 'sitting', objectId: sittingId, before, after: a }, deps.now());
        return a;
      });
      return c.json({ sitting: after });
    })
    .delete('/:id/sittings/:sittingId', requireRole('admin'), validate('param', sittingParam), async (c) => {
      const actor = actorOf(c);
      const { id, sittingId } = c.req.valid('param');
      const batch = await loadBatch(db, actor, id);
      const before = (await batchSittings(db, batch.id)).find((x) => x.id === sittingId);
      if (!before) throw new NotFound('场次', sittingId);
      assertBatchOpen(batch, 'plan');
      const used = await db.selectFrom('seat_assignments').select('id').where('sitting_id', '=', sittingId).limit(1).executeTakeFirst();
      if (used) throw new StateConflict('SITTING_HAS_SEATS', '该场次已编排座位，请先清除座位编排再删除');
      const staffed = await db.selectFrom('staff_assignments').select('id').where('sitting_id', '=', sittingId).limit(1).executeTakeFirst();
      if (staffed) throw new StateConflict('SITTING_HAS_STAFF', '该场次已安排考务人员，请先撤销人员安排再删除');
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('sitting_papers').where('sitting_id', '=', sittingId).execute();
        await trx.deleteFrom('sittings').where('id', '=', sittingId).execute();
        await touch(trx, batch.id);
        await recordAudit(trx, actor, { action: 'sitting.delete', objectType: 'sitting', objectId: sittingId, before }, deps.now());
      });
      return c.json({ ok: true });
    })
    .post('/:id/file', requireRole('admin'), validate('param', batchParam), validate('json', fileBody), async (c) => {
      const actor = actorOf(c);
      const before = await loadBatch(db, actor, c.req.valid('param').id);
      if (before.status !== 'draft') throw new StateConflict('BATCH_NOT_DRAFT', `批次已${publicBatch(before).statusLabel}，不能重复备案`);
      const body = c.req.valid('json');
      const entries = await batchEntries(db, before.id);
      const sittings = await batchSittings(db, before.id);
      if (entries.length === 0) throw new StateConflict('PLAN_INCOMPLETE', '认定计划还没有认定职业和等级');
      const uncovered = entries.flatMap((e) =>
        e.components
          .filter((comp) => !sittings.some((s) => s.component === comp && s.entries.some((x) => x.occupationId === e.occupationId && x.level === e.level)))
          .map((comp) => `${e.name}${e.levelLabel}的${COMPONENT_LABELS[comp]}`),
      );
      if (uncovered.length > 0) throw new StateConflict('PLAN_INCOMPLETE', `认定计划不完整，以下科目还没有安排场次：${uncovered.join('、')}`, { uncovered });
      const filedOn = body.filedOn ?? chinaDate(deps.now());
      const after = await db.transaction().execute(async (trx) => {
        const r = await trx
          .updateTable('batches')
          .set({ status: 'filed', plan_filed_on: filedOn, filing_number: body.filingNumber || null, updated_at: deps.now().toISOString() })
          .where('id', '=', before.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordAudit(trx, actor, { action: 'batch.file', objectType: 'batch', objectId: r.id, before: publicBatch(before), after: publicBatch(r) }, deps.now());
        return r;
      });
      const { deadlines } = await deadlinesOf(db, after, sittings, chinaDate(deps.now()));
      const plan = deadlines.find((d) => d.key === 'planFiling');
      const warning = plan?.status === 'late' ? `备案日期 ${filedOn} 晚于截止日期 ${plan.due}（首场前至少10个工作日）` : null;
      return c.json({ batch: publicBatch(after), deadline: plan ?? null, warning });
    })
    .post('/:id/withdraw-filing', requireRole('admin'), validate('param', batchParam), async (c) => {
      const actor = actorOf(c);
      const before = await loadBatch(db, actor, c.req.valid('param').id);
      if (before.status !== 'filed') throw new StateConflict('BATCH_NOT_FILED', '只有“已备案”的批次可以撤回备案');
      if (before.tickets_issued_on) throw new StateConflict('TICKETS_ISSUED', '准考证已发放，不能撤回备案');
      const after = await db.transaction().execute(async (trx) => {
        const r = await trx
          .updateTable('batches')
          .set({ status: 'draft', plan_filed_on: null, updated_at: deps.now().toISOString() })
          .where('id', '=', before.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordAudit(trx, actor, { action: 'batch.withdraw-filing', objectType: 'batch', objectId: r.id, before: publicBatch(before), after: publicBatch(r) }, deps.now());
        return r;
      });
      return c.json({ batch: publicBatch(after) });
    })
    .post('/:id/results-reported', requireRole('admin'), validate('param', batchParam), validate('json', reportedBody), async (c) => {
      // 认定结果上报: the office records the date the results (汇总表 + 花名册) went to the authority, which
      // completes the last deadline of the batch. Only after its publicity has closed.
      const actor = actorOf(c);
      const before = await loadBatch(db, actor, c.req.valid('param').id);
      const publicity = await db.selectFrom('publicities').select(['status', 'ends_on']).where('batch_id', '=', before.id).executeTakeFirst();
      if (!publicity || publicity.status !== 'closed') throw new StateConflict('PUBLICITY_NOT_CLOSED', '成绩公示结束并关闭后才能登记认定结果上报');
      const reportedOn = c.req.valid('json').reportedOn ?? chinaDate(deps.now());
      if (reportedOn < publicity.ends_on) throw new StateConflict('REPORTED_BEFORE_PUBLICITY_END', `上报日期 ${reportedOn} 早于公示结束日 ${publicity.ends_on}`);
      const after = await db.transaction().execute(async (trx) => {
        const r = await trx
          .updateTable('batches')
          .set({ results_reported_on: reportedOn, updated_at: deps.now().toISOString() })
          .where('id', '=', before.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordAudit(trx, actor, { action: 'batch.results-reported', objectType: 'batch', objectId: r.id, before: publicBatch(before), after: publicBatch(r) }, deps.now());
        return r;
      });
      return c.json({ batch: publicBatch(after) });
    });
}

const reportedBody = z.object({ reportedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD').optional() });

