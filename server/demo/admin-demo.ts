import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { Level } from '../../question-bank/types';
import { recordAudit } from '../audit/audit-trail';
import { systemActor } from '../auth/actor';
import { chinaDate } from '../exam-admin/common';
import { decideEligibility } from '../exam-admin/candidate-eligibility';
import { arrangeSeats, assignTicketNumbers, createWorkdayCalendar, gb11643CheckChar, type CandidateRecord, type Room } from '../exam-admin/rules';
import type { DemoSeeder } from './seed';

const OCCUPATIONS = ['6-31-01-03', '6-18-01-01', '4-10-01-05'] as const;
const LEVELS: Level[] = [4, 5];
const NAMES = [
  '王建国', '李秀兰', '张伟', '刘洋', '陈静', '杨帆', '赵磊', '黄丽', '周杰', '吴敏',
  '徐强', '孙婷', '马超', '朱琳', '胡军', '郭芳', '何勇', '高洁', '林涛', '罗娟',
  '梁斌', '宋佳', '郑凯', '谢萍', '韩冰', '唐亮', '冯霞', '于洋', '董明', '萧红',
];
const UNITS = ['南昌供电公司', '江铃汽车股份有限公司', '南昌市第一社会福利院', '洪都机械厂', '江西建工集团', '青山湖区养老服务中心'];
/** Extra staff so every room and examiner group of the demo batch is fully staffed. */
const EXTRA_STAFF = [
  { username: 'proctor3', displayName: '吴刚（监考员）', role: 'proctor' },
  { username: 'proctor4', displayName: '郑敏（监考员）', role: 'proctor' },
  { username: 'examiner4', displayName: '钱进（考评员）', role: 'examiner' },
  { username: 'examiner5', displayName: '冯雪（考评员）', role: 'examiner' },
  { username: 'examiner6', displayName: '陆平（考评员）', role: 'examiner' },
] as const;

/** A valid 居民身份证 number (Nanchang area code): the MOD 11-2 check character computed, not typed. */
function demoId(birth: string, seq: number): string {
  const first17 = `360102${birth}${String(seq).padStart(3, '0')}`;
  return first17 + gb11643CheckChar(first17);
}

/**
 * Demo data of the exam office: a second, draft batch with 电工, 车工 and 养老护理员 at 四级 and 五级
 * (30 candidates with valid ID numbers, two of them not eligible), a theory and a practical sitting 15
 * working days ahead, two rooms arranged, proctors, two examiner groups and the quality supervisor — so
 * the office sees every page filled without manual steps. The foundation's batch, candidate and ticket
 * are left as they are. Deterministic for a given `now`.
 */
export const adminDemo: DemoSeeder = async (trx, ctx) => {
  const at = ctx.now.toISOString();
  const today = chinaDate(ctx.now);
  // The foundation's theory sitting covers its one entry (电工 四级), so its candidate is in the sitting's
  // lists and on the ticket; the question bank may already have released a paper into it.
  const covered = await trx.selectFrom('sitting_papers').select('id').where('sitting_id', '=', ctx.theorySittingId).executeTakeFirst();
  if (!covered) {
    await trx.insertInto('sitting_papers').values({ sitting_id: ctx.theorySittingId, occupation_id: ctx.occupations['6-31-01-03']!, level: 4, paper_set_id: null, paper_id: null }).execute();
  }
  const office = await trx.selectFrom('users').select(['password_hash', 'work_unit']).where('id', '=', ctx.users.office!).executeTakeFirstOrThrow();
  const users: Record<string, number> = { ...ctx.users };
  for (const u of EXTRA_STAFF) {
    const r = await trx
      .insertInto('users')
      .values({ organization_id: ctx.organizationId, username: u.username, display_name: u.displayName, role: u.role, password_hash: office.password_hash, work_unit: office.work_unit, created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    users[u.username] = r.id;
  }

  const used = new Set((await trx.selectFrom('batches').select('code').execute()).map((b) => b.code));
  const prefix = today.slice(2, 4) + today.slice(5, 7);
  const code = Array.from({ length: 98 }, (_, i) => `${prefix}${String(i + 2).padStart(2, '0')}`).find((c) => !used.has(c))!;
  const batch = await trx
    .insertInto('batches')
    .values({ organization_id: ctx.organizationId, code, name: `${today.slice(0, 4)}年职业技能等级认定（电工·车工·养老护理员）`, status: 'draft', created_by: ctx.users.office!, created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  const entries = OCCUPATIONS.flatMap((o) => LEVELS.map((level) => ({ occupationId: ctx.occupations[o]!, code: o, level })));
  await trx.insertInto('batch_entries').values(entries.map((e) => ({ batch_id: batch.id, occupation_id: e.occupationId, level: e.level, components_json: JSON.stringify(['theory', 'practical']) }))).execute();

  const date = createWorkdayCalendar().findWorkday(15, today).date;
  const theory = await trx.insertInto('sittings').values({ batch_id: batch.id, component: 'theory', date, start_time: '09:00', duration_min: 90, venue: '示范中心实训楼', status: 'scheduled' }).returning('id').executeTakeFirstOrThrow();
  const practical = await trx.insertInto('sittings').values({ batch_id: batch.id, component: 'practical', date, start_time: '14:00', duration_min: 120, venue: '示范中心实训车间', status: 'scheduled' }).returning('id').executeTakeFirstOrThrow();
  await trx
    .insertInto('sitting_papers')
    .values([theory.id, practical.id].flatMap((sittingId) => entries.map((e) => ({ sitting_id: sittingId, occupation_id: e.occupationId, level: e.level, paper_set_id: null, paper_id: null }))))
    .execute();

  const candidates = NAMES.map((name, i) => {
    const entry = entries[i % entries.length]!;
    const birth = `${1975 + ((i * 7) % 25)}${String((i % 12) + 1).padStart(2, '0')}${String(((i * 5) % 28) + 1).padStart(2, '0')}`;
    // Two applicants lack the work years their level needs: they show as 不符合申报条件.
    const workYears = i === 7 || i === 20 ? (entry.level === 4 ? 3 : 0) : 6 + (i % 9);
    const record: CandidateRecord = {
      name, gender: i % 3 === 0 ? '女' : '男', idType: '201', idNumber: '', birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6)}`,
      education: i % 4 === 0 ? 'secondaryVocational' : 'seniorHigh', workUnit: UNITS[i % UNITS.length]!, workYears,
      occupationCode: entry.code, workType: null, level: entry.level as Level, eligibilityBasis: `累计从事本职业工作${workYears}年`,
    };
    const seq = 100 + i * 2 + (record.gender === '男' ? 1 : 0);
    record.idNumber = demoId(birth, seq);
    const elig = decideEligibility(record, {}, 'training', date);
    return {
      batch_id: batch.id, occupation_id: entry.occupationId, level: entry.level, name, gender: record.gender, id_type: '201', id_number: record.idNumber,
      birth_date: record.birthDate, education: record.education === 'secondaryVocational' ? '中专/职高' : '高中', work_unit: record.workUnit, work_years: workYears,
      eligibility_basis: elig.eligible ? elig.basis : '', eligibility_json: JSON.stringify(elig), components_json: JSON.stringify(['theory', 'practical']),
      status: elig.eligible ? 'registered' : 'ineligible', created_at: at,
    };
  });
  const stored = await trx.insertInto('candidates').values(candidates).returning(['id', 'occupation_id', 'level', 'status']).execute();

  const roomRows = await trx
    .insertInto('rooms')
    .values([
      { batch_id: batch.id, name: '第1考场', venue: '示范中心实训楼301', capacity: 30, columns: 5, room_no: 1 },
      { batch_id: batch.id, name: '第2考场', venue: '示范中心实训楼302', capacity: 30, columns: 5, room_no: 2 },
    ])
    .returning(['id', 'name', 'capacity', 'columns', 'room_no'])
    .execute();
  const rooms: Room[] = roomRows.map((r) => ({ id: String(r.id), roomNo: r.room_no!, name: r.name, columns: r.columns, rows: Math.ceil(r.capacity / r.columns), capacity: r.capacity }));
  const eligible = stored.filter((s) => s.status !== 'ineligible');
  const arranged = arrangeSeats(
    eligible.map((s) => ({ id: String(s.id), occupationCode: String(s.occupation_id), level: s.level as Level, paperKey: `${s.occupation_id}/${s.level}/theory/unassigned` })),
    rooms,
    { seed: `${code}/${theory.id}`, fill: 'even' },
  );
  const tickets = new Map(assignTicketNumbers(code, arranged.assignments, rooms).map((t) => [t.candidateId, t.ticketNumber]));
  await trx
    .insertInto('seat_assignments')
    .values(arranged.assignments.map((a) => ({ sitting_id: theory.id, room_id: Number(a.roomId), seat_no: a.seat, candidate_id: Number(a.candidateId), ticket_no: tickets.get(a.candidateId)!, ticket_issued: 0 })))
    .execute();

  const staff = [
    ...['proctor1', 'proctor2'].map((u) => ({ user: u, duty: 'proctor' as const, sitting: theory.id, room: roomRows[0]!.id, group: null })),
    ...['proctor3', 'proctor4'].map((u) => ({ user: u, duty: 'proctor' as const, sitting: theory.id, room: roomRows[1]!.id, group: null })),
    ...['examiner1', 'examiner2', 'examiner3'].map((u, i) => ({ user: u, duty: i === 0 ? ('leader' as const) : ('examiner' as const), sitting: practical.id, room: null, group: '第1组' })),
    ...['examiner4', 'examiner5', 'examiner6'].map((u, i) => ({ user: u, duty: i === 0 ? ('leader' as const) : ('examiner' as const), sitting: practical.id, room: null, group: '第2组' })),
    { user: 'supervisor', duty: 'supervisor' as const, sitting: null, room: null, group: null },
  ];
  await trx
    .insertInto('staff_assignments')
    .values(staff.map((s) => ({ batch_id: batch.id, user_id: users[s.user]!, duty: s.duty, sitting_id: s.sitting, room_id: s.room, group_name: s.group })))
    .execute();
  // The foundation's batch gets its quality supervisor too (one per batch).
  await trx.insertInto('staff_assignments').values({ batch_id: ctx.batchId, user_id: users.supervisor!, duty: 'supervisor', sitting_id: null, room_id: null, group_name: null }).execute();
  // A declared relation the office can see on the 回避 page (with nobody of this batch).
  await trx.insertInto('declared_relations').values({ user_id: users.examiner3!, id_number: demoId('19660606', 21), relation: 'relative', note: '配偶（演示）' }).execute();
  await recordAudit(trx, systemActor('demo'), { action: 'demo.seed', objectType: 'batch', objectId: batch.id, after: { code, candidates: stored.length, seated: arranged.assignments.length } }, ctx.now);
};
