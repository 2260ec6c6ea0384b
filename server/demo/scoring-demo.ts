import { chinaDate } from '../exam-admin/common';
/**
 * Demo data of the scoring feature, and the builder it (and the scoring tests) use to lay down what the
 * other features would have recorded by the end of an exam: a batch with its entry, theory / practical /
 * review sittings, a pinned paper, seats with tickets, an examiner group, and theory attempts with
 * responses. Everything after that (examiner sheets, results, publicity, certificates) goes through the
 * scoring service itself, so the demo shows exactly what the UI would have produced.
 *
 * Deterministic: fixed dates (a batch finished in October 2026), fixed answers, no randomness.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { Component, Level, Paper, PaperItem } from '../../question-bank/types';
import type { ItemResponse } from '../../scoring';
import { systemActor, type Actor } from '../auth/actor';
import { issueCertificates } from '../scoring-service/certificate-service';
import { submitExaminerSheet, type ExaminerSheetBody } from '../scoring-service/practical-service';
import { computeResults, storeResults } from '../scoring-service/results-service';
import { closePublicityOf, lodgeObjection, publishResults, resolveObjectionById } from '../scoring-service/publicity-service';
import { policyOf, scoringPlanOf } from '../scoring-service/scoring-plan';
import { CANDIDATE_COLUMNS } from '../scoring-service/common';
import type { DemoSeeder } from './seed';

type Db = Kysely<Database>;

/** One candidate of a built batch. */
export interface CandidateSpec {
  name: string;
  idNumber: string;
  ticketNo: string;
  workUnit?: string;
  /** Components sat in this batch (a retake sits only the failed one); default all the level requires. */
  components?: Component[];
}

/** What to build. Dates are `YYYY-MM-DD`; `at` is the ISO time written into created_at columns. */
export interface BatchSpec {
  organizationId: number;
  code: string;
  name: string;
  status?: string;
  occupationId: number;
  level: Level;
  theoryDate: string;
  practicalDate: string;
  paper: Paper;
  candidates: CandidateSpec[];
  /** The examiner group of the practical (and review) sitting; null: none arranged. */
  group: { name: string; leaderId: number; examinerIds: number[] } | null;
  createdBy: number;
  at: string;
  filingNumber?: string;
}

/** Ids of what was built. */
export interface BuiltBatch {
  batchId: number;
  theorySittingId: number;
  practicalSittingId: number;
  reviewSittingId: number | null;
  paperId: number;
  roomId: number;
  candidateIds: number[];
}

/** A theory paper of `single` 单选 items and `judge` 判断 items; marks chosen so the paper is out of 100. */
export function demoPaper(code: string, level: Level, opts: { single?: number; judge?: number; extra?: PaperItem[] } = {}): Paper {
  const items: PaperItem[] = [];
  const nSingle = opts.single ?? 20;
  const nJudge = opts.judge ?? 20;
  const extraMarks = (opts.extra ?? []).reduce((s, i) => s + i.marks, 0);
  const each = (100 - extraMarks) / (nSingle * 3 + nJudge * 2);
  for (let i = 1; i <= nSingle; i++) items.push({ itemId: `${code}-S${i}`, version: 1, type: 'single', pointCode: 'A-B-001', marks: 3 * each, key: ['ABCD'[i % 4]!], optionLabels: ['A', 'B', 'C', 'D'] });
  for (let i = 1; i <= nJudge; i++) items.push({ itemId: `${code}-J${i}`, version: 1, type: 'judge', pointCode: 'A-A-001', marks: 2 * each, key: [i % 2 ? 'T' : 'F'], optionLabels: ['T', 'F'] });
  items.push(...(opts.extra ?? []));
  return {
    form: 'A',
    spec: { occupationCode: '6-31-01-03', level, component: 'theory', sections: [], durationMin: 90, passMark: 60, multiRule: { kind: 'allOrNothing' } },
    items,
  };
}

/**
 * Responses answering the first `correct` objective items right and the rest wrong (deterministic).
 * Example: `answers(paper, 30)` on a 40-item paper → 30 right, 10 wrong.
 */
export function answers(paper: Paper, correct: number): Record<string, ItemResponse> {
  const out: Record<string, ItemResponse> = {};
  let n = 0;
  for (const item of paper.items) {
    if (item.type === 'subjective') continue;
    const right = n++ < correct;
    const wrong = item.optionLabels.find((l) => !item.key.includes(l))!;
    out[`${item.itemId}@${item.version}`] = right ? [...item.key] : [wrong];
  }
  return out;
}

/** Lay down a batch as the exam administration and the exam room would have left it (see the module doc). */
export async function buildScoringBatch(db: Db, spec: BatchSpec): Promise<BuiltBatch> {
  const required: Component[] = spec.level <= 2 ? ['theory', 'practical', 'review'] : ['theory', 'practical'];
  const batch = await db
    .insertInto('batches')
    .values({ organization_id: spec.organizationId, code: spec.code, name: spec.name, status: spec.status ?? 'marking', filing_number: spec.filingNumber ?? `备案-${spec.code}`, created_by: spec.createdBy, created_at: spec.at, updated_at: spec.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('batch_entries').values({ batch_id: batch.id, occupation_id: spec.occupationId, level: spec.level, components_json: JSON.stringify(required) }).execute();
  const set = await db
    .insertInto('paper_sets')
    .values({ occupation_id: spec.occupationId, level: spec.level, component: 'theory', seed: `demo-${spec.code}`, algorithm_version: 'demo', bank_hash: 'demo', quality_json: '{}', created_by: spec.createdBy, created_at: spec.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  const paper = await db
    .insertInto('papers')
    .values({ paper_set_id: set.id, form: 'A', status: 'used', content_json: JSON.stringify(spec.paper), approved_by: spec.createdBy, approved_at: spec.at, created_at: spec.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  const sitting = async (component: Component, date: string, start: string) =>
    (await db.insertInto('sittings').values({ batch_id: batch.id, component, date, start_time: start, duration_min: 90, venue: '示范中心实训楼', status: 'closed' }).returning('id').executeTakeFirstOrThrow()).id;
  const theorySittingId = await sitting('theory', spec.theoryDate, '09:00');
  const practicalSittingId = await sitting('practical', spec.practicalDate, '13:30');
  const reviewSittingId = required.includes('review') ? await sitting('review', spec.practicalDate, '09:00') : null;
  await db.insertInto('sitting_papers').values({ sitting_id: theorySittingId, occupation_id: spec.occupationId, level: spec.level, paper_set_id: set.id, paper_id: paper.id }).execute();
  for (const s of [practicalSittingId, reviewSittingId]) {
    if (s !== null) await db.insertInto('sitting_papers').values({ sitting_id: s, occupation_id: spec.occupationId, level: spec.level, paper_set_id: null, paper_id: null }).execute();
  }
  const room = await db.insertInto('rooms').values({ batch_id: batch.id, name: '第1考场', venue: '示范中心实训楼302', capacity: 30, columns: 5, room_no: 1 }).returning('id').executeTakeFirstOrThrow();
  const candidateIds: number[] = [];
  for (const [i, c] of spec.candidates.entries()) {
    const row = await db
      .insertInto('candidates')
      .values({
        batch_id: batch.id, occupation_id: spec.occupationId, level: spec.level, name: c.name, gender: '男', id_type: '201', id_number: c.idNumber,
        birth_date: `19${c.idNumber.slice(8, 10)}-${c.idNumber.slice(10, 12)}-${c.idNumber.slice(12, 14)}`, education: '高中', work_unit: c.workUnit ?? '南昌示范电力公司',
        work_years: 6, eligibility_basis: '取得本职业下一级证书后累计从事本职业工作4年以上', components_json: JSON.stringify(c.components ?? required), created_at: spec.at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    candidateIds.push(row.id);
    await db.insertInto('seat_assignments').values({ sitting_id: theorySittingId, room_id: room.id, seat_no: i + 1, candidate_id: row.id, ticket_no: c.ticketNo, ticket_issued: 1 }).execute();
  }
  if (spec.group) {
    const g = spec.group;
    for (const s of [practicalSittingId, reviewSittingId]) {
      if (s === null) continue;
      for (const u of [g.leaderId, ...g.examinerIds.filter((x) => x !== g.leaderId)]) {
        await db.insertInto('staff_assignments').values({ batch_id: batch.id, user_id: u, duty: u === g.leaderId ? 'leader' : 'examiner', sitting_id: s, room_id: null, group_name: g.name }).execute();
      }
    }
  }
  return { batchId: batch.id, theorySittingId, practicalSittingId, reviewSittingId, paperId: paper.id, roomId: room.id, candidateIds };
}

/**
 * Record a theory attempt as the exam room leaves it: submitted with these responses (default), still
 * answering, never started (lobby), or with a 违纪 category. Returns the attempt id.
 */
export async function sitTheory(
  db: Db,
  b: BuiltBatch,
  candidateId: number,
  responses: Record<string, ItemResponse>,
  opts: { at: string; state?: 'submitted' | 'answering' | 'lobby'; violation?: string },
): Promise<number> {
  const state = opts.state ?? 'submitted';
  const a = await db
    .insertInto('attempts')
    .values({
      sitting_id: b.theorySittingId, candidate_id: candidateId, paper_id: b.paperId, seed: `demo-${candidateId}`, state,
      started_at: state === 'lobby' ? null : opts.at, ends_at: null, paused_at: null, submitted_at: state === 'submitted' ? opts.at : null,
      submit_reason: state === 'submitted' ? 'candidate' : null, device_id: null, violation_category: opts.violation ?? null, last_seen_at: opts.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const rows = Object.entries(responses).map(([item_key, v], i) => ({ attempt_id: a.id, item_key, seq: i + 1, value_json: JSON.stringify(v), saved_at: opts.at }));
  for (let i = 0; i < rows.length; i += 200) await db.insertInto('responses').values(rows.slice(i, i + 200)).execute();
  return a.id;
}

/** The practical scoring sheet of 电工 四级 (三相异步电动机正反转控制线路安装与调试) as the office defines it. */
export function electricianSheet() {
  return {
    occupationCode: '6-31-01-03',
    level: 4 as Level,
    taskId: 'DG4-01',
    title: '三相异步电动机正反转控制线路安装与调试',
    rows: [
      { id: '1', content: '安全文明生产', keyPoints: ['穿戴劳保用品', '工具摆放整齐'], maxMarks: 10, deductionRules: [{ text: '未穿戴绝缘鞋或绝缘手套', points: 5 }, { text: '工位不整洁', points: 2 }], veto: 'whole' as const },
      { id: '2', content: '元件检查与布置', keyPoints: ['元件检测', '布局合理'], maxMarks: 15, deductionRules: [{ text: '漏检元件每只', points: 2 }, { text: '布局不合理', points: 3 }] },
      { id: '3', content: '主电路与控制电路接线', keyPoints: ['按图接线', '接点牢固'], maxMarks: 35, deductionRules: [{ text: '接点松动每处', points: 2 }, { text: '漏接或错接每处', points: 5 }], star: true },
      { id: '4', content: '通电试车', keyPoints: ['一次试车成功', '正反转及互锁正常'], maxMarks: 30, deductionRules: [{ text: '一次试车不成功', points: 10 }, { text: '二次试车不成功', points: 20 }], star: true, veto: 'row' as const },
      { id: '5', content: '工时与工艺', keyPoints: ['90 分钟内完成'], maxMarks: 10, deductionRules: [{ text: '每超时 5 分钟', points: 2 }] },
    ],
  };
}

const demoSheet = (points: Record<string, number>, extra: Partial<ExaminerSheetBody> = {}): ExaminerSheetBody => ({
  deductions: Object.entries(points).map(([rowId, p]) => ({ rowId, points: p })),
  vetoedRows: [],
  safetyViolation: false,
  note: '',
  ...extra,
});

/**
 * The scoring demo: the 电工 四级 practical sheet, and batch `261001` finished in October 2026 — six
 * candidates, theory marked from responses, practical scored by a group of three (examiner1 leader), one
 * ★ failure, one theory failure, one absentee, results computed, publicity 2026-10-19 … 2026-10-23 closed
 * after an objection was answered 不成立, and certificates issued on 2026-10-26 to the three who passed
 * (S000036010001264000001 … 003; the QR link carries each certificate's verify code).
 * The current demo batch `261101` gets the same group for its practical so an examiner can score 黄小明.
 */
export const scoringDemo: DemoSeeder = async (trx, ctx) => {
  const occ = ctx.occupations['6-31-01-03']!;
  const office = systemActor('demo');
  const users = ctx.users;
  const sheet = electricianSheet();
  await trx
    .insertInto('scoring_sheets')
    .values({ occupation_id: occ, level: 4, component: 'practical', task: sheet.taskId, sheet_json: JSON.stringify(sheet), created_at: '2026-09-20T02:00:00.000Z' })
    .execute();
  const group = { name: '第一考评组', leaderId: users.examiner1!, examinerIds: [users.examiner2!, users.examiner3!] };

  // The current batch: a practical sitting with the group, so 黄小明 can be scored on the tablet page.
  await trx.insertInto('sittings').values({ batch_id: ctx.batchId, component: 'practical', date: chinaDate(ctx.now), start_time: '13:30', duration_min: 90, venue: '示范中心电工实训室', status: 'scheduled' }).execute();
  const practical = await trx.selectFrom('sittings').select('id').where('batch_id', '=', ctx.batchId).where('component', '=', 'practical').executeTakeFirstOrThrow();
  await trx.insertInto('sitting_papers').values({ sitting_id: practical.id, occupation_id: occ, level: 4, paper_set_id: null, paper_id: null }).onConflict((oc) => oc.doNothing()).execute();
  for (const u of [group.leaderId, ...group.examinerIds]) {
    await trx.insertInto('staff_assignments').values({ batch_id: ctx.batchId, user_id: u, duty: u === group.leaderId ? 'leader' : 'examiner', sitting_id: practical.id, room_id: null, group_name: group.name }).execute();
  }

  // The finished batch.
  const paper = demoPaper('DG4DEMO', 4);
  // Deductions per examiner (examiner1, examiner2, examiner3) by sheet row.
  const people: (CandidateSpec & { correct: number; practical: Record<string, number>[] })[] = [
    { name: '陈志强', idNumber: '360102198805124519', ticketNo: '26100100101', workUnit: '南昌供电服务公司', correct: 34, practical: [{ '2': 2, '3': 4 }, { '2': 3, '3': 2 }, { '2': 2, '3': 6 }] },
    { name: '刘海燕', idNumber: '360103199201153022', ticketNo: '26100100102', workUnit: '江西示范建设集团', correct: 30, practical: [{ '3': 2, '5': 2 }, { '3': 4 }, { '3': 2, '5': 2 }] },
    // 通电试车 fails twice on every sheet (★ row 10 of 30, below 60 %): 技能操作考核不合格 whatever the total.
    { name: '王建国', idNumber: '36010419850630401X', ticketNo: '26100100103', workUnit: '南昌示范电力公司', correct: 28, practical: [{ '4': 20 }, { '4': 20, '2': 2 }, { '4': 20 }] },
    { name: '赵敏', idNumber: '360105199608214527', ticketNo: '26100100104', workUnit: '南昌示范电力公司', correct: 36, practical: [{ '3': 8, '2': 2 }, { '3': 6 }, { '3': 8 }] },
    // Theory 45: 不合格 (理论知识考试); lodged an objection (合分错误) that was answered 不成立.
    { name: '孙立', idNumber: '360106199011112214', ticketNo: '26100100105', workUnit: '南昌示范电力公司', correct: 15, practical: [{ '2': 4 }, { '2': 4 }, { '2': 5 }] },
    // Never started the theory exam: 缺考.
    { name: '周婷', idNumber: '360107199403184228', ticketNo: '26100100106', workUnit: '南昌示范电力公司', correct: -1, practical: [{ '5': 2 }, { '5': 2 }, { '5': 4 }] },
  ];
  const built = await buildScoringBatch(trx, {
    organizationId: ctx.organizationId, code: '261001', name: '2026年第10期职业技能等级认定（演示·已结束）', status: 'marking', occupationId: occ, level: 4,
    theoryDate: '2026-10-10', practicalDate: '2026-10-11', paper, candidates: people, group, createdBy: users.office!, at: '2026-09-25T02:00:00.000Z', filingNumber: '赣技认备〔2026〕1001号',
  });
  for (const [i, p] of people.entries()) {
    const id = built.candidateIds[i]!;
    // 周婷 never started the theory exam: 缺考.
    if (p.correct < 0) await sitTheory(trx, built, id, {}, { at: '2026-10-10T01:05:00.000Z', state: 'lobby' });
    else await sitTheory(trx, built, id, answers(paper, p.correct), { at: '2026-10-10T02:25:00.000Z' });
  }
  const batch = await trx.selectFrom('batches').selectAll().where('id', '=', built.batchId).executeTakeFirstOrThrow();
  const plan = scoringPlanOf(batch);
  const policy = policyOf(plan);
  const examiners = [group.leaderId, ...group.examinerIds];
  for (const [i, p] of people.entries()) {
    const cand = await trx.selectFrom('candidates').select([...CANDIDATE_COLUMNS]).where('candidates.id', '=', built.candidateIds[i]!).executeTakeFirstOrThrow();
    for (const [j, uid] of examiners.entries()) {
      const actor: Actor = { ...office, kind: 'user', role: 'examiner', auditId: `user:${uid}`, userId: uid, organizationId: ctx.organizationId, name: 'demo' };
      // 王建国's 通电试车 fails twice (★ row scores 20 of 30 < 60 %): 技能操作考核不合格 whatever the total.
      await submitExaminerSheet(trx, actor, plan, policy.practical, cand, 'practical', demoSheet(p.practical[j]!), 'member', new Date(`2026-10-11T0${6 + j}:30:00.000Z`));
    }
  }
  const officeActor: Actor = { ...office, kind: 'user', role: 'admin', auditId: `user:${users.office}`, userId: users.office!, organizationId: ctx.organizationId, name: 'demo' };
  await storeResults(trx, officeActor, batch, await computeResults(trx, batch, new Date('2026-10-16T02:00:00.000Z')), new Date('2026-10-16T02:00:00.000Z'), 'demo');
  await publishResults(trx, officeActor, batch, new Date('2026-10-19T01:00:00.000Z'));
  const sunLi: Actor = { ...office, kind: 'candidate', role: 'candidate', auditId: `candidate:${built.candidateIds[4]}`, candidateId: built.candidateIds[4]!, organizationId: ctx.organizationId, name: '孙立' };
  const objectionId = await lodgeObjection(trx, sunLi, built.candidateIds[4]!, { category: 'additionError', statement: '理论考试成绩偏低，怀疑合分有误，申请复核。' }, new Date('2026-10-20T03:00:00.000Z'));
  const reviewer: Actor = { ...officeActor, auditId: `user:${users.office2}`, userId: users.office2! };
  await resolveObjectionById(trx, reviewer, objectionId, { outcome: 'rejected', note: '已逐题复核客观题作答记录与合分，成绩无误。' }, new Date('2026-10-22T02:00:00.000Z'));
  await closePublicityOf(trx, officeActor, batch, new Date('2026-10-26T01:00:00.000Z'));
  await issueCertificates(trx, officeActor, { ...batch, status: 'closed' }, undefined, new Date('2026-10-26T02:00:00.000Z'));
};
