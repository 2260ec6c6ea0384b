import type { FormLabel, ItemType } from '../../question-bank/types';

/**
 * Words printed on documents that only documents use. The national level and component names come
 * from `question-bank/vocabulary.ts` through `scoring` (`levelName`, `componentName`), the 工种 rule from
 * `scoring` (`workTypeText`), so a certificate, a roster and a door list cannot disagree.
 */

/** Item type section title as printed on papers, e.g. `itemTypeName('single')` → `单项选择题`. */
export function itemTypeName(type: ItemType): string {
  switch (type) {
    case 'judge':
      return '判断题';
    case 'single':
      return '单项选择题';
    case 'multi':
      return '多项选择题';
    case 'subjective':
      return '主观题';
    default: {
      const never: never = type;
      throw new Error(`unknown item type ${String(never)}`);
    }
  }
}

/** `A` → `A卷`. */
export function formName(form: FormLabel): string {
  return `${form}卷`;
}

/** `电工` + `--`/`高压电工` → `电工（高压电工）`; no parentheses when there is no 工种. */
export function occupationWithWorkType(occupationName: string, workType: string | null | undefined): string {
  const t = workType?.trim();
  return t ? `${occupationName}（${t}）` : occupationName;
}

/**
 * Mask the middle of an ID number for lists pinned on doors or passed around a room
 * (`11010519491231002X` → `1101**********002X`). Short numbers keep only their first and last character.
 * Not the publicity mask (`maskIdNumber` in scoring, `110105********002X`): a sheet lying open on a desk
 * shows less, hence its own name.
 */
export function maskIdNumberForRoom(idNumber: string): string {
  const s = idNumber.trim();
  if (s.length >= 9) return s.slice(0, 4) + '*'.repeat(s.length - 8) + s.slice(-4);
  if (s.length <= 2) return '*'.repeat(s.length);
  return s[0] + '*'.repeat(s.length - 2) + s[s.length - 1];
}

const CHINESE_ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** Section ordinal `0` → `一`, used for paper sections (一、判断题). Beyond ten falls back to digits. */
export function chineseOrdinal(index: number): string {
  return CHINESE_ORDINALS[index] ?? String(index + 1);
}

/** Marks without float noise: `0.5` → `0.5`, `80` → `80`, `0.1 + 0.2` → `0.3`. */
export function formatMarks(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/** `2024-06-15` → `2024年06月15日`; anything else is printed unchanged. */
export function chineseDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim());
  return m ? `${m[1]}年${m[2]}月${m[3]}日` : date;
}
