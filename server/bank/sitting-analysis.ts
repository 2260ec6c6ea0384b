/**
 * 试题分析 after a sitting: the submitted attempts of one paper in one sitting are graded item by item
 * (the scoring module's `gradeItem`, with the paper's multiple-choice rule) and handed to the domain's
 * classical analysis; applying it merges p and discrimination into the bank, weighted by the responses.
 */
import type { Kysely } from 'kysely';
import {
  analyseSitting,
  updateItemStatistics,
  type CandidateResponses,
  type Paper,
  type SittingAnalysis,
} from '../../question-bank';
import { gradeItem, itemKey, type ItemResponse } from '../../scoring';
import type { Database } from '../db/schema';
import { StateConflict } from '../errors';
import { pinnedRows, toItem, type ItemRow } from './item-store';

/** Each candidate's responses to `paper` in `sittingId`, graded, aligned with `paper.items`. */
export async function sittingResponses(db: Kysely<Database>, paperId: number, paper: Paper, sittingId: number): Promise<CandidateResponses[]> {
  const attempts = await db
    .selectFrom('attempts')
    .select('id')
    .where('sitting_id', '=', sittingId)
    .where('paper_id', '=', paperId)
    .where('state', '=', 'submitted')
    .orderBy('id')
    .execute();
  if (attempts.length === 0) return [];
  const byAttempt = new Map<number, Map<string, ItemResponse>>();
  const ids = attempts.map((a) => a.id);
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.selectFrom('responses').select(['attempt_id', 'item_key', 'value_json']).where('attempt_id', 'in', ids.slice(i, i + 500)).execute();
    for (const r of rows) {
      const m = byAttempt.get(r.attempt_id) ?? new Map<string, ItemResponse>();
      m.set(r.item_key, JSON.parse(r.value_json) as ItemResponse);
      byAttempt.set(r.attempt_id, m);
    }
  }
  const rule = paper.spec.multiRule;
  return attempts.map((a) => {
    const given = byAttempt.get(a.id) ?? new Map<string, ItemResponse>();
    const scores: (number | null)[] = [];
    const chosen: (readonly string[] | null)[] = [];
    for (const item of paper.items) {
      const response = given.get(itemKey(item));
      const labels = Array.isArray(response) ? (response as readonly string[]) : null;
      const empty = response === undefined || (labels !== null && labels.length === 0) || (typeof response === 'string' && response.trim() === '');
      scores.push(empty ? null : gradeItem(item, response, rule).fraction);
      chosen.push(labels !== null && labels.length > 0 ? labels : null);
    }
    return { scores, chosen };
  });
}

/** The analysis of a paper's sitting (no writes). */
export async function analysePaperSitting(db: Kysely<Database>, paperId: number, paper: Paper, sittingId: number): Promise<SittingAnalysis> {
  return analyseSitting(paper, await sittingResponses(db, paperId, paper, sittingId));
}

function sameContent(a: ItemRow, b: ItemRow): boolean {
  return a.type === b.type && a.stem === b.stem && a.options_json === b.options_json && a.key_json === b.key_json;
}

/**
 * Merge `analysis` into the bank in the caller's transaction: the pinned version of each item, and a later
 * version too when its content is unchanged (an edit of 鉴定点 or 互斥组 only). Items nobody answered are left
 * alone. Returns before/after per item for the audit trail.
 * Throws `StateConflict('NO_RESPONSES')` when no candidate submitted.
 */
export async function applyAnalysis(
  trx: Kysely<Database>,
  paper: Paper,
  analysis: SittingAnalysis,
  occupationCode: string,
): Promise<{ itemKey: string; before: { p: number; d: number; n: number }; after: { p: number; d: number; n: number } }[]> {
  if (analysis.candidates === 0) throw new StateConflict('NO_RESPONSES', '该场次没有已交卷的考生作答，无法进行试题分析');
  const pinned = await pinnedRows(trx, paper.items);
  const changes = [];
  for (const a of analysis.items) {
    const row = pinned.get(`${a.itemId}@${a.version}`);
    if (!row || a.n === 0) continue;
    const merged = updateItemStatistics(toItem(row, occupationCode), a, a.n);
    const later = [...pinned.values()].filter((r) => r.item_uid === row.item_uid && r.version > row.version && sameContent(r, row));
    for (const r of [row, ...later]) {
      await trx
        .updateTable('items')
        .set({ difficulty: merged.difficulty, discrimination: merged.discrimination, stats_n: r.stats_n + a.n })
        .where('id', '=', r.id)
        .execute();
    }
    changes.push({
      itemKey: `${a.itemId}@${a.version}`,
      before: { p: row.difficulty, d: row.discrimination, n: row.stats_n },
      after: { p: merged.difficulty, d: merged.discrimination, n: merged.statsN },
    });
  }
  return changes;
}
