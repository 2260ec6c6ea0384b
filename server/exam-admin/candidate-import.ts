/**
 * Candidate import from the xlsx template (考生信息导入模板): the file is read by the safe generic
 * reader (`server/uploads`), its headers mapped to the rules' columns, and the whole file checked by
 * `validateCandidateRows` — all or nothing, every problem reported by row and column.
 */
import { ImportRejected, type RowError } from '../../question-bank/errors';
import { readXlsxRows } from '../uploads';
import { ELIGIBILITY_COLUMNS, factsFromRow, type ExtraFacts } from './candidate-eligibility';
import { CANDIDATE_COLUMNS, validateCandidateRows, type CandidateImportContext, type ImportedCandidate } from './rules';

/** Most candidates one file may hold. */
export const MAX_IMPORT_ROWS = 10_000;

/**
 * Header names the template (server/documents) and common spreadsheets use for the rules' columns.
 * Both spellings are accepted so a file made from either the template or the rules' list imports.
 */
const HEADER_ALIASES: Readonly<Record<string, string>> = {
  '工作单位/学校': CANDIDATE_COLUMNS.workUnit,
  工作单位或学校: CANDIDATE_COLUMNS.workUnit,
  工作年限: CANDIDATE_COLUMNS.workYears,
  等级: CANDIDATE_COLUMNS.level,
  申报依据: CANDIDATE_COLUMNS.eligibilityBasis,
  职业技能等级: CANDIDATE_COLUMNS.level,
};

/** Education names offered by older templates, read as the rules' names. */
const EDUCATION_ALIASES: Readonly<Record<string, string>> = {
  '中专/中技/技校': '中专/职高',
  研究生及以上: '硕士研究生',
};

export interface ImportedRow extends ImportedCandidate {
  extra: ExtraFacts;
}

/**
 * Read and check an uploaded file. Returns every accepted row with its extra eligibility facts, or throws
 * `ImportRejected` (all row errors, sorted by row) / `UploadRefused` (unsafe or unreadable file).
 *
 * Blank 工作年限 reads as 0 and blank 工作单位/学校 as “无”: the template marks them optional.
 */
export async function readCandidateFile(bytes: Uint8Array, ctx: CandidateImportContext): Promise<ImportedRow[]> {
  const sheet = await readXlsxRows(bytes, { maxRows: MAX_IMPORT_ROWS }, { preferSheets: ['考生信息'] });
  const extraErrors: RowError[] = [];
  const extras = new Map<number, ExtraFacts>();
  // validateCandidateRows numbers rows by position: rebuild the sheet with its blank rows so row numbers
  // match what Excel shows.
  const lastRow = sheet.rows.reduce((m, r) => Math.max(m, r.row), 1);
  const rows: Record<string, unknown>[] = Array.from({ length: lastRow - 1 }, () => ({}));
  const hasWorkYears = sheet.header.some((h) => (HEADER_ALIASES[h] ?? h) === CANDIDATE_COLUMNS.workYears);
  const hasWorkUnit = sheet.header.some((h) => (HEADER_ALIASES[h] ?? h) === CANDIDATE_COLUMNS.workUnit);
  for (const r of sheet.rows) {
    const cells: Record<string, string> = {};
    for (const [k, v] of Object.entries(r.cells)) cells[HEADER_ALIASES[k] ?? k] = v;
    const edu = cells[CANDIDATE_COLUMNS.education];
    if (edu !== undefined && EDUCATION_ALIASES[edu]) cells[CANDIDATE_COLUMNS.education] = EDUCATION_ALIASES[edu]!;
    if (hasWorkYears && cells[CANDIDATE_COLUMNS.workYears] === '') cells[CANDIDATE_COLUMNS.workYears] = '0';
    if (hasWorkUnit && cells[CANDIDATE_COLUMNS.workUnit] === '') cells[CANDIDATE_COLUMNS.workUnit] = '无';
    const { facts, problems } = factsFromRow(cells);
    extras.set(r.row, facts);
    for (const p of problems) extraErrors.push({ row: r.row, ...p });
    for (const c of ELIGIBILITY_COLUMNS) delete cells[c];
    rows[r.row - 2] = cells;
  }
  let accepted: ImportedCandidate[] = [];
  try {
    accepted = validateCandidateRows(rows, { ...ctx, firstRow: 2 });
  } catch (e) {
    // One report for the whole file: the rules' errors and the eligibility columns' together.
    if (e instanceof ImportRejected && extraErrors.length > 0) throw new ImportRejected(sortErrors([...e.errors, ...extraErrors]));
    throw e;
  }
  if (extraErrors.length > 0) throw new ImportRejected(sortErrors(extraErrors));
  return accepted.map((a) => ({ ...a, extra: extras.get(a.row) ?? {} }));
}

function sortErrors(errors: RowError[]): RowError[] {
  return [...errors].sort((a, b) => a.row - b.row);
}
