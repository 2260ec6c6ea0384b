/**
 * Staff of a batch as stored (`staff_assignments`) and as the staffing rules see them: proctors per
 * theory room, examiner groups per practical/review sitting, the quality supervisor, and the candidates
 * each of them meets (for 回避).
 */
import { candidateKey, checkConflicts, checkPracticalGroup, checkQualitySupervision, checkRoomStaffing, type DeclaredRelation, type RelationKind, type StaffingCheck, type StaffMember } from './rules';
import { sittingCandidates, batchRooms, type SittingCandidate } from './seating-data';
import { loadOrganization, type Db } from './common';

export interface AssignedStaff {
  assignmentId: number;
  userId: number;
  name: string;
  role: string;
  workUnit: string;
  duty: 'proctor' | 'examiner' | 'leader' | 'supervisor';
  sittingId: number | null;
  roomId: number | null;
  groupName: string | null;
}

export async function batchStaff(db: Db, batchId: number): Promise<AssignedStaff[]> {
  const rows = await db
    .selectFrom('staff_assignments')
    .innerJoin('users', 'users.id', 'staff_assignments.user_id')
    .select(['staff_assignments.id', 'staff_assignments.user_id', 'users.display_name', 'users.role', 'users.work_unit', 'staff_assignments.duty', 'staff_assignments.sitting_id', 'staff_assignments.room_id', 'staff_assignments.group_name'])
    .where('staff_assignments.batch_id', '=', batchId)
    .orderBy('staff_assignments.id')
    .execute();
  return rows.map((r) => ({
    assignmentId: r.id, userId: r.user_id, name: r.display_name, role: r.role, workUnit: r.work_unit,
    duty: r.duty, sittingId: r.sitting_id, roomId: r.room_id, groupName: r.group_name,
  }));
}

export const member = (s: { userId: number; name: string; workUnit: string }): StaffMember => ({ id: String(s.userId), name: s.name, workUnit: s.workUnit });

/**
 * Candidates of a practical/review sitting split over its groups: groups in name order, candidates in
 * registration order, contiguous and as even as possible (sizes differ by at most one).
 */
export function groupShares<T>(candidates: readonly T[], groupNames: readonly string[]): Map<string, T[]> {
  const names = [...new Set(groupNames)].sort((a, b) => a.localeCompare(b, 'zh-CN'));
  const out = new Map<string, T[]>();
  let start = 0;
  names.forEach((name, i) => {
    const size = Math.floor(candidates.length / names.length) + (i < candidates.length % names.length ? 1 : 0);
    out.set(name, candidates.slice(start, start + size));
    start += size;
  });
  return out;
}

/** Declared relations (回避申报) of the given users, matched to candidates by ID number. */
export async function relationsFor(db: Db, userIds: readonly number[], candidates: readonly { candidateId: number; idNumber: string }[]): Promise<DeclaredRelation[]> {
  if (userIds.length === 0 || candidates.length === 0) return [];
  const rows = await db.selectFrom('declared_relations').selectAll().where('user_id', 'in', [...userIds]).execute();
  const byKey = new Map<string, number[]>();
  for (const c of candidates) byKey.set(candidateKey(c.idNumber), [...(byKey.get(candidateKey(c.idNumber)) ?? []), c.candidateId]);
  return rows.flatMap((r) => (byKey.get(candidateKey(r.id_number)) ?? []).map((cid) => ({ staffId: String(r.user_id), candidateId: String(cid), relation: r.relation as RelationKind })));
}

export interface RoomStaffing {
  sittingId: number;
  roomId: number;
  roomName: string;
  candidateCount: number;
  proctors: { userId: number; name: string }[];
  check: StaffingCheck;
}

export interface GroupStaffing {
  sittingId: number;
  name: string;
  candidateCount: number;
  leader: { userId: number; name: string } | null;
  examiners: { userId: number; name: string }[];
  check: StaffingCheck;
}

/**
 * Every room and group of the batch with its staffing check, the supervisor check, and 回避 conflicts
 * that arose after the assignment (a re-arrangement seating a colleague's relative in the room, a
 * relation declared later): assignments are refused when made, these are reported for the office to fix.
 */
export async function staffingOverview(db: Db, batchId: number) {
  const staff = await batchStaff(db, batchId);
  const batch = await db.selectFrom('batches').select('organization_id').where('id', '=', batchId).executeTakeFirstOrThrow();
  const org = await loadOrganization(db, batch.organization_id);
  const conflictProblems: string[] = [];
  const conflictsOf = async (people: readonly AssignedStaff[], candidates: readonly SittingCandidate[], role: string) => {
    if (people.length === 0 || candidates.length === 0) return;
    const relations = await relationsFor(db, people.map((p) => p.userId), candidates);
    const report = checkConflicts(people.map(member), candidates.map((c) => ({ id: String(c.candidateId), name: c.name, workUnit: c.workUnit })), relations, { role, exemptWorkUnits: [org.row.name] });
    conflictProblems.push(...report.conflicts.map((c) => c.message));
  };
  const sittings = await db.selectFrom('sittings').selectAll().where('batch_id', '=', batchId).orderBy('date').orderBy('start_time').execute();
  const rooms = await batchRooms(db, batchId);
  const seats = await db
    .selectFrom('seat_assignments')
    .select(['sitting_id', 'room_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('sitting_id', 'in', sittings.length ? sittings.map((s) => s.id) : [0])
    .groupBy(['sitting_id', 'room_id'])
    .execute();
  const roomChecks: RoomStaffing[] = [];
  const groupChecks: GroupStaffing[] = [];
  const sittingCounts: { sittingId: number; candidates: number }[] = [];
  for (const s of sittings) {
    const cands: SittingCandidate[] = await sittingCandidates(db, s);
    sittingCounts.push({ sittingId: s.id, candidates: cands.length });
    if (s.component === 'theory') {
      // Rooms in use for this sitting, plus rooms that already have proctors for it.
      const roomIds = new Set([...seats.filter((x) => x.sitting_id === s.id).map((x) => x.room_id), ...staff.filter((x) => x.sittingId === s.id && x.duty === 'proctor').map((x) => x.roomId!)]);
      for (const room of rooms.filter((r) => roomIds.has(r.id))) {
        const proctors = staff.filter((x) => x.sittingId === s.id && x.roomId === room.id && x.duty === 'proctor');
        const n = Number(seats.find((x) => x.sitting_id === s.id && x.room_id === room.id)?.n ?? 0);
        if (proctors.length && n) {
          const seated = await db.selectFrom('seat_assignments').select('candidate_id').where('sitting_id', '=', s.id).where('room_id', '=', room.id).execute();
          await conflictsOf(proctors, cands.filter((c) => seated.some((x) => x.candidate_id === c.candidateId)), '监考员');
        }
        roomChecks.push({
          sittingId: s.id, roomId: room.id, roomName: room.name, candidateCount: n,
          proctors: proctors.map((p) => ({ userId: p.userId, name: p.name })),
          check: checkRoomStaffing({ name: room.name, candidateCount: n }, proctors.map(member)),
        });
      }
    } else {
      const members = staff.filter((x) => x.sittingId === s.id && (x.duty === 'examiner' || x.duty === 'leader'));
      await conflictsOf(members, cands, '考评员');
      const shares = groupShares(cands, members.map((m) => m.groupName ?? ''));
      for (const [name, share] of shares) {
        const group = members.filter((m) => (m.groupName ?? '') === name);
        const leader = group.find((m) => m.duty === 'leader');
        groupChecks.push({
          sittingId: s.id, name, candidateCount: share.length,
          leader: leader ? { userId: leader.userId, name: leader.name } : null,
          examiners: group.map((m) => ({ userId: m.userId, name: m.name })),
          check: checkPracticalGroup(share.length, group.map(member)),
        });
      }
    }
  }
  const supervisors = staff.filter((x) => x.duty === 'supervisor');
  const supervision = checkQualitySupervision(supervisors.map(member), staff.filter((x) => x.duty !== 'supervisor').map(member));
  const unstaffed = sittings
    .filter((s) => s.component !== 'theory' && !groupChecks.some((g) => g.sittingId === s.id) && (sittingCounts.find((x) => x.sittingId === s.id)?.candidates ?? 0) > 0)
    .map((s) => s.id);
  const problems = [
    ...roomChecks.flatMap((r) => r.check.problems),
    ...groupChecks.flatMap((g) => g.check.problems.map((p) => `考评组“${g.name}”：${p}`)),
    ...unstaffed.map((id) => {
      const s = sittings.find((x) => x.id === id)!;
      return `${s.date} ${s.start_time} 的${s.component === 'practical' ? '技能操作考核' : '综合评审'}场次还没有考评组`;
    }),
    ...supervision.problems,
    ...conflictProblems,
  ];
  return {
    staff,
    rooms: roomChecks,
    groups: groupChecks,
    supervisor: supervisors[0] ? { userId: supervisors[0].userId, name: supervisors[0].name } : null,
    supervision,
    sittingCounts,
    problems,
  };
}
