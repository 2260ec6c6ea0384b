/**
 * Public face of the question bank domain (题库): item and paper vocabulary, domain errors, the one
 * seeded random source, the blueprint (鉴定要素细目表), parallel paper assembly, bank fingerprints and
 * the item file formats. Pure: no server, database or `node:*` imports; time and seeds are inputs.
 *
 * The server imports from here rather than from individual files, so a module's inner layout can change
 * without touching its callers.
 */
export type * from './types';
export { DomainError, ImportRejected, type DomainErrorKind, type RowError } from './errors';
export { createRng, shuffled, type Rng } from './random';
export * from './blueprint';
export * from './assembly';
export { bankHash, fnv1a64, Fnv1a64 } from './bank-hash';
export * from './formats';
export * from './candidate-order';
export * from './item-analysis';
export * from './vocabulary';
