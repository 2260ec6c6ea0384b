/** Errors of parallel paper assembly. */
import { DomainError } from '../errors';
import type { ItemType } from '../types';

/** One cell × type the bank cannot fill for all forms. */
export interface ShortCell {
  cell: string;
  type: ItemType;
  /** Distinct items the forms need from this cell: count × forms minus the overlap it may use. */
  needed: number;
  /** Eligible items that can be placed (items of one enemy group count at most once per form). */
  available: number;
}

/**
 * The bank cannot support the requested forms; `details.shortCells` lists EVERY short cell, so the
 * exam office knows exactly which items to write. Papers are never built weaker instead.
 * `details.overlapNeeded` / `overlapAllowed` explain a shortfall that only the overlap budget decides.
 */
export class BlueprintUnsatisfiable extends DomainError {
  constructor(
    readonly shortCells: ShortCell[],
    extra: { forms: number; overlapNeeded: number; overlapAllowed: number; reason: 'supply' | 'overlap' | 'enemies' },
  ) {
    const list = shortCells
      .slice(0, 5)
      .map((c) => `${c.cell}/${c.type} 需 ${c.needed} 题、可用 ${c.available} 题`)
      .join('；');
    const why =
      extra.reason === 'overlap'
        ? `，所需共用题 ${extra.overlapNeeded} 题超过允许的 ${extra.overlapAllowed} 题`
        : extra.reason === 'enemies'
          ? '（互斥题不能同卷）'
          : '';
    super(
      'BLUEPRINT_UNSATISFIABLE',
      `题库不足以组出 ${extra.forms} 套平行卷${why}：共 ${shortCells.length} 个单元不足，${list}${shortCells.length > 5 ? '…' : ''}`,
      'conflict',
      { shortCells, ...extra },
    );
  }
}
