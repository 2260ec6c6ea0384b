import type { Component, FormLabel, ItemType, Level } from '../../question-bank/types';

/**
 * Display names printed on every document. The five level names and three component names are fixed by
 * national rules (H in docs), so they are constants here, not configuration.
 */

/** 等级 name as printed, e.g. `levelName(4)` → `四级/中级工`. */
export function levelName(level: Level): string {
  switch (level) {
    case 5:
      return '五级/初级工';
    case 4:
      return '四级/中级工';
    case 3:
      return '三级/高级工';
    case 2:
      return '二级/技师';
    case 1:
      return '一级/高级技师';
    default: {
      const never: never = level;
      throw new Error(`unknown level ${String(never)}`);
    }
  }
}

/** Short level label used in table headers, e.g. `levelShort(5)` → `五级`. */
export function levelShort(level: Level): string {
  return levelName(level).split('/')[0]!;
}

/** Levels in the order official forms list them: 五级 … 一级. */
export const LEVELS_ASCENDING: readonly Level[] = [5, 4, 3, 2, 1];

/** Component name as printed, e.g. `componentName('theory')` → `理论知识考试`. */
export function componentName(component: Component): string {
  switch (component) {
    case 'theory':
      return '理论知识考试';
    case 'practical':
      return '技能操作考核';
    case 'review':
      return '综合评审';
    default: {
      const never: never = component;
      throw new Error(`unknown component ${String(never)}`);
    }
  }
}

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

/** 工种 as printed: the certificate rule writes an absent 工种 as `--`. */
export function workTypeText(workType: string | null | undefined): string {
  const t = workType?.trim();
  return t ? t : '--';
}

/** `电工` + `--`/`高压电工` → `电工（高压电工）`; no parentheses when there is no 工种. */
export function occupationWithWorkType(occupationName: string, workType: string | null | undefined): string {
  const t = workType?.trim();
  return t ? `${occupationName}（${t}）` : occupationName;
}

/**
 * Mask the middle of an ID number for lists pinned on doors or passed around a room
 * (`11010519491231002X` → `1101**********002X`). Short numbers keep only their first and last character.
 */
export function maskIdNumber(idNumber: string): string {
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
