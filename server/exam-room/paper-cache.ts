/**
 * Papers as the exam room serves them. A paper's content (stems and option texts, canonical order) is
 * the same for every candidate, so it is built once per paper and kept as a JSON string; each candidate
 * only gets their own order on top. The marking data (`key`, `marks`, option `fraction`, `reference`)
 * stays in `paper` on the server and is never copied into `json`.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { Paper } from '../../question-bank/types';
import { candidateOrder } from '../../question-bank/candidate-order';
import type { CandidateOrderView, ItemView, PaperView, RoomItemType } from '../realtime/contract';
import { RoomRefused } from './errors';

/** A paper ready to serve. */
export interface LoadedPaper {
  paperId: number;
  /** Server-only: the pinned paper with keys and marks. */
  paper: Paper;
  /** Content hash: the client skips the download when it already holds this key. */
  key: string;
  /** JSON of `PaperView` — no keys, marks or reference answers. */
  json: string;
  /** The same as UTF-8 bytes, sent as a binary attachment (no JSON escaping per candidate). */
  bytes: Buffer;
  /** Item key → index in `paper.items`. */
  index: Map<string, number>;
  /** Allowed answer labels per item (canonical); empty for subjective items. */
  labels: string[][];
  types: RoomItemType[];
}

const JUDGE_OPTIONS = [
  { label: 'T', text: '正确' },
  { label: 'F', text: '错误' },
];

/** Item key as responses store it. */
export const itemKeyOf = (pin: { itemId: string; version: number }): string => `${pin.itemId}@${pin.version}`;

/**
 * Build the served form of a paper from its pins and the pinned item rows. Fails with `NO_PAPER` when a
 * pinned item version is missing from the bank (the paper cannot be shown as built).
 */
export function buildLoadedPaper(
  paperId: number,
  paper: Paper,
  rows: ReadonlyMap<string, { stem: string; options_json: string }>,
): LoadedPaper {
  const items: ItemView[] = [];
  const index = new Map<string, number>();
  const labels: string[][] = [];
  const types: RoomItemType[] = [];
  paper.items.forEach((pin, i) => {
    const id = itemKeyOf(pin);
    const row = rows.get(id);
    if (!row) throw new RoomRefused('NO_PAPER', `试卷中的试题 ${id} 在题库中不存在，无法开考`, { item: id });
    const stored = JSON.parse(row.options_json) as { label: string; text: string }[];
    // Only label and text leave the server: an imported option may carry a partial-credit `fraction`.
    let options = stored.map((o) => ({ label: String(o.label), text: String(o.text) }));
    if (pin.type === 'judge' && options.length === 0) options = JUDGE_OPTIONS.map((o) => ({ ...o }));
    if (pin.type === 'subjective') options = [];
    items.push({ id, type: pin.type, stem: row.stem, options });
    index.set(id, i);
    // The same rule as scoring: the pinned labels, or T/F for a judge item pinned without labels.
    labels.push(pin.type === 'subjective' ? [] : pin.optionLabels.length > 0 ? pin.optionLabels.slice() : options.map((o) => o.label));
    types.push(pin.type);
  });
  const view: PaperView = { items };
  const json = JSON.stringify(view);
  const key = createHash('sha256').update(json).digest('hex').slice(0, 16);
  return { paperId, paper, key, json, bytes: Buffer.from(json, 'utf8'), index, labels, types };
}

/** Load a paper and its pinned item versions from the database. */
export async function loadPaper(db: Kysely<Database>, paperId: number): Promise<LoadedPaper> {
  const row = await db.selectFrom('papers').select(['id', 'content_json']).where('id', '=', paperId).executeTakeFirst();
  if (!row) throw new RoomRefused('NO_PAPER', `试卷不存在（编号 ${paperId}）`);
  const paper = JSON.parse(row.content_json) as Paper;
  const uids = [...new Set(paper.items.map((p) => p.itemId))];
  const rows = new Map<string, { stem: string; options_json: string }>();
  for (let i = 0; i < uids.length; i += 500) {
    const found = await db
      .selectFrom('items')
      .select(['item_uid', 'version', 'stem', 'options_json'])
      .where('item_uid', 'in', uids.slice(i, i + 500))
      .execute();
    for (const r of found) rows.set(`${r.item_uid}@${r.version}`, r);
  }
  return buildLoadedPaper(paperId, paper, rows);
}

/** One loaded paper per id for the life of the process (papers never change once released). */
export class PaperCache {
  readonly #papers = new Map<number, Promise<LoadedPaper>>();

  constructor(private readonly db: Kysely<Database>) {}

  /** The served paper; a failed load is not cached, so a fixed paper loads on the next try. */
  get(paperId: number): Promise<LoadedPaper> {
    let p = this.#papers.get(paperId);
    if (!p) {
      p = loadPaper(this.db, paperId);
      this.#papers.set(paperId, p);
      p.catch(() => this.#papers.delete(paperId));
    }
    return p;
  }
}

/** The candidate's display order for a served paper (reproducible from the stored seed). */
export function orderView(p: LoadedPaper, seed: string): CandidateOrderView {
  const o = candidateOrder(p.paper, seed);
  return {
    items: o.itemOrder,
    options: o.optionOrder.map((labels, j) => (p.types[j] === 'judge' && labels.length === 0 ? JUDGE_OPTIONS.map((x) => x.label) : labels)),
  };
}
