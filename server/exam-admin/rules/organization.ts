/**
 * 认定机构 (evaluation organization) and 职业 (occupation) as the rules see them: plain data the
 * server loads from the database and passes in.
 */
import type { Level } from '../../../question-bank/types';
import { OCCUPATION_CODE_PATTERN, type OrganizationType } from '../../../question-bank/vocabulary';

export { ORGANIZATION_TYPE_LABELS, type OrganizationType } from '../../../question-bank/vocabulary';

/**
 * One line of an organization's registered (备案) scope: an occupation, optionally restricted to
 * some 工种 and levels. `workTypes`/`levels` absent = all of the occupation's.
 */
export interface ScopeEntry {
  occupationCode: string;
  workTypes?: readonly string[];
  levels?: readonly Level[];
}

/** An evaluation organization (认定机构) with its registered scope. */
export interface Organization {
  id: string;
  name: string;
  type: OrganizationType;
  /** 统一社会信用代码. */
  uscc?: string;
  scope: readonly ScopeEntry[];
}

/**
 * An occupation of the 职业分类大典 as configured in the system: the levels its national standard
 * defines (育婴员 only 5–3), its named 工种 if any, and whether it is a 准入类 (licensing) occupation
 * in the 国家职业资格目录 — those are excluded from 等级认定.
 */
export interface Occupation {
  /** 职业编码 `d-dd-dd-dd`, e.g. `6-31-01-03`. */
  code: string;
  name: string;
  levels: readonly Level[];
  /** Named 工种; empty or absent = the occupation has none. */
  workTypes?: readonly string[];
  licensing: boolean;
}

/** True if `code` has the 职业编码 shape, e.g. `isOccupationCode('6-31-01-03') === true`. */
export function isOccupationCode(code: string): boolean {
  return OCCUPATION_CODE_PATTERN.test(code);
}

/**
 * Read a 工种 cell: blank, `--`, `—`, `－－` or `无` all mean "no 工种" (`null`), as certificates
 * print an absent 工种 as `--`.
 */
export function normaliseWorkType(raw: unknown): string | null {
  const s = raw === null || raw === undefined ? '' : String(raw).trim();
  if (s === '' || /^[-—－–]+$/.test(s) || s === '无') return null;
  return s;
}
