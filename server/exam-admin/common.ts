/**
 * Shared pieces of the exam-administration routes: the batch an actor may touch, the organization and
 * occupation catalogue as the pure rules see them, the working-day calendar with local overrides, and
 * the China calendar date of an instant.
 */
import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import type { Actor } from '../auth/actor';
import type { BatchTable, Database, OccupationTable } from '../db/schema';
import { NotFound, StateConflict } from '../errors';
import type { Component, Level } from '../../question-bank/types';
import { COMPONENTS } from '../../question-bank/vocabulary';
import {
  createWorkdayCalendar,
  type Occupation,
  type Organization,
  type OrganizationType,
  type WorkdayCalendar,
} from './rules';

export type Db = Kysely<Database>;
export type BatchRow = Selectable<BatchTable>;
export type OccupationRow = Selectable<OccupationTable>;

/** Batch lifecycle. This feature moves draft ↔ filed; later steps belong to the exam room and scoring. */
export type BatchStatus = 'draft' | 'filed' | 'running' | 'marking' | 'publicity' | 'closed';

/** Chinese names of the batch statuses. */
export const BATCH_STATUS_LABELS: Readonly<Record<BatchStatus, string>> = {
  draft: '草拟中',
  filed: '已备案',
  running: '考试中',
  marking: '评分中',
  publicity: '公示中',
  closed: '已结束',
};

/**
 * The calendar date in China (UTC+8, no daylight saving) of an instant. Deadlines are Chinese calendar
 * days whatever the server's time zone. Example: `chinaDate(new Date('2026-11-22T17:00:00Z')) === '2026-11-23'`.
 */
export function chinaDate(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** `HH:MM` plus minutes, e.g. `endTime('09:00', 90) === '10:30'` (sittings never cross midnight). */
export function endTime(start: string, minutes: number): string {
  const [h, m] = start.split(':').map(Number) as [number, number];
  const t = Math.min(h * 60 + m + minutes, 23 * 60 + 59);
  return `${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`;
}

export const parseJson = <T>(s: string | null | undefined, fallback: T): T => {
  if (!s) return fallback;
  try {
    return JSON.parse(s) as T;
  } catch {
    return fallback;
  }
};

/** Route parameter `:id` (batch). */
export const batchParam = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
export const level = z.number().int().min(1).max(5).transform((n) => n as Level);
export const component = z.enum(COMPONENTS);
/** The components examiners mark (实操 and 综合评审). */
export const markedComponent = z.enum(['practical', 'review'] as const satisfies readonly Component[]);
export type ComponentName = Component;

/**
 * The batch with this id if it belongs to the actor's organization. Another organization's batch is
 * reported as not found (its existence is not disclosed).
 */
export async function loadBatch(db: Db, actor: Actor, id: number): Promise<BatchRow> {
  const b = await db.selectFrom('batches').selectAll().where('id', '=', id).executeTakeFirst();
  if (!b || b.organization_id !== actor.organizationId) throw new NotFound('认定批次', id);
  return b;
}

/**
 * Refuse a change the batch's status no longer allows. Plan content (entries, sittings) is fixed once
 * filed; registrations, rooms, staff and tickets stay open until the exam starts.
 */
export function assertBatchOpen(b: BatchRow, what: 'plan' | 'registration'): void {
  const status = b.status as BatchStatus;
  if (what === 'plan' && status !== 'draft') {
    throw new StateConflict('BATCH_NOT_DRAFT', `批次“${b.name}”已${BATCH_STATUS_LABELS[status] ?? status}，认定计划（职业、等级、场次）不能再修改；如需修改请先撤回备案`, { status });
  }
  if (what === 'registration' && status !== 'draft' && status !== 'filed') {
    throw new StateConflict('BATCH_CLOSED_FOR_CHANGES', `批次“${b.name}”已${BATCH_STATUS_LABELS[status] ?? status}，考生、考场和考务人员不能再修改`, { status });
  }
}

/**
 * Refuse (409 `PRACTICAL_SCORING_STARTED`) a change of the candidate list or of the examiner groups once an
 * examiner has submitted a sheet in the batch. Which group examines whom follows registration order
 * (`groupShares`), so such a change would move candidates to another group and their submitted sheets would
 * stop counting.
 */
export async function assertPracticalScoringNotStarted(db: Db, batchId: number): Promise<void> {
  const marked = await db
    .selectFrom('examiner_marks')
    .innerJoin('candidates', 'candidates.id', 'examiner_marks.candidate_id')
    .select('examiner_marks.id')
    .where('candidates.batch_id', '=', batchId)
    .limit(1)
    .executeTakeFirst();
  if (marked) {
    throw new StateConflict('PRACTICAL_SCORING_STARTED', '考评员已开始提交评分记录表，考生名单和考评组不能再修改（否则考生会被分到其他考评组，已提交的评分将不再计入）');
  }
}

/** An occupation row as the rules see it: work types of the same code, levels, 准入类 flag. */
export function ruleOccupation(row: OccupationRow, all: readonly OccupationRow[]): Occupation {
  const workTypes = [...new Set(all.filter((o) => o.code === row.code && o.work_type).map((o) => o.work_type))];
  return { code: row.code, name: row.name, levels: parseJson<Level[]>(row.levels_json, []), workTypes, licensing: !!row.licensing };
}

/** Every occupation as the rules see them, one per code (work types merged). */
export function ruleOccupations(all: readonly OccupationRow[]): Occupation[] {
  const byCode = new Map<string, Occupation>();
  for (const o of all) {
    const prev = byCode.get(o.code);
    const levels = parseJson<Level[]>(o.levels_json, []);
    if (!prev) byCode.set(o.code, { ...ruleOccupation(o, all), levels });
    else byCode.set(o.code, { ...prev, levels: [...new Set([...prev.levels, ...levels])] });
  }
  return [...byCode.values()];
}

export interface OrgContext {
  row: Selectable<Database['organizations']>;
  type: OrganizationType;
  /** The organization as the rules see it, scope merged per occupation code. */
  rules: Organization;
}

/** The actor's organization with its registered scope. */
export async function loadOrganization(db: Db, organizationId: number): Promise<OrgContext> {
  const row = await db.selectFrom('organizations').selectAll().where('id', '=', organizationId).executeTakeFirst();
  if (!row) throw new NotFound('评价机构', organizationId);
  const scope = await db
    .selectFrom('organization_scopes')
    .innerJoin('occupations', 'occupations.id', 'organization_scopes.occupation_id')
    .select(['occupations.code', 'occupations.work_type', 'organization_scopes.levels_json'])
    .where('organization_scopes.organization_id', '=', organizationId)
    .execute();
  const byCode = new Map<string, { workTypes: Set<string>; anyWorkType: boolean; levels: Set<Level> }>();
  for (const s of scope) {
    const e = byCode.get(s.code) ?? { workTypes: new Set<string>(), anyWorkType: false, levels: new Set<Level>() };
    if (s.work_type) e.workTypes.add(s.work_type);
    else e.anyWorkType = true;
    for (const l of parseJson<Level[]>(s.levels_json, [])) e.levels.add(l);
    byCode.set(s.code, e);
  }
  const rules: Organization = {
    id: String(row.id),
    name: row.name,
    type: row.type,
    uscc: row.uscc,
    scope: [...byCode.entries()].map(([occupationCode, e]) => ({
      occupationCode,
      ...(e.anyWorkType ? {} : { workTypes: [...e.workTypes] }),
      levels: [...e.levels],
    })),
  };
  return { row, type: row.type, rules };
}

/**
 * The organization as the rules should judge one occupation row: its scope entry narrowed to that row's
 * registered levels (scopes are stored per occupation row, i.e. per 工种).
 */
export async function organizationForOccupation(db: Db, org: OrgContext, occupation: OccupationRow): Promise<Organization> {
  const scope = await db
    .selectFrom('organization_scopes')
    .select('levels_json')
    .where('organization_id', '=', org.row.id)
    .where('occupation_id', '=', occupation.id)
    .executeTakeFirst();
  return {
    ...org.rules,
    scope: org.rules.scope.map((s) =>
      s.occupationCode === occupation.code && scope ? { ...s, levels: parseJson<Level[]>(scope.levels_json, []) } : s,
    ),
  };
}

/** The working-day calendar: chinese-days' official data plus the office's override table. */
export async function loadCalendar(db: Db): Promise<WorkdayCalendar> {
  const rows = await db.selectFrom('workday_overrides').selectAll().orderBy('date').execute();
  return createWorkdayCalendar({ overrides: rows.map((r) => ({ date: r.date, workday: !!r.workday, note: r.note })) });
}
