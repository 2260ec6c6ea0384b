/**
 * Candidate (考生) registration checks: one record from a form, or a whole spreadsheet import that is
 * accepted all-or-nothing with row-level errors.
 */
import { ImportRejected, type RowError } from '../../../question-bank/errors';
import type { Level } from '../../../question-bank/types';
import { LEVEL_NAMES } from '../../../question-bank/vocabulary';
import type { IdTypeCode, IsoDate } from '../../../scoring';
import type { BatchEntry } from './batch-entry';
import { fullYearsBetween, parseLooseDate } from './dates';
import { EDUCATION_LEVELS, parseEducation, type Education } from './education';
import { validateIdNumber, type Gender } from './id-number';
import { ID_TYPES, parseIdType } from './id-types';
import { parseLevel } from './levels';
import { isOccupationCode, normaliseWorkType, type Occupation } from './organization';
import { charLength, cleanCode, cleanText, isBlank, toHalfWidth } from './text';

/** Fields of a candidate record (keys of `CANDIDATE_COLUMNS`). */
export type CandidateField =
  | 'name'
  | 'gender'
  | 'idType'
  | 'idNumber'
  | 'birthDate'
  | 'education'
  | 'workUnit'
  | 'workYears'
  | 'occupationCode'
  | 'workType'
  | 'level'
  | 'eligibilityBasis';

/** Column headers of the candidate import template, in template order. */
export const CANDIDATE_COLUMNS: Readonly<Record<CandidateField, string>> = {
  name: '姓名',
  gender: '性别',
  idType: '证件类型',
  idNumber: '证件号码',
  birthDate: '出生日期',
  education: '文化程度',
  workUnit: '工作单位',
  workYears: '从事本职业工作年限',
  occupationCode: '职业编码',
  workType: '工种',
  level: '申报等级',
  eligibilityBasis: '申报条件',
};

/** Columns that may be left out of a file: gender and birth date follow from a citizen number, 工种 may be absent. */
const OPTIONAL_COLUMNS: ReadonlySet<CandidateField> = new Set(['gender', 'birthDate', 'workType']);

const FIELDS = Object.keys(CANDIDATE_COLUMNS) as CandidateField[];

/** A candidate record as typed in a form or read from a spreadsheet row: anything, checked here. */
export type CandidateInput = Partial<Record<CandidateField, unknown>>;

/** A checked, normalised candidate record. */
export interface CandidateRecord {
  name: string;
  gender: Gender;
  idType: IdTypeCode;
  idNumber: string;
  birthDate: IsoDate;
  education: Education;
  workUnit: string;
  workYears: number;
  occupationCode: string;
  workType: string | null;
  level: Level;
  eligibilityBasis: string;
}

/** One problem with one field, in Chinese. */
export interface FieldProblem {
  field: CandidateField;
  /** Chinese header of the field (same as the import template). */
  column: string;
  problem: string;
}

/** What a candidate record is checked against. */
export interface CandidateContext {
  today: IsoDate;
  /** Occupations known to the system (code → levels, 工种, 准入类). */
  occupations: readonly Occupation[];
  /** The batch's planned entries; when given, the candidate must apply for one of them. */
  entries?: readonly BatchEntry[];
  /** Plausible age range on `today`; outside it is a typing error. Default [14, 100]. */
  ageRange?: readonly [number, number];
}

/** Result of `validateCandidate`: the normalised record or every field problem. */
export type CandidateCheck = { ok: true; value: CandidateRecord } | { ok: false; problems: FieldProblem[] };

const NAME = /^[\p{Script=Han}A-Za-z·.'\- ]+$/u;

/**
 * Check one candidate record. Gender and birth date may be left blank when the ID number carries
 * them (GB 11643 types) and are then taken from it; when entered they must agree with it. Never
 * throws; returns every field problem found.
 *
 * Example: `validateCandidate({ name: '张三', idType: '201', idNumber: '11010519491231002X', gender: '男', … }, ctx)`
 * → problem on 证件号码: `号码第17位表示性别为女，与填写的性别“男”不一致`.
 */
export function validateCandidate(input: CandidateInput, ctx: CandidateContext): CandidateCheck {
  const problems: FieldProblem[] = [];
  const add = (field: CandidateField, problem: string) => problems.push({ field, column: CANDIDATE_COLUMNS[field], problem });

  // 姓名: ethnic-minority names use the middle dot; fold the look-alikes people type.
  const name = cleanCode(input.name).replace(/[•‧・∙]/g, '·');
  if (name === '') add('name', '姓名不能为空');
  else if (charLength(name) < 2 || charLength(name) > 50) add('name', '姓名应为2–50个字符');
  else if (!NAME.test(name)) add('name', '姓名只能包含汉字、字母、间隔号“·”、空格、“.”和“-”');

  let gender: Gender | null = null;
  const genderText = cleanText(input.gender);
  if (genderText !== '') {
    if (genderText === '男' || genderText === '女') gender = genderText;
    else add('gender', `性别应为“男”或“女”，不是“${genderText}”`);
  }

  let birthDate: IsoDate | null = null;
  const birthText = cleanCode(input.birthDate);
  if (birthText !== '') {
    birthDate = parseLooseDate(birthText);
    if (birthDate === null) add('birthDate', `出生日期“${birthText}”不是有效日期（格式如 1990-05-01）`);
  }

  const idType = parseIdType(typeof input.idType === 'number' ? input.idType : cleanCode(input.idType));
  if (idType === null) {
    add('idType', isBlank(input.idType) ? '证件类型不能为空' : `证件类型“${cleanText(input.idType)}”不在代码表中`);
  }
  let idNumber = '';
  if (isBlank(input.idNumber)) add('idNumber', '证件号码不能为空');
  else if (idType !== null) {
    const r = validateIdNumber(idType, String(input.idNumber), { birthDate, gender, today: ctx.today });
    idNumber = r.value;
    if (!r.ok) for (const p of r.problems) add('idNumber', p);
    else {
      birthDate ??= r.birthDate;
      gender ??= r.gender;
    }
  }
  const idIsCitizenStyle = idType !== null && idNumber.length === 18 && ID_TYPES[idType].scheme !== 'document';
  if (gender === null && genderText === '' && !idIsCitizenStyle) add('gender', '性别不能为空');
  if (birthDate === null && birthText === '' && !idIsCitizenStyle) add('birthDate', '出生日期不能为空');

  let age: number | null = null;
  if (birthDate !== null) {
    const [minAge, maxAge] = ctx.ageRange ?? [14, 100];
    if (birthDate > ctx.today) add('birthDate', `出生日期${birthDate}晚于今天`);
    else {
      age = fullYearsBetween(birthDate, ctx.today);
      if (age < minAge || age > maxAge) add('birthDate', `按出生日期${birthDate}计算年龄为${age}岁，不在${minAge}–${maxAge}岁之间，请核对`);
    }
  }

  const education = parseEducation(cleanText(input.education));
  if (education === null) {
    const list = EDUCATION_LEVELS.map((e) => e.label).join('、');
    add('education', isBlank(input.education) ? '文化程度不能为空' : `文化程度“${cleanText(input.education)}”不在列表中（${list}）`);
  }

  const workUnit = cleanText(input.workUnit);
  if (workUnit === '') add('workUnit', '工作单位不能为空（无工作单位请填“无”）');
  else if (charLength(workUnit) > 100) add('workUnit', '工作单位不能超过100个字符');

  const workYears = parseWorkYears(input.workYears);
  if (typeof workYears === 'string') add('workYears', workYears);
  else if (age !== null && workYears > Math.max(0, age - 14)) {
    add('workYears', `工作年限${workYears}年与年龄${age}岁不相称，请核对`);
  }

  const occupationCode = cleanCode(input.occupationCode).replace(/[—–]/g, '-');
  let occupation: Occupation | undefined;
  if (occupationCode === '') add('occupationCode', '职业编码不能为空');
  else if (!isOccupationCode(occupationCode)) add('occupationCode', `职业编码“${occupationCode}”格式不正确，应如 6-31-01-03`);
  else {
    occupation = ctx.occupations.find((o) => o.code === occupationCode);
    if (!occupation) add('occupationCode', `职业编码${occupationCode}不在系统的职业目录中`);
    else if (occupation.licensing) add('occupationCode', `${occupation.name}是准入类职业，不能申报职业技能等级认定`);
  }

  const workType = normaliseWorkType(cleanText(input.workType));
  if (occupation) {
    const known = occupation.workTypes ?? [];
    if (workType !== null && !known.includes(workType)) {
      add('workType', known.length > 0 ? `${occupation.name}没有“${workType}”工种，可选：${known.join('、')}` : `${occupation.name}不分工种，工种应留空或填“--”`);
    } else if (workType === null && known.length > 0) {
      add('workType', `${occupation.name}须填写工种，可选：${known.join('、')}`);
    }
  }

  const level = parseLevel(typeof input.level === 'number' ? input.level : cleanCode(input.level));
  if (level === null) add('level', isBlank(input.level) ? '申报等级不能为空' : `申报等级“${cleanText(input.level)}”无法识别（如“四级/中级工”）`);
  else if (occupation && !occupation.levels.includes(level)) {
    add('level', `${occupation.name}没有${LEVEL_NAMES[level]}`);
  }

  if (ctx.entries && occupation && level !== null && !problems.some((p) => p.field === 'workType')) {
    const planned = ctx.entries.some((e) => e.occupationCode === occupationCode && e.workType === workType && e.level === level);
    if (!planned) {
      const what = `${occupation.name}${workType ? `（${workType}）` : ''}${LEVEL_NAMES[level]}`;
      add('level', `本批次未安排${what}的认定`);
    }
  }

  const eligibilityBasis = cleanText(input.eligibilityBasis);
  if (eligibilityBasis === '') add('eligibilityBasis', '申报条件不能为空（填写所符合的申报条件）');
  else if (charLength(eligibilityBasis) > 500) add('eligibilityBasis', '申报条件不能超过500个字符');

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      name,
      gender: gender!,
      idType: idType!,
      idNumber,
      birthDate: birthDate!,
      education: education!,
      workUnit,
      workYears: workYears as number,
      occupationCode,
      workType,
      level: level!,
      eligibilityBasis,
    },
  };
}

/** Work years: a number ≥ 0 and ≤ 60 with at most one decimal; returns the problem text otherwise. */
function parseWorkYears(raw: unknown): number | string {
  const s = typeof raw === 'number' ? String(raw) : cleanCode(raw).replace(/年$/, '');
  if (s === '') return '从事本职业工作年限不能为空（没有请填0）';
  if (!/^\d+(\.\d)?$/.test(s)) return `从事本职业工作年限“${s}”应为不小于0的数字，最多一位小数`;
  const n = Number(s);
  return n > 60 ? `从事本职业工作年限${n}年不合理（超过60年）` : n;
}

/** Key identifying a person across rows and the batch: the normalised ID number. */
export function candidateKey(idNumber: string): string {
  return toHalfWidth(idNumber).replace(/\s+/g, '').toUpperCase();
}

/** Context of a spreadsheet import: the batch's registered ID numbers and the first data row. */
export interface CandidateImportContext extends CandidateContext {
  /** ID numbers already registered in the batch. */
  existingIdNumbers?: Iterable<string>;
  /** Spreadsheet row number of `rows[0]`; default 2 (row 1 holds the headers). */
  firstRow?: number;
}

/** A row accepted by `validateCandidateRows`. */
export interface ImportedCandidate {
  row: number;
  candidate: CandidateRecord;
}

/**
 * Check a spreadsheet of candidates keyed by the Chinese headers of `CANDIDATE_COLUMNS`. All or
 * nothing: returns every row's record, or throws `ImportRejected` listing each problem as
 * `{ row, column, problem }` — missing required columns (row = header row), field problems,
 * an ID number repeated within the file (`与第N行重复`) or already registered in the batch.
 * Wholly blank rows (trailing spreadsheet rows) are skipped; a file without any candidate is refused.
 *
 * Example: two rows with `11010519491231002X` → `ImportRejected` with
 * `{ row: 3, column: '证件号码', problem: '证件号码与第2行重复' }`.
 */
export function validateCandidateRows(
  rows: readonly Readonly<Record<string, unknown>>[],
  ctx: CandidateImportContext,
): ImportedCandidate[] {
  const firstRow = ctx.firstRow ?? 2;
  const errors: RowError[] = [];

  const present = new Set(rows.flatMap((r) => Object.keys(r).map((k) => k.trim())));
  const missing = FIELDS.filter((f) => !OPTIONAL_COLUMNS.has(f) && !present.has(CANDIDATE_COLUMNS[f]));
  if (rows.length > 0 && missing.length > 0) {
    throw new ImportRejected(missing.map((f) => ({ row: firstRow - 1, column: CANDIDATE_COLUMNS[f], problem: '文件缺少此列' })));
  }

  const existing = new Set([...(ctx.existingIdNumbers ?? [])].map(candidateKey));
  const seen = new Map<string, number>();
  const accepted: ImportedCandidate[] = [];
  for (const [i, raw] of rows.entries()) {
    const row = firstRow + i;
    const cells = new Map(Object.entries(raw).map(([k, v]) => [k.trim(), v] as const));
    if ([...cells.values()].every(isBlank)) continue;
    const input: CandidateInput = {};
    for (const f of FIELDS) input[f] = cells.get(CANDIDATE_COLUMNS[f]);

    const r = validateCandidate(input, ctx);
    if (!r.ok) for (const p of r.problems) errors.push({ row, column: p.column, problem: p.problem });

    const key = r.ok ? r.value.idNumber : isBlank(input.idNumber) ? '' : candidateKey(String(input.idNumber));
    if (key !== '') {
      const earlier = seen.get(key);
      if (earlier !== undefined) errors.push({ row, column: CANDIDATE_COLUMNS.idNumber, problem: `证件号码与第${earlier}行重复` });
      else seen.set(key, row);
      if (existing.has(key)) errors.push({ row, column: CANDIDATE_COLUMNS.idNumber, problem: '该证件号码的考生已在本批次报名' });
    }
    if (r.ok) accepted.push({ row, candidate: r.value });
  }
  if (seen.size === 0 && errors.length === 0) {
    throw new ImportRejected([{ row: firstRow, column: '', problem: '文件中没有考生数据' }]);
  }
  if (errors.length > 0) throw new ImportRejected(errors);
  return accepted;
}
