/**
 * 申报条件 (eligibility) as data. A rule for one organization type and level is a set of conditions
 * every candidate must meet (`requires`) plus alternative paths (`paths`, any one suffices), each a
 * conjunction of conditions — the shape of the 申报条件 section of every national occupational
 * standard (国家职业技能标准, 2018+ template): "具备以下条件之一者".
 *
 * The defaults follow that template's typical wording (M): provinces and occupations differ, so
 * callers may pass their own `EligibilityRules`.
 */
import type { Level } from '../../../question-bank/types';
import { LEVEL_NAMES } from '../../../question-bank/vocabulary';
import type { IsoDate } from '../../../scoring';
import { fullYearsBetween } from './dates';
import { educationLabel, type Education } from './education';
import { ORGANIZATION_TYPE_LABELS, type OrganizationType } from './organization';

/** One condition of a 申报条件. */
export type EligibilityCondition =
  /** 本校全日制在校学生 (技工院校 certify their own students only). */
  | { kind: 'ownFullTimeStudent' }
  /** 本单位在职职工 (用人单位 certify their own staff). */
  | { kind: 'ownEmployee' }
  /** 累计从事本职业或相关职业工作 ≥ `years` 年. */
  | { kind: 'workYears'; years: number }
  /** 取得本职业或相关职业 `level`（或更高）证书后，累计从事本职业或相关职业工作 ≥ `yearsAfter` 年. */
  | { kind: 'certificate'; level: Level; yearsAfter: number }
  /** 具有列出的学历之一（`relatedMajor`: 本专业或相关专业；含在校应届毕业生）. */
  | { kind: 'education'; anyOf: readonly Education[]; relatedMajor: boolean }
  /** 本职业或相关职业学徒期满. */
  | { kind: 'apprenticeship' };

/** One alternative of a 申报条件: all its conditions must hold. */
export interface EligibilityPath {
  /** Wording shown as the basis; generated from the conditions when absent. */
  label?: string;
  all: readonly EligibilityCondition[];
}

/** The 申报条件 for one organization type and level. */
export interface EligibilityRule {
  /** Conditions every candidate must meet. */
  requires?: readonly EligibilityCondition[];
  /** Alternatives, any one suffices; empty = `requires` alone decides. */
  paths: readonly EligibilityPath[];
}

/** Rules per organization type and level; a missing level means nobody may apply for it there. */
export type EligibilityRules = Readonly<Record<OrganizationType, Partial<Record<Level, EligibilityRule>>>>;

/** A previous 职业技能等级证书 or 职业资格证书 the candidate holds. */
export interface HeldCertificate {
  occupationCode: string;
  level: Level;
  issuedOn: IsoDate;
}

/** What the candidate declared (and the office checked) for eligibility. */
export interface EligibilityFacts {
  /** Level applied for. */
  level: Level;
  occupationCode: string;
  education: Education | null;
  /** 所学专业与申报职业相同或相关. */
  relatedMajor?: boolean;
  /** 累计从事本职业或相关职业工作年限. */
  workYears: number;
  certificates?: readonly HeldCertificate[];
  ownFullTimeStudent?: boolean;
  ownEmployee?: boolean;
  apprenticeshipCompleted?: boolean;
}

/** Where and when eligibility is judged. */
export interface EligibilityContext {
  orgType: OrganizationType;
  /** Date the conditions are judged on (the application or batch date). */
  asOf: IsoDate;
  /** Occupations counted as 相关职业 of the one applied for. */
  relatedOccupationCodes?: readonly string[];
}

/** Outcome of `checkEligibility`. */
export interface EligibilityResult {
  eligible: boolean;
  /** The 申报条件 met, in Chinese (to be recorded with the candidate); empty when not eligible. */
  basis: string;
  /** Why not, in Chinese; empty when eligible. */
  problems: string[];
}

const VOCATIONAL_MID: readonly Education[] = [
  'secondaryVocational',
  'technicalSchool',
  'seniorTechnicalSchool',
  'technicianCollege',
  'juniorCollege',
];
const HIGHER_TECHNICAL: readonly Education[] = ['seniorTechnicalSchool', 'technicianCollege', 'juniorCollege'];
const COLLEGE_OR_ABOVE: readonly Education[] = ['juniorCollege', 'bachelor', 'master', 'doctor'];

/** The national-standard template's paths per level (M). */
const STANDARD_PATHS: Readonly<Record<Level, readonly EligibilityPath[]>> = {
  5: [{ all: [{ kind: 'workYears', years: 1 }] }, { all: [{ kind: 'apprenticeship' }] }],
  4: [
    { all: [{ kind: 'certificate', level: 5, yearsAfter: 4 }] },
    { all: [{ kind: 'workYears', years: 6 }] },
    { all: [{ kind: 'education', anyOf: VOCATIONAL_MID, relatedMajor: true }] },
  ],
  3: [
    { all: [{ kind: 'certificate', level: 4, yearsAfter: 5 }] },
    {
      all: [
        { kind: 'certificate', level: 4, yearsAfter: 0 },
        { kind: 'education', anyOf: HIGHER_TECHNICAL, relatedMajor: true },
      ],
    },
    {
      all: [
        { kind: 'certificate', level: 4, yearsAfter: 2 },
        { kind: 'education', anyOf: COLLEGE_OR_ABOVE, relatedMajor: true },
      ],
    },
  ],
  2: [
    { all: [{ kind: 'certificate', level: 3, yearsAfter: 4 }] },
    {
      all: [
        { kind: 'certificate', level: 3, yearsAfter: 3 },
        { kind: 'education', anyOf: ['seniorTechnicalSchool', 'technicianCollege'], relatedMajor: true },
      ],
    },
  ],
  1: [{ all: [{ kind: 'certificate', level: 2, yearsAfter: 4 }] }],
};

const standard = (level: Level, requires?: EligibilityCondition[]): EligibilityRule =>
  requires ? { requires, paths: STANDARD_PATHS[level] } : { paths: STANDARD_PATHS[level] };

/**
 * Default 申报条件:
 * - 技工院校: own full-time students, for the levels the school may certify (五级, 四级);
 * - 社会培训评价组织: the standard's paths (work years, previous certificate, education);
 * - 用人单位: own staff who also meet the standard's paths.
 */
export const DEFAULT_ELIGIBILITY_RULES: EligibilityRules = {
  school: {
    5: { requires: [{ kind: 'ownFullTimeStudent' }], paths: [] },
    4: { requires: [{ kind: 'ownFullTimeStudent' }], paths: [] },
  },
  training: { 5: standard(5), 4: standard(4), 3: standard(3), 2: standard(2), 1: standard(1) },
  employer: {
    5: standard(5, [{ kind: 'ownEmployee' }]),
    4: standard(4, [{ kind: 'ownEmployee' }]),
    3: standard(3, [{ kind: 'ownEmployee' }]),
    2: standard(2, [{ kind: 'ownEmployee' }]),
    1: standard(1, [{ kind: 'ownEmployee' }]),
  },
};

/** Chinese wording of one condition, e.g. `取得本职业或相关职业四级/中级工证书后，累计从事本职业或相关职业工作5年（含）以上`. */
export function describeCondition(c: EligibilityCondition): string {
  switch (c.kind) {
    case 'ownFullTimeStudent':
      return '本校全日制在校学生';
    case 'ownEmployee':
      return '本单位在职职工';
    case 'workYears':
      return `累计从事本职业或相关职业工作${c.years}年（含）以上`;
    case 'certificate':
      return c.yearsAfter > 0
        ? `取得本职业或相关职业${LEVEL_NAMES[c.level]}证书后，累计从事本职业或相关职业工作${c.yearsAfter}年（含）以上`
        : `取得本职业或相关职业${LEVEL_NAMES[c.level]}证书`;
    case 'education':
      return `具有${c.anyOf.map(educationLabel).join('、')}${c.relatedMajor ? '本专业或相关专业' : ''}毕业证书（含在校应届毕业生）`;
    case 'apprenticeship':
      return '本职业或相关职业学徒期满';
    default: {
      const never: never = c;
      throw new Error(`unknown condition ${JSON.stringify(never)}`);
    }
  }
}

function pathLabel(p: EligibilityPath): string {
  return p.label ?? p.all.map(describeCondition).join('，并');
}

/** Why `c` is not met, or `null` if it is. */
function unmet(c: EligibilityCondition, f: EligibilityFacts, ctx: EligibilityContext): string | null {
  switch (c.kind) {
    case 'ownFullTimeStudent':
      return f.ownFullTimeStudent ? null : '不是本校全日制在校学生';
    case 'ownEmployee':
      return f.ownEmployee ? null : '不是本单位在职职工';
    case 'workYears':
      return f.workYears >= c.years ? null : `工作年限${f.workYears}年，不足${c.years}年`;
    case 'certificate': {
      const counts = (f.certificates ?? []).filter(
        (x) =>
          x.level <= c.level &&
          (x.occupationCode === f.occupationCode || (ctx.relatedOccupationCodes ?? []).includes(x.occupationCode)),
      );
      if (counts.length === 0) return `未取得本职业或相关职业${LEVEL_NAMES[c.level]}（或更高等级）证书`;
      // Years worked after the certificate cannot exceed the years since it was issued nor the total.
      const best = Math.max(...counts.map((x) => Math.min(fullYearsBetween(x.issuedOn, ctx.asOf), f.workYears)));
      return best >= c.yearsAfter ? null : `取得${LEVEL_NAMES[c.level]}证书后工作年限不足${c.yearsAfter}年`;
    }
    case 'education':
      if (f.education === null || !c.anyOf.includes(f.education)) {
        return `学历不符（需${c.anyOf.map(educationLabel).join('、')}）`;
      }
      return c.relatedMajor && !f.relatedMajor ? '所学专业与申报职业不相关' : null;
    case 'apprenticeship':
      return f.apprenticeshipCompleted ? null : '未满学徒期';
    default: {
      const never: never = c;
      throw new Error(`unknown condition ${JSON.stringify(never)}`);
    }
  }
}

/**
 * Is the candidate eligible for the level applied for at an organization of `ctx.orgType`?
 * Returns the basis (the first satisfied path, with the common requirements) or every reason why
 * not. Never throws.
 *
 * Example: a training-organization candidate for 三级 holding a 四级 certificate of the same
 * occupation issued 2019-06-30, 8 work years, judged on 2026-03-01 → eligible, basis
 * `取得本职业或相关职业四级/中级工证书后，累计从事本职业或相关职业工作5年（含）以上`.
 */
export function checkEligibility(
  candidate: EligibilityFacts,
  rules: EligibilityRules,
  ctx: EligibilityContext,
): EligibilityResult {
  const rule = rules[ctx.orgType][candidate.level];
  if (!rule) {
    return {
      eligible: false,
      basis: '',
      problems: [`${ORGANIZATION_TYPE_LABELS[ctx.orgType]}不受理${LEVEL_NAMES[candidate.level]}的申报`],
    };
  }
  const problems: string[] = [];
  for (const c of rule.requires ?? []) {
    const why = unmet(c, candidate, ctx);
    if (why) problems.push(why);
  }
  const common = (rule.requires ?? []).map(describeCondition);
  if (rule.paths.length === 0) {
    return problems.length > 0 ? { eligible: false, basis: '', problems } : { eligible: true, basis: common.join('；'), problems: [] };
  }
  const pathProblems: string[] = [];
  for (const [i, p] of rule.paths.entries()) {
    const whys = p.all.map((c) => unmet(c, candidate, ctx)).filter((x): x is string => x !== null);
    if (whys.length === 0) {
      if (problems.length > 0) return { eligible: false, basis: '', problems };
      return { eligible: true, basis: [...common, pathLabel(p)].join('；'), problems: [] };
    }
    pathProblems.push(`条件${i + 1}（${pathLabel(p)}）：${whys.join('，')}`);
  }
  return {
    eligible: false,
    basis: '',
    problems: [...problems, `不符合${LEVEL_NAMES[candidate.level]}的任何一项申报条件`, ...pathProblems],
  };
}
