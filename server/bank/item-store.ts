/**
 * Items in the database (table `items`): mapping rows to the domain `Item`, searching, inserting
 * imported drafts and revising items.
 *
 * Versioning: `item_uid` is the domain `Item.id`, stable across versions. An item used in a paper is
 * `locked` and never changed in place: a revision inserts version + 1 and moves `is_latest`, so every
 * paper keeps pointing at the exact text it was built with. Status (启用/停用), exposure and statistics
 * are bank bookkeeping, not content, and change in place.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Item, ItemDraft, ItemOption, ItemStatus, ItemType, Level } from '../../question-bank';
import type { Database, ItemTable } from '../db/schema';
import { NotFound, StateConflict } from '../errors';

export type ItemRow = Selectable<ItemTable>;

/** What the API shows of one item version. `id` is the row id (one version); `uid` is the item across versions. */
export interface PublicItem {
  id: number;
  uid: string;
  version: number;
  occupationId: number;
  level: number;
  type: ItemType;
  stem: string;
  options: ItemOption[];
  key: string[];
  reference: string | null;
  pointCode: string;
  difficulty: number;
  discrimination: number;
  statsN: number;
  exposure: number;
  enemyGroup: string | null;
  status: ItemStatus;
  locked: boolean;
  isLatest: boolean;
  createdAt: string;
}

/** The API view of a row. */
export function publicItem(r: ItemRow): PublicItem {
  return {
    id: r.id,
    uid: r.item_uid,
    version: r.version,
    occupationId: r.occupation_id,
    level: r.level,
    type: r.type as ItemType,
    stem: r.stem,
    options: JSON.parse(r.options_json) as ItemOption[],
    key: JSON.parse(r.key_json) as string[],
    reference: r.reference,
    pointCode: r.point_code,
    difficulty: r.difficulty,
    discrimination: r.discrimination,
    statsN: r.stats_n,
    exposure: r.exposure,
    enemyGroup: r.enemy_group,
    status: r.status as ItemStatus,
    locked: r.locked === 1,
    isLatest: r.is_latest === 1,
    createdAt: r.created_at,
  };
}

/** The domain item of a row (`occupationCode` is not stored on the row, so the caller passes it). */
export function toItem(r: ItemRow, occupationCode: string): Item {
  const item: Item = {
    id: r.item_uid,
    version: r.version,
    occupationCode,
    level: r.level as Level,
    type: r.type as ItemType,
    stem: r.stem,
    options: JSON.parse(r.options_json) as ItemOption[],
    key: JSON.parse(r.key_json) as string[],
    pointCode: r.point_code,
    difficulty: r.difficulty,
    discrimination: r.discrimination,
    statsN: r.stats_n,
    exposure: r.exposure,
    enemyGroup: r.enemy_group,
    status: r.status as ItemStatus,
  };
  if (r.reference !== null) item.reference = r.reference;
  return item;
}

/** Filters of the item list; all optional. `pointCode` matches a 鉴定点 or any range prefix (`A-B` → `A-B-…`). */
export interface ItemFilter {
  occupationId?: number;
  level?: number;
  type?: ItemType;
  pointCode?: string;
  status?: ItemStatus;
  /** Words in the stem (substring match). */
  q?: string;
  /** Include superseded versions too (default: latest only). */
  allVersions?: boolean;
}

/** `LIKE` pattern for a substring, with `%`, `_` and the escape char itself escaped (escape char `!`). */
function likeEscape(s: string): string {
  return s.replace(/[!%_]/g, (m) => `!${m}`);
}

function filtered(db: Kysely<Database>, f: ItemFilter) {
  let q = db.selectFrom('items');
  if (f.occupationId !== undefined) q = q.where('occupation_id', '=', f.occupationId);
  if (f.level !== undefined) q = q.where('level', '=', f.level);
  if (f.type !== undefined) q = q.where('type', '=', f.type);
  if (f.status !== undefined) q = q.where('status', '=', f.status);
  if (!f.allVersions) q = q.where('is_latest', '=', 1);
  if (f.pointCode) {
    const code = f.pointCode.trim().toUpperCase();
    q = q.where((eb) => eb.or([eb('point_code', '=', code), eb(sql<string>`point_code`, 'like', `${likeEscape(code)}-%`)]));
  }
  if (f.q && f.q.trim() !== '') {
    const pattern = `%${likeEscape(f.q.trim())}%`;
    q = q.where(sql<boolean>`stem LIKE ${pattern} ESCAPE '!'`);
  }
  return q;
}

/** One page of items (newest uid order is by point code then uid, which is how offices browse a bank). */
export async function searchItems(
  db: Kysely<Database>,
  f: ItemFilter,
  page: { page: number; pageSize: number },
): Promise<{ items: PublicItem[]; total: number }> {
  const count = await filtered(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await filtered(db, f)
    .selectAll()
    .orderBy('point_code')
    .orderBy('item_uid')
    .orderBy('version')
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  return { items: rows.map(publicItem), total: Number(count.n) };
}

/** One version by row id; throws `NotFound`. */
export async function loadItemRow(db: Kysely<Database>, id: number): Promise<ItemRow> {
  const row = await db.selectFrom('items').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFound('试题', id);
  return row;
}

/** Every version of an item, oldest first. */
export async function itemVersions(db: Kysely<Database>, uid: string): Promise<ItemRow[]> {
  return db.selectFrom('items').selectAll().where('item_uid', '=', uid).orderBy('version').execute();
}

/** Rows per page of `latestBank`: a few milliseconds of reading and mapping each on SQLite. */
const BANK_PAGE = 500;

/**
 * The latest version of every item of an occupation × level (the bank an assembly draws from, the
 * coverage view and exports), in id order, read in pages of `pageSize` rows with the event loop free
 * between pages. In one query, 20,000 items held the event loop 270–360 ms on SQLite (better-sqlite3
 * reads synchronously) and 80–115 ms on PostgreSQL (parsing and mapping the whole result at once):
 * long enough to delay every candidate's save in a running exam.
 * Example: `(await latestBank(db, 1, '6-31-01-03', 4)).length`.
 */
export async function latestBank(db: Kysely<Database>, occupationId: number, occupationCode: string, level: number, pageSize = BANK_PAGE): Promise<Item[]> {
  const out: Item[] = [];
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('items')
      .selectAll()
      .where('occupation_id', '=', occupationId)
      .where('level', '=', level)
      .where('is_latest', '=', 1)
      .where('id', '>', after)
      .orderBy('id')
      .limit(pageSize)
      .execute();
    for (const r of rows) out.push(toItem(r, occupationCode));
    if (rows.length < pageSize) return out;
    after = rows[rows.length - 1]!.id;
    // A macrotask, not just a microtask: sockets and timers run before the next page is read.
    await new Promise<void>((r) => setImmediate(r));
  }
}

/** Exact versions `uid@version` → row, for papers that pin versions. */
export async function pinnedRows(db: Kysely<Database>, pins: readonly { itemId: string; version: number }[]): Promise<Map<string, ItemRow>> {
  const out = new Map<string, ItemRow>();
  const uids = [...new Set(pins.map((p) => p.itemId))];
  for (let i = 0; i < uids.length; i += 500) {
    const rows = await db.selectFrom('items').selectAll().where('item_uid', 'in', uids.slice(i, i + 500)).execute();
    for (const r of rows) out.set(`${r.item_uid}@${r.version}`, r);
  }
  return out;
}

async function lockUidAllocation(trx: Kysely<Database>): Promise<void> {
  // Two imports into one occupation at once would otherwise pick the same sequence numbers on PostgreSQL.
  if (trx.getExecutor().adapter.constructor.name.startsWith('Postgres')) {
    await sql`SELECT pg_advisory_xact_lock(73100003)`.execute(trx);
  }
}

/**
 * Next free sequence number of `Q-<职业编码>-<等级>-NNNNN` uids. Uids start with a letter so they are valid
 * XML names and survive a QTI round trip as identifiers.
 */
async function nextSequence(trx: Kysely<Database>, occupationId: number, level: number): Promise<number> {
  const rows = await trx
    .selectFrom('items')
    .select('item_uid')
    .where('occupation_id', '=', occupationId)
    .where('level', '=', level)
    .where('is_latest', '=', 1)
    .execute();
  let max = 0;
  for (const r of rows) {
    const m = /-(\d+)$/.exec(r.item_uid);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return max + 1;
}

/** The uid of the `seq`-th item of an occupation × level, e.g. `Q-6-31-01-03-4-00017`. */
export function itemUid(occupationCode: string, level: number, seq: number): string {
  return `Q-${occupationCode}-${level}-${String(seq).padStart(5, '0')}`;
}

function draftValues(d: ItemDraft) {
  return {
    type: d.type,
    stem: d.stem,
    options_json: JSON.stringify(d.options),
    key_json: JSON.stringify(d.key),
    reference: d.reference ?? null,
    point_code: d.pointCode,
    difficulty: d.difficulty,
    discrimination: d.discrimination,
    enemy_group: d.enemyGroup,
    status: d.status,
  };
}

/**
 * Insert drafts as version 1 of new items, in the caller's transaction (all or nothing with it).
 * `statsN` gives the responses behind each draft's statistics (imports carry estimates: 0).
 * Returns the new rows in draft order.
 */
export async function insertDrafts(
  trx: Kysely<Database>,
  drafts: readonly ItemDraft[],
  target: { occupationId: number; occupationCode: string; level: number; userId: number | null; now: string },
  statsN?: readonly number[],
): Promise<ItemRow[]> {
  await lockUidAllocation(trx);
  let seq = await nextSequence(trx, target.occupationId, target.level);
  const values = drafts.map((d, i) => ({
    item_uid: itemUid(target.occupationCode, target.level, seq++),
    version: 1,
    occupation_id: target.occupationId,
    level: target.level,
    ...draftValues(d),
    stats_n: statsN?.[i] ?? 0,
    exposure: 0,
    locked: 0,
    is_latest: 1,
    created_by: target.userId,
    created_at: target.now,
  }));
  const out: ItemRow[] = [];
  // 21 columns per row: chunks of 400 stay under SQLite's and PostgreSQL's bound-parameter limits.
  for (let i = 0; i < values.length; i += 400) {
    out.push(...(await trx.insertInto('items').values(values.slice(i, i + 400)).returningAll().execute()));
  }
  return out;
}

/** Whether a revision changes what a candidate sees or how it is marked (then old statistics no longer apply). */
function contentChanged(before: ItemRow, d: ItemDraft): boolean {
  return (
    before.type !== d.type ||
    before.stem !== d.stem ||
    before.options_json !== JSON.stringify(d.options) ||
    before.key_json !== JSON.stringify(d.key) ||
    (before.reference ?? null) !== (d.reference ?? null)
  );
}

/**
 * Apply an edit to the latest version of an item. Unlocked: updated in place. Locked (used in a paper):
 * version + 1 is inserted with the edit, `is_latest` moves to it and the old version stays as papers pinned it.
 * Exposure carries over (candidates saw the item); statistics carry over only if the content did not change.
 * Throws `StateConflict('ITEM_NOT_LATEST')` when `before` is an old version.
 */
export async function reviseItem(
  trx: Kysely<Database>,
  before: ItemRow,
  d: ItemDraft,
  by: { userId: number | null; now: string },
): Promise<{ row: ItemRow; newVersion: boolean }> {
  if (before.is_latest !== 1) {
    throw new StateConflict('ITEM_NOT_LATEST', `只能修改试题的最新版本（第 ${before.version} 版已被新版本取代）`, { id: before.id });
  }
  const changed = contentChanged(before, d);
  if (before.locked !== 1) {
    const row = await trx
      .updateTable('items')
      .set({ ...draftValues(d), ...(changed ? { stats_n: 0 } : {}) })
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return { row, newVersion: false };
  }
  await trx.updateTable('items').set({ is_latest: 0 }).where('id', '=', before.id).execute();
  const row = await trx
    .insertInto('items')
    .values({
      item_uid: before.item_uid,
      version: before.version + 1,
      occupation_id: before.occupation_id,
      level: before.level,
      ...draftValues(d),
      stats_n: changed ? 0 : before.stats_n,
      exposure: before.exposure,
      locked: 0,
      is_latest: 1,
      created_by: by.userId,
      created_at: by.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { row, newVersion: true };
}

/** The draft an existing row corresponds to (the base an edit form starts from). */
export function rowDraft(r: ItemRow, occupationCode: string): ItemDraft {
  // A draft is the item minus what the bank assigns (identity, version, statistics count, exposure).
  const { id: _id, version: _version, statsN: _statsN, exposure: _exposure, ...draft } = toItem(r, occupationCode);
  return draft;
}
