/**
 * 合格人员花名册 (roster of certified candidates), reported after publicity. The column set and order are
 * fixed by the reporting notices; this module builds checked, injection-safe rows, and
 * `server/reports/roster-xlsx.ts` streams them into a workbook.
 */
import type { RowError } from '../question-bank/errors';
import { neutraliseCell } from '../question-bank/formats/cell-safety';
import type { Level } from '../question-bank/types';
import { isLevel } from '../question-bank/vocabulary';
import { isIsoDate, type IsoDate } from './calendar-date';
import { parseCertificateNumber } from './certificate-number';
import { ReportRejected } from './errors';
import { idTypeName, isIdTypeCode } from './id-types';
import { levelName } from './levels';

/** The roster header, exactly as the notices print it. */
export const ROSTER_COLUMNS = [
  '姓名',
  '证件类型',
  '证件号码',
  '所在单位',
  '职业名称',
  '工种名称',
  '职业技能等级',
  '证书编号',
  '发证日期',
  '评价机构',
  '发证机构',
] as const;

/** A roster column name. */
export type RosterColumn = (typeof ROSTER_COLUMNS)[number];

/** Written for an occupation without 工种, as on the certificate. */
export const NO_WORK_TYPE = '--';

/** 工种 as printed: trimmed, or `--` when absent (`workTypeText(null) === '--'`). Never fails. */
export function workTypeText(workType: string | null | undefined): string {
  const t = workType?.trim();
  return t ? t : NO_WORK_TYPE;
}

/** One certified candidate as the record store gives it. `idType` is the code (`'201'` …). */
export interface RosterEntry {
  name: string;
  idType: string;
  idNumber: string;
  employer: string;
  occupationName: string;
  workTypeName?: string | null;
  level: Level;
  certificateNumber: string;
  issuedOn: IsoDate;
  assessor: string;
  issuer: string;
}

/** Problems of one entry as `{ column, problem }` (empty when the entry is fine). */
export function rosterEntryProblems(entry: RosterEntry): { column: RosterColumn; problem: string }[] {
  const problems: { column: RosterColumn; problem: string }[] = [];
  const required: [RosterColumn, string][] = [
    ['姓名', entry.name],
    ['证件号码', entry.idNumber],
    ['职业名称', entry.occupationName],
    ['评价机构', entry.assessor],
    ['发证机构', entry.issuer],
  ];
  for (const [column, v] of required) if (typeof v !== 'string' || v.trim() === '') problems.push({ column, problem: '不能为空' });
  if (!isIdTypeCode(entry.idType)) problems.push({ column: '证件类型', problem: `未知的证件类型代码“${entry.idType}”` });
  if (!isLevel(entry.level)) problems.push({ column: '职业技能等级', problem: `等级 ${String(entry.level)} 应为 1–5` });
  if (!isIsoDate(entry.issuedOn)) problems.push({ column: '发证日期', problem: `应为 YYYY-MM-DD，收到“${entry.issuedOn}”` });
  try {
    const parts = parseCertificateNumber(entry.certificateNumber);
    if (isLevel(entry.level) && parts.level !== entry.level) {
      problems.push({ column: '证书编号', problem: `编号中的等级 ${parts.level} 与职业技能等级 ${entry.level} 不符` });
    }
  } catch (e) {
    problems.push({ column: '证书编号', problem: e instanceof Error ? e.message : String(e) });
  }
  return problems;
}

/**
 * One roster row in `ROSTER_COLUMNS` order: ID type and level as Chinese names, absent 工种 as `--`,
 * every free-text cell neutralised against formula injection (the `--` placeholder is ours, not input,
 * so it is written as is). Assumes a checked entry (see `rosterEntryProblems`); throws
 * `ScoringInputInvalid` for an unknown ID type or level.
 */
export function rosterRow(entry: RosterEntry): string[] {
  const workType = entry.workTypeName && entry.workTypeName.trim() !== '' ? neutraliseCell(entry.workTypeName.trim()) : NO_WORK_TYPE;
  return [
    neutraliseCell(entry.name.trim()),
    idTypeName(entry.idType),
    neutraliseCell(entry.idNumber.trim()),
    neutraliseCell(entry.employer.trim()),
    neutraliseCell(entry.occupationName.trim()),
    workType,
    levelName(entry.level),
    entry.certificateNumber.trim().toUpperCase(),
    entry.issuedOn,
    neutraliseCell(entry.assessor.trim()),
    neutraliseCell(entry.issuer.trim()),
  ];
}

/**
 * Check and build all rows, or throw `ReportRejected` listing every bad entry (row numbers count data rows
 * from 1; the header is not counted). Use for in-memory rosters; the xlsx writer checks while streaming.
 */
export function buildRosterRows(entries: Iterable<RosterEntry>): string[][] {
  const rows: string[][] = [];
  const errors: RowError[] = [];
  let n = 0;
  for (const entry of entries) {
    n++;
    const problems = rosterEntryProblems(entry);
    if (problems.length > 0) errors.push(...problems.map((p) => ({ row: n, ...p })));
    else rows.push(rosterRow(entry));
  }
  if (errors.length > 0) throw new ReportRejected('合格人员花名册', errors);
  return rows;
}
