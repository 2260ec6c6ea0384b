/**
 * Public face of the 鉴定要素细目表 (blueprint) domain: the tree, its validation and the item counts
 * per cell (lowest 鉴定范围 × item type) that every paper must meet.
 */
export {
  BlueprintInvalid,
  blueprintCells,
  blueprintPoints,
  blueprintProblems,
  countTableProblems,
  validateBlueprint,
  type Blueprint,
  type BlueprintCell,
  type BlueprintNode,
  type BlueprintPoint,
  type BlueprintProblem,
  type CellCountTable,
} from './blueprint-tree';
export {
  CellCountsMismatch,
  PaperSpecInvalid,
  cellCounts,
  largestRemainder,
  validateSections,
  type CellQuota,
} from './blueprint-counts';
