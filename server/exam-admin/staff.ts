/**
 * 考务人员 routes: proctors per theory room, examiner groups (with a leader) per practical/review sitting,
 * the batch's quality supervisor, and the declared relations (回避申报) that assignments are checked
 * against. Minimums and 回避 come from the staffing rules; a refusal names the reason.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { recordAudit } from '../audit/audit-trail';
import type { Actor } from '../auth/actor';
import { NotFound, StateConflict, ValidationFailed } from '../errors';
import { actorOf, requireRole } from '../http/auth-middleware';
import type { AppDeps, AppEnv } from '../http/context';
import { validate } from '../http/validate';
import { assertBatchOpen, assertPracticalScoringNotStarted, batchParam, endTime, loadBatch, loadOrganization, type BatchRow, type Db } from './common';
import { sittingCandidates, batchRooms } from './seating-data';
import { batchStaff, groupShares, member, relationsFor, staffingOverview, type AssignedStaff } from './staff-data';
import {
  assertNoConflicts,
  assertStaffed,
  candidateKey,
  checkConflicts,
  checkPracticalGroup,
  checkQualitySupervision,
  checkRoomStaffing,
} from './rules';

const sittingParam = batchParam.extend({ sittingId: z.coerce.number().int().positive().max(2_147_483_647) });
const roomParam = sittingParam.extend({ roomId: z.coerce.number().int().positive().max(2_147_483_647) });
const relationParam = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
const groupParam = sittingParam.extend({ name: z.string().trim().min(1).max(50) });
const userIds = z.array(z.number().int().positive().max(2_147_483_647)).refine((l) => new Set(l).size === l.length, '同一人员不能重复选择');
const groupBody = z.object({
  name: z.string().trim().min(1, '请输入考评组名称').max(50),
  leaderId: z.number().int().positive({ message: '请选择考评组组长' }).max(2_147_483_647),
  examinerIds: userIds,
});
const relationBody = z.object({
  userId: z.number().int().positive().max(2_147_483_647),
  idNumber: z.string().trim().min(5, '请输入证件号码').max(30),
  relation: z.enum(['relative', 'colleague', 'ownTrainee'], { message: '关系应为 亲属、同事 或 本人培训的学员' }),
  note: z.string().trim().max(200).default(''),
});

const RELATION_LABELS = { relative: '亲属', colleague: '同事', ownTrainee: '本人培训的学员' } as const;
const DUTY_ROLE = { proctor: 'proctor', examiner: 'examiner', leader: 'examiner', supervisor: 'supervisor' } as const;
const ROLE_TEXT = { proctor: '监考员', examiner: '考评员', supervisor: '质量督导员' } as const;

type UserRow = { id: number; display_name: string; role: string; work_unit: string; active: number; organization_id: number };

async function loadUsers(db: Db, actor: Actor, ids: readonly number[], role: 'proctor' | 'examiner' | 'supervisor'): Promise<UserRow[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('users').select(['id', 'display_name', 'role', 'work_unit', 'active', 'organization_id']).where('id', 'in', [...ids]).execute();
  const problems: { field: string; problem: string }[] = [];
  for (const id of ids) {
    const u = rows.find((r) => r.id === id);
    if (!u || u.organization_id !== actor.organizationId) problems.push({ field: 'userIds', problem: `人员 ${id} 不存在` });
    else if (!u.active) problems.push({ field: 'userIds', problem: `${u.display_name}的账号已停用` });
    else if (u.role !== role) problems.push({ field: 'userIds', problem: `${u.display_name}不是${ROLE_TEXT[role]}账号` });
  }
  if (problems.length) throw new ValidationFailed(problems);
  return ids.map((id) => rows.find((r) => r.id === id)!);
}

/** Refuse a person already on duty elsewhere at an overlapping time (another room or group, any batch). */
async function assertFree(db: Db, sitting: { id: number; date: string; start_time: string; duration_min: number }, users: readonly UserRow[], except: (a: { sitting_id: number | null; room_id: number | null; group_name: string | null }) => boolean) {
  if (users.length === 0) return;
  const rows = await db
    .selectFrom('staff_assignments')
    .innerJoin('sittings', 'sittings.id', 'staff_assignments.sitting_id')
    .select(['staff_assignments.user_id', 'staff_assignments.sitting_id', 'staff_assignments.room_id', 'staff_assignments.group_name', 'sittings.date', 'sittings.start_time', 'sittings.duration_min'])
    .where('staff_assignments.user_id', 'in', users.map((u) => u.id))
    .where('sittings.date', '=', sitting.date)
    .execute();
  const end = endTime(sitting.start_time, sitting.duration_min);
  for (const r of rows) {
    if (except(r)) continue;
    const overlaps = r.start_time < end && sitting.start_time < endTime(r.start_time, r.duration_min);
    if (overlaps) {
      const u = users.find((x) => x.id === r.user_id)!;
      throw new StateConflict('STAFF_DOUBLE_BOOKED', `${u.display_name}在 ${r.date} ${r.start_time} 已有监考或考评任务，时间冲突`, { userId: u.id });
    }
  }
}

async function assertNoConflictWith(db: Db, batch: BatchRow, users: readonly UserRow[], candidates: readonly { candidateId: number; name: string; idNumber: string; workUnit: string }[], role: string) {
  const org = await loadOrganization(db, batch.organization_id);
  const staff = users.map((u) => member({ userId: u.id, name: u.display_name, workUnit: u.work_unit }));
  const relations = await relationsFor(db, users.map((u) => u.id), candidates);
  const report = checkConflicts(staff, candidates.map((c) => ({ id: String(c.candidateId), name: c.name, workUnit: c.workUnit })), relations, {
    role,
    // The organization's own staff examine its candidates by design; the same-unit rule is about outside employers.
    exemptWorkUnits: [org.row.name],
  });
  assertNoConflicts(report);
}

async function loadSitting(db: Db, batch: BatchRow, sittingId: number) {
  const s = await db.selectFrom('sittings').selectAll().where('id', '=', sittingId).where('batch_id', '=', batch.id).executeTakeFirst();
  if (!s) throw new NotFound('场次', sittingId);
  return s;
}

const strip = (list: AssignedStaff[]) => list.map((s) => ({ userId: s.userId, name: s.name, duty: s.duty, sittingId: s.sittingId, roomId: s.roomId, groupName: s.groupName }));

/** Routes mounted at `/batches` (paths `/:id/staff…`, `/:id/supervisor`, `/:id/sittings/:sittingId/…`). */
export function staffRoutes(deps: AppDeps) {
  const { db } = deps;
  return new Hono<AppEnv>()
    .get('/:id/staff', requireRole('admin', 'supervisor'), validate('param', batchParam), async (c) => {
      const actor = actorOf(c);
      const batch = await loadBatch(db, actor, c.req.valid('param').id);
      const users = await db
        .selectFrom('users')
        .select(['id', 'display_name', 'role', 'work_unit'])
        .where('organization_id', '=', actor.organizationId!)
        .where('active', '=', 1)
        .where('role', 'in', ['proctor', 'examiner', 'supervisor'])
        .orderBy('role')
        .orderBy('id')
        .execute();
      const overview = await staffingOverview(db, batch.id);
      return c.json({
        ...overview,
        users: users.map((u) => ({ id: u.id, name: u.display_name, role: u.role, workUnit: u.work_unit })),
      });
    })
    .put('/:id/sittings/:sittingId/rooms/:roomId/proctors', requireRole('admin'), validate('param', roomParam), validate('json', z.object({ userIds })), async (c) => {
      const actor = actorOf(c);
      const { id, sittingId, roomId } = c.req.valid('param');
      const batch = await loadBatch(db, actor, id);
      assertBatchOpen(batch, 'registration');
      const sitting = await loadSitting(db, batch, sittingId);
      if (sitting.component !== 'theory') throw new StateConflict('NOT_A_THEORY_SITTING', '监考员只安排在理论知识考试场次；技能操作考核请安排考评组');
      const room = (await batchRooms(db, batch.id)).find((r) => r.id === roomId);
      if (!room) throw new NotFound('考场', roomId);
      const ids = c.req.valid('json').userIds;
      const users = await loadUsers(db, actor, ids, 'proctor');
      const all = await sittingCandidates(db, sitting);
      const seated = await db.selectFrom('seat_assignments').select('candidate_id').where('sitting_id', '=', sittingId).where('room_id', '=', roomId).execute();
      const inRoom = seated.length ? all.filter((x) => seated.some((s) => s.candidate_id === x.candidateId)) : all;
      if (ids.length > 0) {
        assertStaffed(checkRoomStaffing({ name: room.name, candidateCount: seated.length }, users.map((u) => member({ userId: u.id, name: u.display_name, workUnit: u.work_unit }))));
        await assertFree(db, sitting, users, (a) => a.sitting_id === sittingId && a.room_id === roomId);
        await assertNoConflictWith(db, batch, users, inRoom, '监考员');
      }
      const before = (await batchStaff(db, batch.id)).filter((s) => s.sittingId === sittingId && s.roomId === roomId && s.duty === 'proctor');
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('staff_assignments').where('batch_id', '=', batch.id).where('sitting_id', '=', sittingId).where('room_id', '=', roomId).where('duty', '=', 'proctor').execute();
        if (ids.length) await trx.insertInto('staff_assignments').values(ids.map((u) => ({ batch_id: batch.id, user_id: u, duty: 'proctor' as const, sitting_id: sittingId, room_id: roomId, group_name: null }))).execute();
        const after = (await batchStaff(trx, batch.id)).filter((s) => s.sittingId === sittingId && s.roomId === roomId && s.duty === 'proctor');
        await recordAudit(trx, actor, { action: 'staff.proctors', objectType: 'room', objectId: roomId, before: strip(before), after: strip(after) }, deps.now());
      });
      return c.json(await staffingOverview(db, batch.id));
    })
    .put('/:id/sittings/:sittingId/groups', requireRole('admin'), validate('param', sittingParam), validate('json', groupBody), async (c) => {
      const actor = actorOf(c);
      const { id, sittingId } = c.req.valid('param');
      const batch = await loadBatch(db, actor, id);
      assertBatchOpen(batch, 'registration');
      await assertPracticalScoringNotStarted(db, batch.id);
      const sitting = await loadSitting(db, batch, sittingId);
      if (sitting.component === 'theory') throw new StateConflict('NOT_A_PRACTICAL_SITTING', '考评组安排在技能操作考核或综合评审场次；理论考试请安排监考员');
      const g = c.req.valid('json');
      const memberIds = [g.leaderId, ...g.examinerIds.filter((x) => x !== g.leaderId)];
      const users = await loadUsers(db, actor, memberIds, 'examiner');
      const existing = (await batchStaff(db, batch.id)).filter((s) => s.sittingId === sittingId && (s.duty === 'examiner' || s.duty === 'leader'));
      const names = [...new Set([...existing.map((e) => e.groupName ?? ''), g.name])];
      const candidates = await sittingCandidates(db, sitting);
      const share = groupShares(candidates, names).get(g.name) ?? [];
      assertStaffed(checkPracticalGroup(share.length, users.map((u) => member({ userId: u.id, name: u.display_name, workUnit: u.work_unit }))));
      await assertFree(db, sitting, users, (a) => a.sitting_id === sittingId && a.group_name === g.name);
      // Shares move when groups are added; check 回避 against everyone the sitting's groups may examine.
      await assertNoConflictWith(db, batch, users, candidates, '考评员');
      const before = existing.filter((e) => e.groupName === g.name);
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('staff_assignments').where('batch_id', '=', batch.id).where('sitting_id', '=', sittingId).where('group_name', '=', g.name).execute();
        await trx
          .insertInto('staff_assignments')
          .values(memberIds.map((u) => ({ batch_id: batch.id, user_id: u, duty: u === g.leaderId ? ('leader' as const) : ('examiner' as const), sitting_id: sittingId, room_id: null, group_name: g.name })))
          .execute();
        const after = (await batchStaff(trx, batch.id)).filter((s) => s.sittingId === sittingId && s.groupName === g.name);
        await recordAudit(trx, actor, { action: 'staff.group', objectType: 'sitting', objectId: sittingId, before: strip(before), after: strip(after) }, deps.now());
      });
      return c.json(await staffingOverview(db, batch.id));
    })
    .delete('/:id/sittings/:sittingId/groups/:name', requireRole('admin'), validate('param', groupParam), async (c) => {
      const actor = actorOf(c);
      const { id, sittingId, name } = c.req.valid('param');
      const batch = await loadBatch(db, actor, id);
      assertBatchOpen(batch, 'registration');
      await assertPracticalScoringNotStarted(db, batch.id);
      await loadSitting(db, batch, sittingId);
      const before = (await batchStaff(db, batch.id)).filter((s) => s.sittingId === sittingId && s.groupName === name);
      if (before.length === 0) throw new NotFound('考评组', name);
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('staff_assignments').where('batch_id', '=', batch.id).where('sitting_id', '=', sittingId).where('group_name', '=', name).execute();
        await recordAudit(trx, actor, { action: 'staff.group-delete', objectType: 'sitting', objectId: sittingId, before: strip(before) }, deps.now());
      });
      return c.json(await staffingOverview(db, batch.id));
    })
    .put('/:id/supervisor', requireRole('admin'), validate('param', batchParam), validate('json', z.object({ userId: z.number().int().positive().max(2_147_483_647) })), async (c) => {
      const actor = actorOf(c);
      const batch = await loadBatch(db, actor, c.req.valid('param').id);
      assertBatchOpen(batch, 'registration');
      const { userId } = c.req.valid('json');
      const [user] = await loadUsers(db, actor, [userId], 'supervisor');
      const staff = await batchStaff(db, batch.id);
      assertStaffed(checkQualitySupervision([member({ userId: user!.id, name: user!.display_name, workUnit: user!.work_unit })], staff.filter((s) => s.duty !== 'supervisor').map(member)));
      const before = staff.filter((s) => s.duty === 'supervisor');
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('staff_assignments').where('batch_id', '=', batch.id).where('duty', '=', 'supervisor').execute();
        await trx.insertInto('staff_assignments').values({ batch_id: batch.id, user_id: userId, duty: 'supervisor', sitting_id: null, room_id: null, group_name: null }).execute();
        await recordAudit(trx, actor, { action: 'staff.supervisor', objectType: 'batch', objectId: batch.id, before: strip(before), after: [{ userId, name: user!.display_name, duty: 'supervisor' }] }, deps.now());
      });
      return c.json(await staffingOverview(db, batch.id));
    });
}

/** 回避申报: who declared which relation to which ID number. Routes mounted at `/declared-relations`. */
export function declaredRelationRoutes(deps: AppDeps) {
  const { db } = deps;
  const list = async (orgId: number) => {
    const rows = await db
      .selectFrom('declared_relations')
      .innerJoin('users', 'users.id', 'declared_relations.user_id')
      .select(['declared_relations.id', 'declared_relations.user_id', 'users.display_name', 'users.role', 'declared_relations.id_number', 'declared_relations.relation', 'declared_relations.note'])
      .where('users.organization_id', '=', orgId)
      .orderBy('declared_relations.id')
      .execute();
    return rows.map((r) => ({
      id: r.id, userId: r.user_id, userName: r.display_name, role: r.role, idNumber: r.id_number,
      relation: r.relation, relationLabel: RELATION_LABELS[r.relation as keyof typeof RELATION_LABELS] ?? r.relation, note: r.note,
    }));
  };
  return new Hono<AppEnv>()
    .get('/', requireRole('admin', 'supervisor'), async (c) => c.json({ relations: await list(actorOf(c).organizationId!) }))
    .post('/', requireRole('admin'), validate('json', relationBody), async (c) => {
      const actor = actorOf(c);
      const b = c.req.valid('json');
      const user = await db.selectFrom('users').select(['id', 'display_name', 'organization_id']).where('id', '=', b.userId).executeTakeFirst();
      if (!user || user.organization_id !== actor.organizationId) throw new ValidationFailed([{ field: 'userId', problem: '所选人员不存在' }]);
      const idNumber = candidateKey(b.idNumber);
      const dup = await db.selectFrom('declared_relations').select('id').where('user_id', '=', b.userId).where('id_number', '=', idNumber).executeTakeFirst();
      if (dup) throw new StateConflict('RELATION_EXISTS', `${user.display_name}已申报与证件号码 ${idNumber} 的关系`, { field: 'idNumber' });
      const row = await db.transaction().execute(async (trx) => {
        const r = await trx.insertInto('declared_relations').values({ user_id: b.userId, id_number: idNumber, relation: b.relation, note: b.note }).returningAll().executeTakeFirstOrThrow();
        await recordAudit(trx, actor, { action: 'relation.declare', objectType: 'user', objectId: b.userId, after: { id: r.id, idNumber, relation: b.relation, note: b.note } }, deps.now());
        return r;
      });
      // Assignments made before the declaration that now break 回避: the office must change them.
      const affected = await db
        .selectFrom('staff_assignments')
        .innerJoin('batches', 'batches.id', 'staff_assignments.batch_id')
        .innerJoin('candidates', 'candidates.batch_id', 'batches.id')
        .select(['batches.name as batch', 'candidates.name', 'staff_assignments.duty'])
        .where('staff_assignments.user_id', '=', b.userId)
        .where('staff_assignments.duty', '!=', 'supervisor')
        .where('candidates.id_number', '=', idNumber)
        .where('batches.status', 'in', ['draft', 'filed'])
        .execute();
      return c.json({
        relation: (await list(actor.organizationId!)).find((x) => x.id === row.id),
        warnings: [...new Set(affected.map((a) => `${user.display_name}已安排在“${a.batch}”（${DUTY_ROLE[a.duty] === 'proctor' ? '监考' : '考评'}），该批次考生${a.name}须回避，请调整安排`))],
      }, 201);
    })
    .delete('/:id', requireRole('admin'), validate('param', relationParam), async (c) => {
      const actor = actorOf(c);
      const { id } = c.req.valid('param');
      const before = (await list(actor.organizationId!)).find((x) => x.id === id);
      if (!before) throw new NotFound('回避申报', id);
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('declared_relations').where('id', '=', id).execute();
        await recordAudit(trx, actor, { action: 'relation.delete', objectType: 'user', objectId: before.userId, before }, deps.now());
      });
      return c.json({ ok: true });
    });
}
