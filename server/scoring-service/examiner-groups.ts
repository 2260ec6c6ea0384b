/**
 * Examiner groups (考评组) as the exam administration stores them: `staff_assignments` rows of duty
 * `examiner`/`leader` on a practical or review sitting, named by `group_name`; a sitting's candidates are
 * shared out over its groups by `groupShares` (exam-admin's rule, reused so both features agree on who
 * examines whom).
 */
import type { Component } from '../../question-bank/types';
import { groupShares } from '../exam-admin/staff-data';
import { sittingCandidates } from '../exam-admin/seating-data';
import type { Db } from './common';

/** A member of a group; the leader (组长) is a member who also settles disputes. */
export interface GroupMember {
  userId: number;
  name: string;
  duty: 'examiner' | 'leader';
}

/** One group of one sitting and the candidates it examines. */
export interface ExaminerGroup {
  batchId: number;
  sittingId: number;
  sittingDate: string;
  component: Component;
  name: string;
  members: GroupMember[];
  leaderId: number | null;
  candidateIds: number[];
}

/** Every examiner group of a batch (optionally of one component), with its share of candidates. */
export async function batchGroups(db: Db, batchId: number, component?: Component): Promise<ExaminerGroup[]> {
  let q = db.selectFrom('sittings').select(['id', 'batch_id', 'component', 'date']).where('batch_id', '=', batchId).where('component', '!=', 'theory');
  if (component) q = q.where('component', '=', component);
  const sittings = await q.orderBy('id').execute();
  if (sittings.length === 0) return [];
  const staff = await db
    .selectFrom('staff_assignments')
    .innerJoin('users', 'users.id', 'staff_assignments.user_id')
    .select(['staff_assignments.user_id', 'staff_assignments.duty', 'staff_assignments.sitting_id', 'staff_assignments.group_name', 'users.display_name'])
    .where('staff_assignments.batch_id', '=', batchId)
    .where('staff_assignments.duty', 'in', ['examiner', 'leader'])
    .orderBy('staff_assignments.id')
    .execute();
  const out: ExaminerGroup[] = [];
  for (const s of sittings) {
    const members = staff.filter((m) => m.sitting_id === s.id);
    if (members.length === 0) continue;
    const candidates = await sittingCandidates(db, s);
    const shares = groupShares(candidates, members.map((m) => m.group_name ?? ''));
    for (const [name, share] of shares) {
      const group = members.filter((m) => (m.group_name ?? '') === name);
      const list: GroupMember[] = group.map((m) => ({ userId: m.user_id, name: m.display_name, duty: m.duty === 'leader' ? 'leader' : 'examiner' }));
      out.push({
        batchId, sittingId: s.id, sittingDate: s.date, component: s.component as Component, name, members: list,
        leaderId: list.find((m) => m.duty === 'leader')?.userId ?? null,
        candidateIds: share.map((c) => c.candidateId),
      });
    }
  }
  return out;
}

/** The group that examines a candidate's component, or null when none is arranged. */
export async function groupOfCandidate(db: Db, batchId: number, candidateId: number, component: Component): Promise<ExaminerGroup | null> {
  const groups = await batchGroups(db, batchId, component);
  return groups.find((g) => g.candidateIds.includes(candidateId)) ?? null;
}

/** Every group an examiner belongs to, across the batches of the organization that are still scoring. */
export async function groupsOfExaminer(db: Db, userId: number): Promise<ExaminerGroup[]> {
  const batches = await db
    .selectFrom('staff_assignments')
    .innerJoin('batches', 'batches.id', 'staff_assignments.batch_id')
    .select('batches.id')
    .distinct()
    .where('staff_assignments.user_id', '=', userId)
    .where('staff_assignments.duty', 'in', ['examiner', 'leader'])
    .where('batches.status', '!=', 'closed')
    .execute();
  const out: ExaminerGroup[] = [];
  for (const b of batches) out.push(...(await batchGroups(db, b.id)).filter((g) => g.members.some((m) => m.userId === userId)));
  return out;
}
