// Stateless hashing lets any hour bucket be generated on its own, in any order, with the same result.

/** A 32-bit integer finaliser with good avalanche (lowbias32). */
export function mix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hash of up to three integers (e.g. seed, hour, purpose) to an unsigned 32-bit value. */
export function hash3(a: number, b: number, c = 0): number {
  let h = mix32(a ^ 0x9e3779b9);
  h = mix32(h ^ (b >>> 0) ^ Math.imul(Math.floor(b / 0x100000000), 0x85ebca6b));
  return mix32(h ^ (c >>> 0) ^ 0x27d4eb2f);
}

/** Maps a 32-bit hash to [0, 1). */
export function unit(h: number): number {
  return h / 0x100000000;
}

export type Rng = () => number;

/** mulberry32: small and fast, good enough for synthetic data and fault decisions. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x100000000;
  };
}

/** Folds an arbitrary JS number seed (possibly > 2^32 or fractional) into 32 bits. */
export function foldSeed(seed: number): number {
  const whole = Math.trunc(seed);
  return mix32((whole >>> 0) ^ mix32(Math.floor(whole / 0x100000000) >>> 0));
}

/** FNV-1a over a string, for seed-independent catalog constants. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}
