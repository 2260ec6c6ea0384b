import seedrandom from 'seedrandom';

/**
 * The one wrapper around `seedrandom`: a reproducible generator from a string seed.
 * Same seed ⇒ same sequence on every machine and Node version.
 */
export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
}

/** Create a seeded generator. Example: `createRng('paper-1:cand-42').int(10)`. */
export function createRng(seed: string): Rng {
  const prng = seedrandom(seed);
  return {
    next: () => prng.quick(),
    int: (n: number) => Math.floor(prng.quick() * n),
  };
}

/** Fisher–Yates shuffle into a new array, driven by `rng`. */
export function shuffled<T>(items: ArrayLike<T>, rng: Rng): T[] {
  const out = Array.prototype.slice.call(items) as T[];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const tmp = out[i]!;
    out[i] = out[j]!;
    out[j] = tmp;
  }
  return out;
}
