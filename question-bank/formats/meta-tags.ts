import { POINT_CODE_PATTERN, type DraftSource } from './item-draft';

/**
 * How Moodle XML and GIFT carry what they have no field for. Documented choice:
 * - 鉴定点: a tag `鉴定点:A-B-001` (or `pointCode:…`, or a bare tag that is itself a point code) wins;
 *   otherwise the last segment of the category path (`$course$/top/电工四级/A-B-001`) when it is a point code.
 *   A tag is per question and survives moving questions between categories, hence its precedence.
 * - 难度, 区分度, 互斥组, 状态: tags `难度:0.7`, `区分度:0.35`, `互斥组:G1`, `状态:草稿` (English names too).
 * Other tags are the office's own and are ignored.
 */
export type MetaFields = Pick<DraftSource, 'pointCode' | 'difficulty' | 'discrimination' | 'enemyGroup' | 'status'>;

const TAG_FIELDS: Record<string, keyof MetaFields> = {
  鉴定点: 'pointCode', pointcode: 'pointCode',
  难度: 'difficulty', difficulty: 'difficulty',
  区分度: 'discrimination', discrimination: 'discrimination',
  互斥组: 'enemyGroup', enemygroup: 'enemyGroup',
  状态: 'status', status: 'status',
};

/** Fields named by a question's tags. Example: `metaFromTags(['难度:0.7', 'A-B-001'])` → `{ difficulty: '0.7', pointCode: 'A-B-001' }`. */
export function metaFromTags(tags: readonly string[]): MetaFields {
  const meta: MetaFields = {};
  for (const raw of tags) {
    const tag = raw.normalize('NFKC').trim();
    const m = /^([^:]+):(.*)$/.exec(tag);
    const field = m === null ? undefined : TAG_FIELDS[m[1]!.trim().toLowerCase()];
    if (m !== null && field !== undefined) meta[field] = m[2]!.trim();
    else if (POINT_CODE_PATTERN.test(tag.toUpperCase())) meta.pointCode ??= tag.toUpperCase();
  }
  return meta;
}

/** Tags that carry `item`'s fields, for the exporters (inverse of `metaFromTags`). */
export function tagsFromItem(item: { pointCode: string; difficulty: number; discrimination: number; enemyGroup: string | null; status: string }): string[] {
  const tags = [`鉴定点:${item.pointCode}`, `难度:${item.difficulty}`, `区分度:${item.discrimination}`];
  if (item.enemyGroup !== null) tags.push(`互斥组:${item.enemyGroup}`);
  tags.push(`状态:${item.status}`);
  return tags;
}

/**
 * 鉴定点 from a Moodle category path: the last segment when it is a point code. Moodle writes a `/` inside a
 * category name as `//`, so only single slashes separate segments.
 * Example: `pointCodeFromCategory('$course$/top/电工/A-B-001')` → `'A-B-001'`.
 */
export function pointCodeFromCategory(path: string): string | undefined {
  const segments = path.split(/(?<!\/)\/(?!\/)/).map((s) => s.normalize('NFKC').trim().toUpperCase()).filter((s) => s !== '');
  const last = segments[segments.length - 1];
  return last !== undefined && POINT_CODE_PATTERN.test(last) ? last : undefined;
}
