/**
 * Batch planning (认定计划) rules: may this organization plan this occupation × 工种 × level with
 * these components?
 */
import type { Component, Level } from '../../../question-bank/types';
import { COMPONENT_NAMES, COMPONENTS, LEVEL_NAMES, requiredComponents } from '../../../question-bank/vocabulary';
import { BatchEntryRefused } from './errors';
import {
  isOccupationCode,
  normaliseWorkType,
  ORGANIZATION_TYPE_LABELS,
  type Occupation,
  type Organization,
  type OrganizationType,
} from './organization';

/**
 * Levels each organization type may certify. Technical schools: 五级 and 四级 (Nanchang notice, H);
 * some provinces let 技师学院 go higher — change the data, not the code.
 */
export type LevelPolicy = Readonly<Record<OrganizationType, readonly Level[]>>;

/** Default level policy. */
export const LEVEL_POLICY: LevelPolicy = {
  school: [5, 4],
  training: [5, 4, 3, 2, 1],
  employer: [5, 4, 3, 2, 1],
};

/** One line of a batch plan as requested by the office. */
export interface BatchEntryRequest {
  org: Organization;
  occupation: Occupation;
  /** 工种; blank/`--` = none. */
  workType?: string | null;
  level: Level;
  components: readonly Component[];
  /**
   * A 补考 (retake) sitting may hold only the components candidates failed: any non-empty subset of
   * the level's components. Otherwise every required component must be planned.
   */
  retake?: boolean;
}

/** A batch entry accepted by `checkBatchEntry`, components in canonical order. */
export interface BatchEntry {
  occupationCode: string;
  workType: string | null;
  level: Level;
  components: Component[];
}


/**
 * Check one planned entry and return it normalised. Refusals, in this order, throw
 * `BatchEntryRefused` with code:
 * - `OCCUPATION_CODE_INVALID`: code is not `d-dd-dd-dd`;
 * - `OCCUPATION_LICENSING`: 准入类 occupation (国家职业资格目录), excluded from 等级认定;
 * - `OUT_OF_SCOPE`: occupation, 工种 or level not in the organization's registered scope;
 * - `WORK_TYPE_UNKNOWN`: 工种 not defined for the occupation, or missing for one divided into 工种;
 * - `LEVEL_NOT_OFFERED`: the occupation's standard has no such level;
 * - `LEVEL_NOT_ALLOWED`: the organization type may not certify the level (`policy`);
 * - `COMPONENTS_INVALID`: theory and practical missing, or 综合评审 missing (二级/一级) or present (五–三级).
 *
 * Example: `checkBatchEntry({ org: school, occupation: electrician, level: 3, components: ['theory', 'practical'] })`
 * throws `LEVEL_NOT_ALLOWED` “技工院校只能认定五级/初级工、四级/中级工，不能认定三级/高级工”.
 */
export function checkBatchEntry(req: BatchEntryRequest, policy: LevelPolicy = LEVEL_POLICY): BatchEntry {
  const { org, occupation, level } = req;
  const workType = normaliseWorkType(req.workType);
  const occ = `${occupation.name}（${occupation.code}）`;
  const details = { orgId: org.id, occupationCode: occupation.code, workType, level };

  if (!isOccupationCode(occupation.code)) {
    throw new BatchEntryRefused('OCCUPATION_CODE_INVALID', `职业编码“${occupation.code}”格式不正确，应为“6-31-01-03”这样的格式`, details);
  }
  if (occupation.licensing) {
    throw new BatchEntryRefused(
      'OCCUPATION_LICENSING',
      `${occ}是准入类职业（列入国家职业资格目录），不能纳入职业技能等级认定`,
      details,
    );
  }
  const scope = org.scope.find((s) => s.occupationCode === occupation.code);
  if (!scope) {
    throw new BatchEntryRefused('OUT_OF_SCOPE', `${occ}不在${org.name}备案的认定职业范围内`, details);
  }
  const known = occupation.workTypes ?? [];
  if (workType !== null && !known.includes(workType)) {
    const hint = known.length > 0 ? `，可选：${known.join('、')}` : '，该职业不分工种';
    throw new BatchEntryRefused('WORK_TYPE_UNKNOWN', `${occ}没有“${workType}”这个工种${hint}`, details);
  }
  if (workType === null && known.length > 0) {
    // An occupation divided into 工种 is assessed per 工种 (its own papers and certificate line).
    const options = scope.workTypes && scope.workTypes.length > 0 ? scope.workTypes : known;
    throw new BatchEntryRefused('WORK_TYPE_UNKNOWN', `${occ}分工种认定，须指定工种，可选：${options.join('、')}`, details);
  }
  if (workType !== null && scope.workTypes && !scope.workTypes.includes(workType)) {
    throw new BatchEntryRefused('OUT_OF_SCOPE', `${occ}的“${workType}”工种不在${org.name}备案范围内`, details);
  }
  if (!occupation.levels.includes(level)) {
    const offered = occupation.levels.map((l) => LEVEL_NAMES[l]).join('、');
    throw new BatchEntryRefused('LEVEL_NOT_OFFERED', `${occ}的国家职业标准没有${LEVEL_NAMES[level]}，只设${offered}`, details);
  }
  const allowed = policy[org.type];
  if (!allowed.includes(level)) {
    const list = allowed.map((l) => LEVEL_NAMES[l]).join('、');
    throw new BatchEntryRefused(
      'LEVEL_NOT_ALLOWED',
      `${ORGANIZATION_TYPE_LABELS[org.type]}只能认定${list}，不能认定${LEVEL_NAMES[level]}`,
      { ...details, allowed },
    );
  }
  if (scope.levels && !scope.levels.includes(level)) {
    throw new BatchEntryRefused('OUT_OF_SCOPE', `${org.name}备案的${occ}不含${LEVEL_NAMES[level]}`, details);
  }

  const components = COMPONENTS.filter((c) => req.components.includes(c));
  const required = requiredComponents(level);
  const extra = components.filter((c) => !required.includes(c));
  if (extra.length > 0) {
    throw new BatchEntryRefused(
      'COMPONENTS_INVALID',
      `${LEVEL_NAMES[level]}不设${extra.map((c) => COMPONENT_NAMES[c]).join('、')}（综合评审仅用于二级/技师、一级/高级技师）`,
      { ...details, components },
    );
  }
  const missing = required.filter((c) => !components.includes(c));
  if (req.retake ? components.length === 0 : missing.length > 0) {
    const text = req.retake ? '补考至少安排一个考核科目' : `${LEVEL_NAMES[level]}必须安排${missing.map((c) => COMPONENT_NAMES[c]).join('、')}`;
    throw new BatchEntryRefused('COMPONENTS_INVALID', text, { ...details, components, required });
  }
  return { occupationCode: occupation.code, workType, level, components };
}
