/**
 * 考核评分记录表 definitions (`scoring_sheets`): one per occupation × level × component × task, defined by the
 * office and checked with `validateScoringSheet` (rows, 配分 adding up to 100, deduction rules, 否决项, ★).
 * A sheet that examiners have used is frozen: a change is a new sheet, so every kept examiner sheet can
 * always be read against the rows it was filled in on.
 */
import type { Selectable } from 'kysely';
import { z } from 'zod';
import { validateScoringSheet, type ScoringSheet } from '../../scoring';
import type { Component, Level } from '../../question-bank/types';
import type { ScoringSheetTable } from '../db/schema';
import { NotFound, StateConflict } from '../errors';
import { parseJson, type Db } from './common';
import type { ScoringPlan } from './scoring-plan';
import { markedComponent } from '../exam-admin/common';

export type SheetRow = Selectable<ScoringSheetTable>;

/** Body of a sheet definition (create or replace). */
export const sheetBody = z.object({
  occupationId: z.number().int().positive().max(2_147_483_647),
  level: z.number().int().min(1).max(5).transform((n) => n as Level),
  component: markedComponent,
  taskId: z.string().trim().min(1, '请填写试题编号').max(40),
  title: z.string().trim().min(1, '请填写试题名称').max(200),
  rows: z
    .array(
      z.object({
        id: z.string().trim().min(1).max(20),
        content: z.string().trim().max(200),
        keyPoints: z.array(z.string().trim().max(200)).max(20).default([]),
        maxMarks: z.number(),
        deductionRules: z.array(z.object({ text: z.string().trim().min(1).max(200), points: z.number() })).max(30).default([]),
        veto: z.enum(['row', 'whole']).optional(),
        star: z.boolean().optional(),
      }),
    )
    .min(1, '评分表至少要有一个评分项')
    .max(60),
});
export type SheetBody = z.infer<typeof sheetBody>;

/** A stored sheet for clients: id, scope and the sheet itself. */
export interface SheetView {
  id: number;
  occupationId: number;
  level: Level;
  component: 'practical' | 'review';
  sheet: ScoringSheet;
  createdAt: string;
  used: boolean;
}

/** Build and check a sheet from a body; throws `ScoringSheetInvalid` listing every problem. */
export async function sheetFromBody(db: Db, body: SheetBody): Promise<ScoringSheet> {
  const occ = await db.selectFrom('occupations').select(['id', 'code', 'levels_json']).where('id', '=', body.occupationId).executeTakeFirst();
  if (!occ) throw new NotFound('职业', body.occupationId);
  const sheet: ScoringSheet = {
    occupationCode: occ.code,
    level: body.level,
    taskId: body.taskId,
    title: body.title,
    rows: body.rows.map((r) => ({
      id: r.id,
      content: r.content,
      keyPoints: r.keyPoints,
      maxMarks: r.maxMarks,
      deductionRules: r.deductionRules,
      ...(r.veto ? { veto: r.veto } : {}),
      ...(r.star ? { star: true } : {}),
    })),
  };
  validateScoringSheet(sheet);
  if (body.component === 'review' && body.level > 2) throw new StateConflict('REVIEW_NOT_REQUIRED', '综合评审只适用于二级/技师和一级/高级技师');
  return sheet;
}

/** The view of a stored row. */
export async function sheetView(db: Db, row: SheetRow): Promise<SheetView> {
  const used = await db.selectFrom('examiner_marks').select('id').where('sheet_id', '=', row.id).limit(1).executeTakeFirst();
  return {
    id: row.id,
    occupationId: row.occupation_id,
    level: row.level as Level,
    component: row.component as 'practical' | 'review',
    sheet: parseJson<ScoringSheet>(row.sheet_json, { occupationCode: '', level: row.level as Level, taskId: row.task, title: row.task, rows: [] }),
    createdAt: row.created_at,
    used: !!used,
  };
}

/** A stored sheet row or `NotFound`. */
export async function loadSheet(db: Db, id: number): Promise<SheetRow> {
  const row = await db.selectFrom('scoring_sheets').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFound('评分记录表', id);
  return row;
}

/** Refuse to change a sheet examiners have used (their kept sheets refer to its rows). */
export async function assertSheetUnused(db: Db, id: number): Promise<void> {
  const used = await db.selectFrom('examiner_marks').select('id').where('sheet_id', '=', id).limit(1).executeTakeFirst();
  if (used) throw new StateConflict('SHEET_IN_USE', '该评分记录表已有考评员评分，不能再修改或删除；如需调整请新建评分记录表');
}

/**
 * The sheet a candidate's component is scored on: the one the batch plan chose, else the only sheet of
 * that occupation × level × component. `null` with a reason when none or several without a choice.
 */
export async function sheetForCandidate(
  db: Db,
  plan: ScoringPlan,
  occupationId: number,
  level: Level,
  component: Component,
): Promise<{ sheet: SheetRow } | { sheet: null; problem: string }> {
  if (component === 'theory') return { sheet: null, problem: '理论知识考试没有评分记录表' };
  const chosen = plan.sheets.find((s) => s.occupationId === occupationId && s.level === level && s.component === component);
  if (chosen) {
    const row = await db.selectFrom('scoring_sheets').selectAll().where('id', '=', chosen.sheetId).executeTakeFirst();
    if (row) return { sheet: row };
  }
  const rows = await db
    .selectFrom('scoring_sheets')
    .selectAll()
    .where('occupation_id', '=', occupationId)
    .where('level', '=', level)
    .where('component', '=', component)
    .orderBy('id')
    .execute();
  if (rows.length === 1) return { sheet: rows[0]! };
  if (rows.length === 0) return { sheet: null, problem: '尚未定义该职业等级的评分记录表' };
  return { sheet: null, problem: `该职业等级有 ${rows.length} 份评分记录表，请在评分方案中指定本批次使用哪一份` };
}
