/**
 * 技能操作考核 and 综合评审 by an examiner group: each member fills in the scoring sheet for a candidate on
 * his own; the component mark is the mean of their totals; a spread above the gap (or a split on a veto,
 * ★ or safety failure) goes to the group leader, whose own decision sheet is then final.
 *
 * Independence is enforced here, on the server: an examiner reads only his own sheet until he has
 * submitted it, and a submitted sheet is final (kept as entered, printable with the examiners' names).
 */
import { z } from 'zod';
import {
  scoreExaminerSheet,
  scorePracticalGroup,
  type ExaminerSheet,
  type ExaminerSheetScore,
  type PracticalGroupResult,
  type PracticalScoringConfig,
  type ScoringSheet,
} from '../../scoring';
import type { Component, Level } from '../../question-bank/types';
import type { Actor } from '../auth/actor';
import { recordAudit } from '../audit/audit-trail';
import { Forbidden, NotFound, StateConflict } from '../errors';
import { assertNotPublished, chinaDate, isUniqueViolation, parseJson, type CandidateRow, type Db, inTransaction } from './common';
import { groupOfCandidate, type ExaminerGroup } from './examiner-groups';
import { sheetForCandidate, type SheetRow } from './sheet-store';
import type { ScoringPlan } from './scoring-plan';

/** Body of an examiner's (or the leader's) sheet. */
export const examinerSheetBody = z.object({
  deductions: z
    .array(z.object({ rowId: z.string().min(1).max(20), points: z.number().min(0).max(100), rule: z.string().max(200).optional() }))
    .max(300)
    .default([]),
  vetoedRows: z.array(z.string().min(1).max(20)).max(60).default([]),
  safetyViolation: z.boolean().default(false),
  note: z.string().trim().max(500).default(''),
});
export type ExaminerSheetBody = z.infer<typeof examinerSheetBody>;

/** A kept sheet: what the examiner entered and its score at the time. */
export interface KeptSheet {
  examinerId: number;
  examinerName: string;
  role: 'member' | 'leader';
  entry: Omit<ExaminerSheet, 'examinerId'> & { note: string };
  score: ExaminerSheetScore;
  submittedAt: string;
}

/**
 * State of a candidate's component in the group:
 * - `noGroup` / `noSheet`: not arranged yet (reason in `problem`);
 * - `awaiting`: some members have not submitted;
 * - otherwise the group result (`agreed`, `needsLeader`, `leaderDecided`).
 */
export type GroupState =
  | { status: 'noGroup' | 'noSheet'; problem: string; group: ExaminerGroup | null; sheet: SheetRow | null; kept: KeptSheet[] }
  | { status: 'awaiting'; group: ExaminerGroup; sheet: SheetRow; kept: KeptSheet[]; submitted: number; required: number }
  | { status: 'scored'; group: ExaminerGroup; sheet: SheetRow; kept: KeptSheet[]; result: PracticalGroupResult };

/** Every kept sheet of a candidate on one scoring sheet, members first, in submission order. */
export async function keptSheets(db: Db, candidateId: number, sheetId: number): Promise<KeptSheet[]> {
  const rows = await db
    .selectFrom('examiner_marks')
    .innerJoin('users', 'users.id', 'examiner_marks.examiner_id')
    .select(['examiner_marks.examiner_id', 'examiner_marks.marks_json', 'examiner_marks.role', 'examiner_marks.submitted_at', 'users.display_name'])
    .where('examiner_marks.candidate_id', '=', candidateId)
    .where('examiner_marks.sheet_id', '=', sheetId)
    .orderBy('examiner_marks.id')
    .execute();
  return rows
    .map((r) => {
      const stored = parseJson<{ entry: KeptSheet['entry']; score: ExaminerSheetScore }>(r.marks_json, { entry: { deductions: [], vetoedRows: [], safetyViolation: false, note: '' }, score: { examinerId: String(r.examiner_id), rows: [], total: 0, ruleFailures: [], failedStarRows: [] } });
      return { examinerId: r.examiner_id, examinerName: r.display_name, role: r.role === 'leader' ? ('leader' as const) : ('member' as const), entry: stored.entry, score: stored.score, submittedAt: r.submitted_at };
    })
    .sort((a, b) => (a.role === b.role ? 0 : a.role === 'member' ? -1 : 1));
}

const asSheet = (k: KeptSheet): ExaminerSheet => ({ examinerId: String(k.examinerId), deductions: k.entry.deductions, vetoedRows: k.entry.vetoedRows, safetyViolation: k.entry.safetyViolation });

/** The group state of one candidate's practical or review component, derived from the kept sheets. */
export async function groupState(
  db: Db,
  plan: ScoringPlan,
  config: PracticalScoringConfig,
  candidate: Pick<CandidateRow, 'id' | 'batch_id' | 'occupation_id' | 'level'>,
  component: Component,
): Promise<GroupState> {
  const group = await groupOfCandidate(db, candidate.batch_id, candidate.id, component);
  const found = await sheetForCandidate(db, plan, candidate.occupation_id, candidate.level as Level, component);
  if (!found.sheet) return { status: 'noSheet', problem: found.problem, group, sheet: null, kept: [] };
  const kept = await keptSheets(db, candidate.id, found.sheet.id);
  if (!group) return { status: 'noGroup', problem: '尚未安排考评组', group: null, sheet: found.sheet, kept };
  const memberIds = new Set(group.members.map((m) => m.userId));
  const members = kept.filter((k) => k.role === 'member' && memberIds.has(k.examinerId));
  if (members.length < group.members.length) {
    return { status: 'awaiting', group, sheet: found.sheet, kept, submitted: members.length, required: group.members.length };
  }
  const sheet = parseJson<ScoringSheet>(found.sheet.sheet_json, null as unknown as ScoringSheet);
  const leader = kept.find((k) => k.role === 'leader');
  const result = scorePracticalGroup(sheet, members.map(asSheet), config, leader ? asSheet(leader) : undefined);
  return { status: 'scored', group, sheet: found.sheet, kept, result };
}

/** Refuse an entry for a component the office recorded as 缺考/违纪, or one the candidate does not sit. */
async function assertSits(db: Db, candidate: CandidateRow, component: Component, today: string): Promise<void> {
  if (!parseJson<string[]>(candidate.components_json, []).includes(component)) throw new StateConflict('NOT_SITTING', '该考生本批次不参加此科目');
  // Marks are entered at or after the assessment, never ahead of it, and only for a filed plan.
  const batch = await db.selectFrom('batches').select(['status']).where('id', '=', candidate.batch_id).executeTakeFirst();
  if (!batch || batch.status === 'draft') throw new StateConflict('PLAN_NOT_FILED', '该批次的认定计划尚未备案，不能评分');
  const sitting = await db
    .selectFrom('sittings')
    .innerJoin('sitting_papers', 'sitting_papers.sitting_id', 'sittings.id')
    .select((eb) => eb.fn.min('sittings.date').as('date'))
    .where('sittings.batch_id', '=', candidate.batch_id)
    .where('sittings.component', '=', component)
    .where('sitting_papers.occupation_id', '=', candidate.occupation_id)
    .where('sitting_papers.level', '=', candidate.level)
    .executeTakeFirst();
  if (sitting?.date && String(sitting.date) > today) throw new StateConflict('NOT_YET_ASSESSED', `该科目的考核安排在 ${String(sitting.date)}，考核开始后才能评分`);
  const o = await db.selectFrom('component_outcomes').select(['attendance']).where('candidate_id', '=', candidate.id).where('component', '=', component).executeTakeFirst();
  if (o) throw new StateConflict('RECORDED_ABSENT', `该考生此科目已记录为${o.attendance === 'absent' ? '缺考' : '违纪'}，不能评分`);
}

/**
 * Submit one examiner's sheet (role member) or the leader's decision sheet (role leader). The sheet is
 * scored now (throws `ScoringInputInvalid` for an unknown row, negative points, a veto on a non-veto row),
 * kept as entered, and final: a second submission is refused (`ALREADY_SUBMITTED`).
 */
export async function submitExaminerSheet(
  db: Db,
  actor: Actor,
  plan: ScoringPlan,
  config: PracticalScoringConfig,
  candidate: CandidateRow,
  component: Component,
  body: ExaminerSheetBody,
  role: 'member' | 'leader',
  now: Date,
): Promise<GroupState> {
  await assertSits(db, candidate, component, chinaDate(now));
  const state = await groupState(db, plan, config, candidate, component);
  if (!state.group) throw new Forbidden('该考生尚未安排考评组');
  const member = state.group.members.find((m) => m.userId === actor.userId);
  if (!member) throw new Forbidden('您不是该考生所在考评组的考评员');
  if (!state.sheet) throw new StateConflict('NO_SHEET', state.status === 'noSheet' ? state.problem : '尚未定义评分记录表');
  if (role === 'leader') {
    if (member.duty !== 'leader') throw new Forbidden('只有考评组组长可以裁定');
    if (state.status !== 'scored' || state.result.status !== 'needsLeader') throw new StateConflict('LEADER_NOT_NEEDED', '该考生的评分不需要组长裁定（分差未超过规定且否决意见一致，或评分尚未完成）');
  } else if (state.kept.some((k) => k.role === 'member' && k.examinerId === actor.userId)) {
    throw new StateConflict('ALREADY_SUBMITTED', '您已提交该考生的评分记录表，提交后不能修改');
  }
  const sheet = parseJson<ScoringSheet>(state.sheet.sheet_json, null as unknown as ScoringSheet);
  const entry: Omit<ExaminerSheet, 'examinerId'> & { note: string } = {
    deductions: body.deductions.filter((d) => d.points > 0).map((d) => ({ rowId: d.rowId, points: d.points, ...(d.rule ? { rule: d.rule } : {}) })),
    vetoedRows: [...new Set(body.vetoedRows)],
    safetyViolation: body.safetyViolation,
    note: body.note,
  };
  const score = scoreExaminerSheet(sheet, { examinerId: String(actor.userId), ...entry }, config);
  const sheetId = state.sheet.id;
  try {
    await inTransaction(db, async (trx) => {
      // Checked in the transaction: once published the record is closed, even for a sheet sent while publishing.
      await assertNotPublished(trx, candidate.batch_id, '本批次成绩已公示，不能再录入评分');
      const row = await trx
        .insertInto('examiner_marks')
        .values({ candidate_id: candidate.id, sheet_id: sheetId, examiner_id: actor.userId!, marks_json: JSON.stringify({ entry, score }), role, submitted_at: now.toISOString() })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, { action: role === 'leader' ? 'scoring.leader-sheet' : 'scoring.examiner-sheet', objectType: 'examiner_mark', objectId: row.id, after: { candidateId: candidate.id, component, sheetId, entry, total: score.total, ruleFailures: score.ruleFailures } }, now);
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new StateConflict('ALREADY_SUBMITTED', role === 'leader' ? '组长已裁定该考生的评分' : '您已提交该考生的评分记录表，提交后不能修改');
    throw e;
  }
  return groupState(db, plan, config, candidate, component);
}

/**
 * What an examiner may see of a candidate's component: the sheet, his own kept sheet, and, only once he
 * has submitted his own, the other members' sheets and the group result. Throws `Forbidden` for an
 * examiner outside the candidate's group.
 */
export async function examinerView(
  db: Db,
  actor: Actor,
  plan: ScoringPlan,
  config: PracticalScoringConfig,
  candidate: CandidateRow,
  component: Component,
) {
  const state = await groupState(db, plan, config, candidate, component);
  const me = state.group?.members.find((m) => m.userId === actor.userId);
  if (!state.group || !me) throw new Forbidden('您不是该考生所在考评组的考评员');
  if (!state.sheet) throw new NotFound('评分记录表');
  const mine = state.kept.find((k) => k.role === 'member' && k.examinerId === actor.userId) ?? null;
  const leaderSheet = state.kept.find((k) => k.role === 'leader') ?? null;
  const others = mine ? state.kept.filter((k) => k.role === 'member' && k.examinerId !== actor.userId) : null;
  return {
    component,
    sheetId: state.sheet.id,
    sheet: parseJson<ScoringSheet>(state.sheet.sheet_json, null as unknown as ScoringSheet),
    group: { name: state.group.name, members: state.group.members.map((m) => ({ name: m.name, duty: m.duty, submitted: state.kept.some((k) => k.role === 'member' && k.examinerId === m.userId) })) },
    isLeader: me.duty === 'leader',
    mine,
    // Hidden until this examiner has submitted: independence is decided here, not in the client.
    others,
    leaderSheet: mine ? leaderSheet : null,
    status: mine ? statusOf(state) : null,
    canDecide: me.duty === 'leader' && !!mine && state.status === 'scored' && state.result.status === 'needsLeader',
  };
}

/** A compact status for clients. */
export function statusOf(state: GroupState) {
  switch (state.status) {
    case 'noGroup':
    case 'noSheet':
      return { status: state.status, label: state.problem, mark: null, mean: null, spread: null, ruleFailures: [] as string[], submitted: 0, required: state.group?.members.length ?? 0 };
    case 'awaiting':
      return { status: 'awaiting' as const, label: `已提交 ${state.submitted}/${state.required}`, mark: null, mean: null, spread: null, ruleFailures: [] as string[], submitted: state.submitted, required: state.required };
    case 'scored': {
      const r = state.result;
      const label = r.status === 'agreed' ? '评分一致' : r.status === 'needsLeader' ? '分差超限或否决意见不一致，待组长裁定' : '组长已裁定';
      return { status: r.status, label, mark: r.mark, mean: r.mean, spread: r.spread, ruleFailures: [...r.ruleFailures, ...r.splitRuleFailures.map((f) => `split:${f}`)], submitted: state.group.members.length, required: state.group.members.length };
    }
    default: {
      const never: never = state;
      return never;
    }
  }
}
