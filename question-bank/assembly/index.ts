/**
 * Public face of parallel paper assembly (平行卷组卷): build forms A/B/C from the bank, and check a
 * built set independently.
 */
export {
  ALGORITHM_VERSION,
  AssemblyOptionsInvalid,
  BlueprintSpecMismatch,
  buildParallelPapers,
} from './build-parallel-papers';
export { checkParallelPapers, type CheckInput, type Violation } from './check-papers';
export { BlueprintUnsatisfiable, type ShortCell } from './errors';
export { formStats, parallelDeviation } from './form-stats';
export { importanceNote } from './importance-note';
export { DuplicateItemVersion, ItemStatisticsInvalid, eligibleItems } from './pool';
export type {
  AssemblyOptions,
  AssemblyPhase,
  AssemblyProgress,
  FormStats,
  ParallelDeviation,
  ParallelPapers,
} from './types';
