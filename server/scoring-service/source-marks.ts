/**
 * Component sources other than the exam: 结课成绩 (course final, school students' theory) and 过程考核
 * (process assessment, 一体化 programmes), entered by hand or imported from the 教务 system's xlsx. The
 * record is append-only: a correction is a new row, the latest row of a candidate × component × source is
 * the one used, and every row keeps its origin (who, how, which file and row, the basis).
 */
import { z } from 'zod';
import { ImportRejected, type RowError } from '../../question-bank/errors';
import { componentName, sourceKindName, type SourceMark, type SourceMarks } from '../../scoring';
import type { Component } from '../../question-bank/types';
import type { Actor } from '../auth/actor';
import { recordAudit } from '../audit/audit-trail';
import { StateConflict, ValidationFailed } from '../errors';
import { readXlsxRows } from '../uploads';
import { chunks, parseJson, type Db, inTransaction } from './common';
import { component as componentSchema } from '../exam-admin/common';

export type ExtraSource = 'courseFinal' | 'processAssessment';

/** Where a source mark came from. */
export interface SourceOrigin {
  method: 'manual' | 'import';
  basis: string;
  file?: string;
  row?: number;
}

/** One mark to record. */
export interface SourceEntry {
  candidateId: number;
  component: Component;
  source: ExtraSource;
  mark: number;
  basis: string;
}

/** Body of a manual entry. */
export const sourceEntryBody = z.object({
  entries: z
    .array(
      z.object({
        candidateId: z.number().int().positive().max(2_147_483_647),
        component: componentSchema,
        source: z.enum(['courseFinal', 'processAssessment']),
        mark: z.number().min(0, '成绩应在 0–100 之间').max(100, '成绩应在 0–100 之间'),
        basis: z.string().trim().min(2, '请写明成绩依据（如 2025-2026学年第一学期期末考试）').max(200),
      }),
    )
    .min(1)
    .max(5000),
});

/** Latest source marks of candidates: candidateId → component → SourceMarks (ref = `source_mark:<id>`). */
export async function latestSourceMarks(db: Db, candidateIds: readonly number[]): Promise<Map<number, Partial<Record<Component, SourceMarks>>>> {
  const out = new Map<number, Partial<Record<Component, SourceMarks>>>();
  for (const part of chunks(candidateIds)) {
    const rows = await db.selectFrom('source_marks').selectAll().where('candidate_id', 'in', part).orderBy('id').execute();
    for (const r of rows) {
      const byComp = out.get(r.candidate_id) ?? {};
      out.set(r.candidate_id, byComp);
      const marks = byComp[r.component as Component] ?? {};
      byComp[r.component as Component] = marks;
      const m: SourceMark = { mark: r.mark, ref: `source_mark:${r.id}` };
      marks[r.source] = m; // later rows replace earlier ones: corrections are appended
    }
  }
  return out;
}

/** Every stored source row of a batch (history included) for the office page. */
export async function batchSourceRows(db: Db, batchId: number) {
  const rows = await db
    .selectFrom('source_marks')
    .innerJoin('candidates', 'candidates.id', 'source_marks.candidate_id')
    .leftJoin('users', 'users.id', 'source_marks.recorded_by')
    .select(['source_marks.id', 'source_marks.candidate_id', 'source_marks.component', 'source_marks.source', 'source_marks.mark', 'source_marks.origin_json', 'source_marks.at', 'candidates.name', 'users.display_name'])
    .where('candidates.batch_id', '=', batchId)
    .orderBy('source_marks.id')
    .execute();
  return rows.map((r) => ({
    id: r.id, candidateId: r.candidate_id, candidateName: r.name, component: r.component, componentName: componentName(r.component as Component),
    source: r.source, sourceName: sourceKindName(r.source), mark: r.mark, origin: parseJson<SourceOrigin>(r.origin_json, { method: 'manual', basis: '' }),
    recordedBy: r.display_name ?? '', at: r.at,
  }));
}

/** Check entries against the batch (candidate registered in it and sitting the component). */
async function checkEntries(db: Db, batchId: number, entries: readonly (SourceEntry & { row?: number })[]): Promise<RowError[]> {
  const ids = [...new Set(entries.map((e) => e.candidateId))];
  const cands = new Map<number, { components: string[] }>();
  for (const part of chunks(ids)) {
    const rows = await db.selectFrom('candidates').select(['id', 'components_json']).where('batch_id', '=', batchId).where('id', 'in', part).execute();
    for (const r of rows) cands.set(r.id, { components: parseJson<string[]>(r.components_json, []) });
  }
  const errors: RowError[] = [];
  entries.forEach((e, i) => {
    const row = e.row ?? i + 1;
    const c = cands.get(e.candidateId);
    if (!c) errors.push({ row, column: '考生', problem: '不是本批次的考生' });
    else if (!c.components.includes(e.component)) errors.push({ row, column: '科目', problem: `该考生本批次不参加${componentName(e.component)}` });
    if (e.component === 'review') errors.push({ row, column: '科目', problem: '综合评审只能由考评组评分，不接受替代成绩' });
  });
  return errors;
}

/** Record source marks in one transaction with one audit row per mark. Throws `ImportRejected` on bad rows. */
export async function recordSourceMarks(
  db: Db,
  actor: Actor,
  batchId: number,
  entries: readonly (SourceEntry & { row?: number })[],
  origin: Omit<SourceOrigin, 'basis' | 'row'>,
  now: Date,
): Promise<number> {
  const errors = await checkEntries(db, batchId, entries);
  if (errors.length > 0) throw new ImportRejected(errors);
  // During publicity a mark may still be corrected (an upheld 登分错误 objection); after it, never.
  const pub = await db.selectFrom('publicities').select('status').where('batch_id', '=', batchId).executeTakeFirst();
  if (pub?.status === 'closed') throw new StateConflict('PUBLICITY_CLOSED', '本批次公示已结束，成绩不能再修改');
  await inTransaction(db, async (trx) => {
    for (const e of entries) {
      const o: SourceOrigin = { ...origin, basis: e.basis, ...(e.row !== undefined ? { row: e.row } : {}) };
      const row = await trx
        .insertInto('source_marks')
        .values({ candidate_id: e.candidateId, component: e.component, source: e.source, mark: e.mark, origin_json: JSON.stringify(o), recorded_by: actor.userId, at: now.toISOString() })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, { action: 'scoring.source-mark', objectType: 'source_mark', objectId: row.id, after: { candidateId: e.candidateId, component: e.component, source: e.source, mark: e.mark, origin: o } }, now);
    }
  });
  return entries.length;
}

/** Column headers of the source-mark import file. */
export const SOURCE_IMPORT_COLUMNS = ['证件号码', '姓名', '科目', '成绩来源', '成绩', '成绩依据'] as const;

// Maps, not object literals: a cell reading `constructor` or `__proto__` must be an unknown name, not an inherited property.
const COMPONENTS_BY_NAME = new Map<string, Component>([['理论知识考试', 'theory'], ['理论', 'theory'], ['技能操作考核', 'practical'], ['技能', 'practical'], ['操作', 'practical']]);
const SOURCES_BY_NAME = new Map<string, ExtraSource>([['结课成绩', 'courseFinal'], ['结课', 'courseFinal'], ['过程考核', 'processAssessment'], ['过程考核成绩', 'processAssessment']]);

/**
 * Read an import file: one row per mark, candidates matched by ID number and name within the batch.
 * All-or-nothing: `ImportRejected` lists every bad row (Excel row numbers); `UploadRefused` for an unsafe file.
 */
export async function readSourceImport(db: Db, batchId: number, bytes: Uint8Array): Promise<(SourceEntry & { row: number })[]> {
  const sheet = await readXlsxRows(bytes, { maxRows: 10_000 }, { preferSheets: ['成绩'] });
  const missing = SOURCE_IMPORT_COLUMNS.filter((c) => c !== '成绩依据' && !sheet.header.includes(c));
  if (missing.length > 0) throw new ValidationFailed(missing.map((c) => ({ field: c, problem: '缺少该列（表头应为：证件号码、姓名、科目、成绩来源、成绩、成绩依据）' })));
  const cands = await db.selectFrom('candidates').select(['id', 'name', 'id_number']).where('batch_id', '=', batchId).execute();
  const byId = new Map(cands.map((c) => [c.id_number.toUpperCase(), c]));
  const errors: RowError[] = [];
  const out: (SourceEntry & { row: number })[] = [];
  for (const r of sheet.rows) {
    const cell = (k: string) => (r.cells[k] ?? '').trim();
    const c = byId.get(cell('证件号码').toUpperCase());
    const component = COMPONENTS_BY_NAME.get(cell('科目'));
    const source = SOURCES_BY_NAME.get(cell('成绩来源'));
    const markText = cell('成绩');
    const mark = Number(markText);
    const before = errors.length;
    if (!c) errors.push({ row: r.row, column: '证件号码', problem: '本批次没有该证件号码的考生' });
    else if (c.name !== cell('姓名')) errors.push({ row: r.row, column: '姓名', problem: `与证件号码对应的考生姓名“${c.name}”不一致` });
    if (!component) errors.push({ row: r.row, column: '科目', problem: '应为“理论知识考试”或“技能操作考核”' });
    if (!source) errors.push({ row: r.row, column: '成绩来源', problem: '应为“结课成绩”或“过程考核”' });
    if (markText === '' || !Number.isFinite(mark) || mark < 0 || mark > 100) errors.push({ row: r.row, column: '成绩', problem: '应为 0–100 的数字' });
    if (errors.length === before) out.push({ row: r.row, candidateId: c!.id, component: component!, source: source!, mark, basis: cell('成绩依据') || '教务系统导入' });
  }
  const checked = await checkEntries(db, batchId, out);
  errors.push(...checked);
  if (errors.length > 0) throw new ImportRejected(errors.sort((a, b) => a.row - b.row));
  if (out.length === 0) throw new ImportRejected([{ row: 1, column: '(整体)', problem: '文件中没有成绩数据' }]);
  return out;
}
