/**
 * The eligibility (申报条件) decision for one candidate: facts from the form or import row, the rules'
 * verdict, and what is stored (`candidates.eligibility_basis`, `candidates.eligibility_json`, status).
 */
import { z } from 'zod';
import type { Level } from '../../question-bank/types';
import { checkEligibility, DEFAULT_ELIGIBILITY_RULES, isIsoDate, parseLevel, parseLooseDate, type CandidateRecord, type EligibilityFacts, type OrganizationType } from './rules';

/** Facts beyond the registration record that decide eligibility; all optional. */
export const eligibilityFactsBody = z
  .object({
    certificateLevel: z.number().int().min(1).max(5).nullable().optional(),
    certificateIssuedOn: z.string().refine(isIsoDate, '发证日期格式应为 YYYY-MM-DD').nullable().optional(),
    relatedMajor: z.boolean().optional(),
    ownFullTimeStudent: z.boolean().optional(),
    ownEmployee: z.boolean().optional(),
    apprenticeshipCompleted: z.boolean().optional(),
  })
  .refine((f) => (f.certificateLevel == null) === (f.certificateIssuedOn == null), { message: '已获证书的等级和发证日期须同时填写', path: ['certificateIssuedOn'] });

export type ExtraFacts = z.infer<typeof eligibilityFactsBody>;

/** What is stored in `candidates.eligibility_json`. */
export interface EligibilityRecord {
  /** 申报条件 as the candidate declared it. */
  declared: string;
  /** Facts given explicitly (form fields, import columns); kept apart so an edit of the declaration recomputes the rest. */
  explicit: ExtraFacts;
  /** Facts the decision used: the explicit ones over those the declaration implies. */
  facts: ExtraFacts;
  eligible: boolean;
  basis: string;
  problems: string[];
  /** Date the conditions were judged on. */
  asOf: string;
  /**
   * The office's own decision (人工认定) when the rules could not judge the case or judged it wrongly; it wins
   * over `eligible`/`basis` (which stay the rules' verdict, shown beside it and restored on withdrawal).
   */
  manual?: ManualDecision;
}

/** A manual eligibility decision (人工认定) recorded by the exam office. */
export interface ManualDecision {
  eligible: boolean;
  /** Why the office decided so (required). */
  reason: string;
  /** 申报依据 the office accepted (required when eligible; '' otherwise allowed). */
  basis: string;
  byUserId: number | null;
  byName: string;
  /** ISO instant of the decision. */
  at: string;
}

/**
 * What the candidate row stores for an eligibility record: the manual decision when there is one, else the
 * rules' verdict. Example: `storedVerdict({ …, eligible: false, manual: { eligible: true, basis: '…' } })`
 * → `{ status: 'registered', eligibility_basis: '…' }`.
 */
export function storedVerdict(r: Pick<EligibilityRecord, 'eligible' | 'basis' | 'manual'>): { status: 'registered' | 'ineligible'; eligibility_basis: string } {
  const eligible = r.manual ? r.manual.eligible : r.eligible;
  const basis = r.manual ? r.manual.basis : r.basis;
  return { status: eligible ? 'registered' : 'ineligible', eligibility_basis: eligible ? basis : '' };
}

/**
 * Flags the declared 申报条件 text states, used when the form or file does not say them explicitly:
 * “本校全日制在校学生” → own student, “本单位在职职工” → own employee, “学徒期满”, “本专业/相关专业”.
 * A declared claim is recorded as such in the basis; the office checks the documents.
 */
export function factsFromDeclaration(declared: string): ExtraFacts {
  return {
    ...(/全日制/.test(declared) && /(在校|学生|本校)/.test(declared) && { ownFullTimeStudent: true }),
    ...(/(本单位|本企业|在职职工)/.test(declared) && { ownEmployee: true }),
    ...(/学徒期满/.test(declared) && { apprenticeshipCompleted: true }),
    ...(/(本专业|相关专业)/.test(declared) && { relatedMajor: true }),
  };
}

/**
 * Read the optional eligibility columns of an import row (原证书等级, 原证书发证日期, 本校全日制学生,
 * 本单位在职职工, 所学专业相关, 学徒期满); returns the facts and the problems of unreadable cells.
 */
export function factsFromRow(cells: Readonly<Record<string, string>>): { facts: ExtraFacts; problems: { column: string; problem: string }[] } {
  const problems: { column: string; problem: string }[] = [];
  const facts: ExtraFacts = {};
  const yes = (column: string): boolean | undefined => {
    const v = (cells[column] ?? '').trim();
    if (v === '') return undefined;
    if (/^(是|有|Y|YES|TRUE|1|√)$/i.test(v)) return true;
    if (/^(否|无|N|NO|FALSE|0|×)$/i.test(v)) return false;
    problems.push({ column, problem: `应填“是”或“否”，不是“${v}”` });
    return undefined;
  };
  const levelText = (cells['原证书等级'] ?? '').trim();
  const dateText = (cells['原证书发证日期'] ?? '').trim();
  if (levelText || dateText) {
    const lv = parseLevel(levelText);
    const d = parseLooseDate(dateText);
    if (lv === null) problems.push({ column: '原证书等级', problem: levelText ? `无法识别“${levelText}”（如“五级/初级工”）` : '填写了发证日期，也须填写原证书等级' });
    if (d === null) problems.push({ column: '原证书发证日期', problem: dateText ? `“${dateText}”不是有效日期` : '填写了原证书等级，也须填写发证日期' });
    if (lv !== null && d !== null) Object.assign(facts, { certificateLevel: lv, certificateIssuedOn: d });
  }
  const flags: [keyof ExtraFacts, string][] = [
    ['ownFullTimeStudent', '本校全日制学生'],
    ['ownEmployee', '本单位在职职工'],
    ['relatedMajor', '所学专业相关'],
    ['apprenticeshipCompleted', '学徒期满'],
  ];
  for (const [key, column] of flags) {
    const v = yes(column);
    if (v !== undefined) Object.assign(facts, { [key]: v });
  }
  return { facts, problems };
}

/** Optional import columns read by `factsFromRow`. */
export const ELIGIBILITY_COLUMNS = ['原证书等级', '原证书发证日期', '本校全日制学生', '本单位在职职工', '所学专业相关', '学徒期满'] as const;

/**
 * Judge a registration record with the default 申报条件 rules of the organization type, on `asOf`.
 * Explicit facts win over what the declaration text implies.
 */
export function decideEligibility(record: CandidateRecord, extra: ExtraFacts, orgType: OrganizationType, asOf: string): EligibilityRecord {
  const explicit = stripUndefined(extra) as ExtraFacts;
  const facts: ExtraFacts = { ...factsFromDeclaration(record.eligibilityBasis), ...explicit };
  const input: EligibilityFacts = {
    level: record.level,
    occupationCode: record.occupationCode,
    education: record.education,
    workYears: record.workYears,
    relatedMajor: facts.relatedMajor ?? false,
    ownFullTimeStudent: facts.ownFullTimeStudent ?? false,
    ownEmployee: facts.ownEmployee ?? false,
    apprenticeshipCompleted: facts.apprenticeshipCompleted ?? false,
    certificates:
      facts.certificateLevel != null && facts.certificateIssuedOn != null
        ? [{ occupationCode: record.occupationCode, level: facts.certificateLevel as Level, issuedOn: facts.certificateIssuedOn }]
        : [],
  };
  const r = checkEligibility(input, DEFAULT_ELIGIBILITY_RULES, { orgType, asOf });
  return { declared: record.eligibilityBasis, explicit, facts, eligible: r.eligible, basis: r.basis, problems: r.problems, asOf };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
