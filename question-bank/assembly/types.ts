/**
 * Inputs and outputs of parallel paper assembly (平行卷组卷). Plain data only, so a result can be
 * stored as JSON and compared byte for byte.
 */
import type { CellCountTable } from '../blueprint-tree';
import type { FormLabel, Importance, Paper } from '../types';

/** Phases reported to `onProgress`, in the order they run. */
export type AssemblyPhase = 'feasible' | 'importance' | 'refine' | 'polish' | 'done';

/** A progress report: the parallelism reached so far (see `ParallelDeviation.largest`). */
export interface AssemblyProgress {
  phase: AssemblyPhase;
  /** Improving moves applied so far. */
  iteration: number;
  deviation: number;
  /** max − min of the forms' mean difficulty (absolute). */
  meanDifficultySpread: number;
}

/** Options of `buildParallelPapers`. Only `seed` is required. */
export interface AssemblyOptions {
  /** Same bank + blueprint + spec + options + seed ⇒ byte-identical result. */
  seed: string;
  /** Number of parallel forms, 1..3 (A, B, C); default 3. */
  forms?: number;
  /**
   * Items any two forms may have in common; default 0. Sharing is used only to cover cells the
   * bank cannot fill with distinct items, never to improve parallelism.
   */
  maxOverlap?: number;
  /** Items with `exposure ≥ maxExposure` are not used; absent = no cap. */
  maxExposure?: number;
  /** Counts fixed per cell and type; see `cellCounts`. */
  explicitCounts?: CellCountTable;
  /** Upper bound on improving moves of the local search (default 20 000); part of the result's identity. */
  maxIterations?: number;
  /** Called synchronously as the search improves; must not throw. Does not change the result. */
  onProgress?: (progress: AssemblyProgress) => void;
}

/** What one form looks like statistically. `rangeMarks` covers every 鉴定范围 (all levels), by full code. */
export interface FormStats {
  form: FormLabel;
  items: number;
  marks: number;
  meanDifficulty: number;
  meanDiscrimination: number;
  importance: Record<Importance, number>;
  rangeMarks: Record<string, number>;
}

/**
 * Largest relative deviation between forms per matched statistic: (max − min) / |mean| over forms
 * (the mean floored at 0.01 so that a near-zero mean does not blow the ratio up); `largest` is the
 * maximum of all, the figure the assembly minimises.
 */
export interface ParallelDeviation {
  largest: number;
  meanDifficulty: number;
  meanDiscrimination: number;
  /** Over X, Y and Z counts. */
  importance: number;
  /** Over every 鉴定范围's marks. */
  rangeMarks: number;
}

/** A built set of parallel papers with everything needed to reproduce and audit it. */
export interface ParallelPapers {
  papers: Paper[];
  stats: FormStats[];
  deviation: ParallelDeviation;
  /** Items shared per pair of forms, e.g. `{ 'A-B': 0, 'A-C': 0, 'B-C': 0 }`. */
  overlap: Record<string, number>;
  seed: string;
  algorithmVersion: string;
  /** `bankHash` of the eligible items the papers were drawn from. */
  bankHash: string;
  options: { forms: number; maxOverlap: number; maxExposure: number | null; maxIterations: number };
}
