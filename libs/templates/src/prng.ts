/**
 * mulberry32: a tiny 32-bit PRNG, good enough to spread choices evenly and, above all, reproducible:
 * the same seed gives the same sequence on every machine, so a recorded seed replays a render.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** Seeds are unsigned 32-bit integers (what mulberry32 keeps of any number). */
export const MAX_SEED = 2 ** 32 - 1;
