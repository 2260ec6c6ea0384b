/**
 * 文化程度 (highest education) as recorded for a candidate. The codes are ordered so that a rule can
 * say "大专及以上" as `atLeast: 'juniorCollege'`.
 */

/** Education level codes, lowest first (see `EDUCATION_LEVELS` for the Chinese names). */
export type Education =
  | 'juniorHighOrBelow'
  | 'seniorHigh'
  | 'secondaryVocational'
  | 'technicalSchool'
  | 'seniorTechnicalSchool'
  | 'technicianCollege'
  | 'juniorCollege'
  | 'bachelor'
  | 'master'
  | 'doctor';

/** Education levels in ascending order with their Chinese names (the values import files use). */
export const EDUCATION_LEVELS: readonly { code: Education; label: string }[] = [
  { code: 'juniorHighOrBelow', label: '初中及以下' },
  { code: 'seniorHigh', label: '高中' },
  { code: 'secondaryVocational', label: '中专/职高' },
  { code: 'technicalSchool', label: '技工学校' },
  { code: 'seniorTechnicalSchool', label: '高级技工学校' },
  { code: 'technicianCollege', label: '技师学院' },
  { code: 'juniorCollege', label: '大专' },
  { code: 'bachelor', label: '本科' },
  { code: 'master', label: '硕士研究生' },
  { code: 'doctor', label: '博士研究生' },
];

/** Other ways people write the same levels. */
const ALIASES: Readonly<Record<string, Education>> = {
  初中: 'juniorHighOrBelow',
  小学: 'juniorHighOrBelow',
  小学及以下: 'juniorHighOrBelow',
  普通高中: 'seniorHigh',
  中专: 'secondaryVocational',
  职高: 'secondaryVocational',
  中职: 'secondaryVocational',
  中技: 'technicalSchool',
  技校: 'technicalSchool',
  高级技校: 'seniorTechnicalSchool',
  高技: 'seniorTechnicalSchool',
  高职: 'juniorCollege',
  专科: 'juniorCollege',
  大学专科: 'juniorCollege',
  大学本科: 'bachelor',
  研究生: 'master',
  硕士: 'master',
  博士: 'doctor',
};

/** Rank for comparisons ("大专及以上"). Technical-school tracks rank with the general track they parallel. */
export function educationRank(e: Education): number {
  return EDUCATION_LEVELS.findIndex((x) => x.code === e);
}

/** Chinese name of an education level. */
export function educationLabel(e: Education): string {
  return EDUCATION_LEVELS.find((x) => x.code === e)!.label;
}

/** Read an education cell: code, Chinese name or common alias (`中专`, `高职`, `研究生`). `null` if unknown. */
export function parseEducation(raw: unknown): Education | null {
  if (typeof raw !== 'string') return null;
  const s = raw.trim().replace(/\s+/g, '');
  const hit = EDUCATION_LEVELS.find((x) => x.code === s || x.label === s);
  return hit ? hit.code : (ALIASES[s] ?? null);
}
