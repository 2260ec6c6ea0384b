/**
 * One assembly run with the figures stored beside it, and the independent check of its papers. Its own small file (question bank and types only) so
 * that the assembly thread (`assembly-worker.ts`) loads it without the database, audit or HTTP modules.
 */
// From the assembly's own files, not the question bank's public face: that one also loads the item file formats
// (zod, fast-xml-parser), which doubled the assembly thread's start (≈650 → ≈350 ms measured).
import { buildParallelPapers, checkParallelPapers, eligibleItems, type AssemblyProgress, type ParallelPapers } from '../../question-bank/assembly';
import type { Blueprint } from '../../question-bank/blueprint';
import { DomainError } from '../../question-bank/errors';
import type { Item, PaperSpec } from '../../question-bank/types';
import type { SetQuality } from './paper-store';

/** The assembly result with the figures stored beside it. */
export interface BuiltSet {
  result: ParallelPapers;
  quality: SetQuality;
}

/** The options of one assembly as plain data (what a build request fixes, with its seed). */
export interface AssemblyRequest {
  seed: string;
  forms: number;
  maxOverlap: number;
  maxExposure?: number;
}

/**
 * Run the assembly for a request (pure apart from timing): the papers and the quality figures to store.
 * Throws the assembly's errors, e.g. `BlueprintUnsatisfiable` with every short cell.
 * Example: `assembleSet(bank, bp, spec, { seed: 's', forms: 3, maxOverlap: 0 }).result.papers.length` → 3.
 */
export function assembleSet(
  bank: readonly Item[],
  blueprint: Blueprint,
  spec: PaperSpec,
  req: AssemblyRequest,
  onProgress?: (p: AssemblyProgress) => void,
): BuiltSet {
  const t0 = performance.now();
  const result = buildParallelPapers(bank, blueprint, spec, {
    seed: req.seed,
    forms: req.forms,
    maxOverlap: req.maxOverlap,
    ...(req.maxExposure !== undefined && { maxExposure: req.maxExposure }),
    ...(onProgress && { onProgress }),
  });
  const buildMs = Math.round(performance.now() - t0);
  const quality: SetQuality = {
    stats: result.stats,
    deviation: result.deviation,
    overlap: result.overlap,
    options: result.options,
    violations: [],
    eligibleItems: eligibleItems(bank, blueprint, spec, req.maxExposure).length,
    buildMs,
  };
  return { result, quality };
}

/**
 * Re-check the built papers with the independent checker; never store papers that break the blueprint.
 * Throws `DomainError('ASSEMBLY_VIOLATION')` listing the violations (a defect of the assembly if it ever happens).
 */
export function checkBuiltSet(built: BuiltSet, bank: readonly Item[], blueprint: Blueprint, spec: PaperSpec, req: Pick<AssemblyRequest, 'forms' | 'maxOverlap' | 'maxExposure'>): void {
  const violations = checkParallelPapers({
    papers: built.result.papers,
    bank,
    blueprint,
    spec,
    forms: req.forms,
    maxOverlap: req.maxOverlap,
    ...(req.maxExposure !== undefined && { maxExposure: req.maxExposure }),
  });
  if (violations.length > 0) {
    throw new DomainError('ASSEMBLY_VIOLATION', `组卷结果未通过校验：${violations[0]!.message}`, 'conflict', { violations });
  }
}
