import type { ItemStatus, ItemType } from '../types';

/**
 * Words the exam office writes for item types, statuses and judge answers, in any format.
 * Everything is matched after NFKC (full-width → half-width) and lower-casing.
 */

/** NFKC + trim + lower-case: `'Ｔ'` → `'t'`, `' 单选题 '` → `'单选题'`. */
export function fold(text: string): string {
  return text.normalize('NFKC').trim().toLowerCase();
}

const TYPE_WORDS: Record<string, ItemType> = {
  判断: 'judge', 判断题: 'judge', 是非题: 'judge', 对错题: 'judge', judge: 'judge', truefalse: 'judge', tf: 'judge',
  单选: 'single', 单选题: 'single', 单项选择: 'single', 单项选择题: 'single', single: 'single',
  多选: 'multi', 多选题: 'multi', 多项选择: 'multi', 多项选择题: 'multi', multi: 'multi', multiple: 'multi',
  简答: 'subjective', 简答题: 'subjective', 计算: 'subjective', 计算题: 'subjective', 论述: 'subjective',
  论述题: 'subjective', 问答: 'subjective', 问答题: 'subjective', 主观: 'subjective', 主观题: 'subjective',
  subjective: 'subjective', essay: 'subjective',
};

/** Item type from a Chinese or English word (`'单选题'`, `'多选'`, `'judge'`); undefined when unknown. */
export function parseItemType(text: string): ItemType | undefined {
  return TYPE_WORDS[fold(text).replace(/\s+/g, '')];
}

/** The Chinese name written in exported files and the template. */
export function itemTypeName(type: ItemType): string {
  switch (type) {
    case 'judge':
      return '判断题';
    case 'single':
      return '单选题';
    case 'multi':
      return '多选题';
    case 'subjective':
      return '简答题';
    default: {
      const never: never = type;
      return never;
    }
  }
}

/** Accepted type words, for error messages. */
export const ITEM_TYPE_HELP = '判断、单选、多选、简答（或 计算、论述）';

const STATUS_WORDS: Record<string, ItemStatus> = {
  active: 'active', 启用: 'active', 在用: 'active', 正常: 'active', 有效: 'active',
  draft: 'draft', 草稿: 'draft', 待审: 'draft', 待审核: 'draft',
  retired: 'retired', 停用: 'retired', 作废: 'retired', 退役: 'retired', 禁用: 'retired',
};

/** Item status from `启用/草稿/停用` or `active/draft/retired`; undefined when unknown. */
export function parseItemStatus(text: string): ItemStatus | undefined {
  return STATUS_WORDS[fold(text)];
}

/** The Chinese status word written in exported files. */
export function itemStatusName(status: ItemStatus): string {
  switch (status) {
    case 'active':
      return '启用';
    case 'draft':
      return '草稿';
    case 'retired':
      return '停用';
    default: {
      const never: never = status;
      return never;
    }
  }
}

const JUDGE_WORDS: Record<string, 'T' | 'F'> = {
  对: 'T', 正确: 'T', t: 'T', true: 'T', '√': 'T', '✓': 'T', '✔': 'T', 是: 'T', y: 'T',
  错: 'F', 错误: 'F', f: 'F', false: 'F', '×': 'F', x: 'F', '✗': 'F', '✘': 'F', 否: 'F', n: 'F',
};

/** Judge answer from 对/错, 正确/错误, T/F, TRUE/FALSE, √/×; undefined when unknown. */
export function parseJudgeAnswer(text: string): 'T' | 'F' | undefined {
  return JUDGE_WORDS[fold(text)];
}

/** The fixed options of every 判断题. */
export const JUDGE_OPTIONS = [
  { label: 'T', text: '正确' },
  { label: 'F', text: '错误' },
] as const;

/** Option labels A–H: the most any format (and the xlsx template) carries. */
export const OPTION_LABELS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'] as const;
