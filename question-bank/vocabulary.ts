/**
 * The national vocabulary every module speaks (职业技能等级, 考核科目, 职业编码): fixed by national
 * rules (H in docs/domain), so constants here rather than configuration. One home for question-bank,
 * scoring and the server; the words an import file may use instead live in `formats/vocabulary.ts`.
 */
import type { Component, Level } from './types';

/** The five levels in the order official forms list them, lowest first: 五级 … 一级. */
export const LEVELS_LOW_TO_HIGH: readonly Level[] = [5, 4, 3, 2, 1];

/** Level names as printed on certificates, e.g. `LEVEL_NAMES[4] === '四级/中级工'`. */
export const LEVEL_NAMES: Readonly<Record<Level, string>> = {
  5: '五级/初级工',
  4: '四级/中级工',
  3: '三级/高级工',
  2: '二级/技师',
  1: '一级/高级技师',
};

/** Short level names used as column headers, e.g. `LEVEL_SHORT_NAMES[5] === '五级'`. */
export const LEVEL_SHORT_NAMES: Readonly<Record<Level, string>> = { 5: '五级', 4: '四级', 3: '三级', 2: '二级', 1: '一级' };

/**
 * True for the level codes 1..5. A level read from JSON, a form or the database may be anything, so
 * callers check with this before indexing the tables above. Example: `isLevel(4) === true`, `isLevel('4') === false`.
 */
export function isLevel(value: unknown): value is Level {
  return value === 1 || value === 2 || value === 3 || value === 4 || value === 5;
}

/** The assessment components in canonical order: 理论知识考试, 技能操作考核, 综合评审. */
export const COMPONENTS = ['theory', 'practical', 'review'] as const satisfies readonly Component[];

/** Component names as printed, e.g. `COMPONENT_NAMES.review === '综合评审'`. */
export const COMPONENT_NAMES: Readonly<Record<Component, string>> = {
  theory: '理论知识考试',
  practical: '技能操作考核',
  review: '综合评审',
};

/**
 * Components every candidate of `level` must take (H): 理论知识考试 and 技能操作考核 for all levels,
 * plus 综合评审 for 二级/技师 and 一级/高级技师. Returns a fresh array in canonical order; never fails.
 * Example: `requiredComponents(2)` → `['theory', 'practical', 'review']`.
 */
export function requiredComponents(level: Level): Component[] {
  return level <= 2 ? ['theory', 'practical', 'review'] : ['theory', 'practical'];
}

/** 职业编码 from the 《职业分类大典》: `d-dd-dd-dd`, e.g. `6-31-01-03` 电工. */
export const OCCUPATION_CODE_PATTERN = /^\d-\d{2}-\d{2}-\d{2}$/;

/** Evaluation organization types (认定机构类型): 技工院校, 社会培训评价组织, 用人单位/企业. */
export type OrganizationType = 'school' | 'training' | 'employer';

/** Chinese names of the organization types. */
export const ORGANIZATION_TYPE_LABELS: Readonly<Record<OrganizationType, string>> = {
  school: '技工院校',
  training: '社会培训评价组织',
  employer: '用人单位',
};
