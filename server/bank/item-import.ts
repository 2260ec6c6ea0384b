/**
 * Importing a file of items into one occupation × level: a dry run that shows what would be written (or every
 * row error, in Chinese), and the commit, which parses the same file again and writes all items in one
 * transaction — nothing at all when any row is wrong. Parsing, limits and formats are the upload and format
 * modules' (`parseItemFile`); this module adds the bank's view: counts, samples, and warnings against the
 * blueprint and the items already in the bank.
 */
import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { blueprintPoints, type ItemDraft, type ItemFileFormat, type ItemType, type Level } from '../../question-bank';
import type { Database } from '../db/schema';
import { ValidationFailed } from '../errors';
import { zodProblems } from '../http/validate';
import { findBlueprint, toBlueprint } from './blueprint-store';
import { parseItemFile } from './item-file';
import { occupationFor, type OccupationRef } from './lookups';

/** The multipart fields of an import request. */
const importFields = z.object({
  occupationId: z.coerce.number().int().positive().max(2_147_483_647),
  level: z.coerce.number().int().min(1).max(5),
});

/** A file upload read from a multipart request, with its target. */
export interface ImportUpload {
  filename: string;
  bytes: Uint8Array;
  occupation: OccupationRef;
  level: Level;
}

/**
 * Read `file`, `occupationId` and `level` from a multipart form. A request without a file (or not multipart at
 * all) is `ValidationFailed` naming the field, never a server error.
 */
export async function readImportUpload(c: Context, db: Kysely<Database>): Promise<ImportUpload> {
  const body = await c.req.parseBody();
  const file = body['file'];
  const fields = importFields.safeParse({ occupationId: body['occupationId'], level: body['level'] });
  const problems = fields.success ? [] : zodProblems(fields.error);
  if (!(file instanceof File)) problems.unshift({ field: 'file', problem: '请选择要导入的文件' });
  if (problems.length > 0 || !fields.success || !(file instanceof File)) throw new ValidationFailed(problems);
  const occupation = await occupationFor(db, fields.data.occupationId, fields.data.level);
  return { filename: file.name, bytes: new Uint8Array(await file.arrayBuffer()), occupation, level: fields.data.level as Level };
}

/** Parse an upload into drafts (all limits and row checks of the format modules apply). */
export async function parseUpload(u: ImportUpload): Promise<{ format: ItemFileFormat; items: ItemDraft[] }> {
  return parseItemFile({ filename: u.filename, bytes: u.bytes }, { occupationCode: u.occupation.code, level: u.level });
}

/** What the dry run shows. */
export interface ImportPreview {
  format: ItemFileFormat;
  filename: string;
  total: number;
  byType: Record<ItemType, number>;
  byPoint: { pointCode: string; count: number; inBlueprint: boolean | null }[];
  /** The first rows as they will be stored. */
  sample: ItemDraft[];
  /** Things worth a look that do not stop the import. */
  warnings: string[];
}

const squash = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

/**
 * The dry-run view of parsed drafts: counts per type and 鉴定点, the first 10 items, and warnings — 鉴定点 not
 * in the blueprint (such items are never drawn into a paper) and stems already in the bank.
 */
export async function previewImport(db: Kysely<Database>, u: ImportUpload, parsed: { format: ItemFileFormat; items: ItemDraft[] }): Promise<ImportPreview> {
  const byType: Record<ItemType, number> = { judge: 0, single: 0, multi: 0, subjective: 0 };
  const points = new Map<string, number>();
  for (const d of parsed.items) {
    byType[d.type]++;
    points.set(d.pointCode, (points.get(d.pointCode) ?? 0) + 1);
  }
  const bpRow = await findBlueprint(db, u.occupation.id, u.level, 'theory');
  const known = bpRow ? blueprintPoints(toBlueprint(bpRow, u.occupation.code)) : null;
  const warnings: string[] = [];
  const byPoint = [...points.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([pointCode, count]) => ({ pointCode, count, inBlueprint: known === null ? null : known.has(pointCode) }));
  const unknown = byPoint.filter((p) => p.inBlueprint === false);
  if (known === null) warnings.push(`${u.occupation.name} ${u.level} 级尚无鉴定要素细目表，无法核对鉴定点`);
  if (unknown.length > 0) {
    const n = unknown.reduce((s, p) => s + p.count, 0);
    warnings.push(`${n} 道题的鉴定点不在细目表中（${unknown.slice(0, 8).map((p) => p.pointCode).join('、')}${unknown.length > 8 ? '…' : ''}），组卷时不会被选用`);
  }
  const existing = await db
    .selectFrom('items')
    .select('stem')
    .where('occupation_id', '=', u.occupation.id)
    .where('level', '=', u.level)
    .where('is_latest', '=', 1)
    .execute();
  const stems = new Set(existing.map((r) => squash(r.stem)));
  const dup = parsed.items.filter((d) => stems.has(squash(d.stem))).length;
  if (dup > 0) warnings.push(`${dup} 道题的题干与题库中已有试题相同，导入后会成为新题（如为重复导入请取消）`);
  return { format: parsed.format, filename: u.filename, total: parsed.items.length, byType, byPoint, sample: parsed.items.slice(0, 10), warnings };
}

/** Chinese names of the formats, for messages and the audit trail. */
export const FORMAT_NAMES: Record<ItemFileFormat, string> = {
  xlsx: 'Excel',
  csv: 'CSV',
  json: 'JSON',
  'moodle-xml': 'Moodle XML',
  'qti3-item': 'QTI 3.0 单题',
  'qti3-package': 'QTI 3.0 题目包',
  gift: 'GIFT',
};
