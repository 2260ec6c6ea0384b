/**
 * View models for the printed documents of the bank: a stored paper with its pinned item texts becomes a
 * `TheoryPaperPrint` (paper and answer key), a stored set's statistics a `PaperQualityReportPrint`.
 * The PDFs themselves are drawn by `server/documents`.
 */
import type { Kysely } from 'kysely';
import type { Blueprint, Level, Paper, PaperItem } from '../../question-bank';
import type { Database } from '../db/schema';
import type { PaperQualityReportPrint, PrintSection, TheoryPaperPrint } from '../documents';
import { importanceNote } from '../../question-bank/assembly';
import { StateConflict } from '../errors';
import { pinnedRows, type ItemRow } from './item-store';
import type { OccupationRef } from './lookups';
import type { PublicPaperSet } from './paper-store';

/**
 * Items of a paper with their texts, in paper order. Throws `StateConflict('PAPER_ITEM_MISSING')` when a pinned
 * version is not in the bank (a paper stored from outside the bank): such a paper cannot be printed.
 */
export async function paperItemRows(db: Kysely<Database>, paper: Paper): Promise<{ pin: PaperItem; row: ItemRow }[]> {
  return (await paperItemRowsOrNull(db, paper)).map(({ pin, row }) => {
    if (!row) throw new StateConflict('PAPER_ITEM_MISSING', `试卷中的试题 ${pin.itemId} 第 ${pin.version} 版在题库中不存在`, { pin });
    return { pin, row };
  });
}

/** Items of a paper with their texts where the bank has them (null where it does not), for viewing. */
export async function paperItemRowsOrNull(db: Kysely<Database>, paper: Paper): Promise<{ pin: PaperItem; row: ItemRow | null }[]> {
  const rows = await pinnedRows(db, paper.items);
  return paper.items.map((pin) => ({ pin, row: rows.get(`${pin.itemId}@${pin.version}`) ?? null }));
}

/**
 * The printable paper: one section per spec section in spec order, items in paper order with their pinned
 * texts and keys. `paperCode` (printed in the footer for the ledger) is `<职业编码>-<等级>-T-<卷>-<组卷号>`.
 */
export async function theoryPaperPrint(
  db: Kysely<Database>,
  paper: Paper,
  occupation: OccupationRef,
  setId: number,
): Promise<TheoryPaperPrint> {
  const items = await paperItemRows(db, paper);
  const sections: PrintSection[] = paper.spec.sections
    .filter((s) => s.count > 0)
    .map((s) => ({
      type: s.type,
      items: items
        .filter((x) => x.pin.type === s.type)
        .map(({ pin, row }) => ({
          stem: row.stem,
          options: (JSON.parse(row.options_json) as { label: string; text: string }[]).map((o) => ({ label: o.label, text: o.text })),
          marks: pin.marks,
          key: pin.key,
          ...(row.reference !== null && { reference: row.reference }),
        })),
    }));
  return {
    occupationName: occupation.name,
    workType: occupation.workType,
    level: paper.spec.level as Level,
    form: paper.form,
    durationMin: paper.spec.durationMin,
    paperCode: `${occupation.code}-${paper.spec.level}-T-${paper.form}-${setId}`,
    sections,
  };
}

/** The quality report of a set: the forms' statistics side by side, with the blueprint's target marks per range. */
export function qualityReportPrint(set: PublicPaperSet, blueprint: Blueprint | null, occupation: OccupationRef, maxMark: number): PaperQualityReportPrint {
  const ranges = (blueprint?.ranges ?? []).map((r) => ({ code: r.code, name: r.name, targetMarks: Math.round(((r.weight * maxMark) / 100) * 100) / 100 }));
  return {
    occupationName: occupation.name,
    workType: occupation.workType,
    level: set.level as Level,
    component: set.component,
    targetDifficulty: 0.65,
    ranges,
    forms: set.quality.stats.map((s) => ({
      form: s.form,
      itemCount: s.items,
      totalMarks: s.marks,
      meanDifficulty: s.meanDifficulty,
      meanDiscrimination: s.meanDiscrimination,
      importanceCounts: s.importance,
      marksByRange: s.rangeMarks,
    })),
    overlaps: Object.entries(set.quality.overlap).map(([pair, shared]) => {
      const [a, b] = pair.split('-') as ['A' | 'B' | 'C', 'A' | 'B' | 'C'];
      return { a, b, shared };
    }),
    notes: [importanceNote(set.quality.stats, set.algorithmVersion)].filter((n): n is string => n !== null),
  };
}
