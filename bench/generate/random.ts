// Seeded randomness for the generator. Every subject, disclosure and row draws from its own PRNG
// seeded by hashing (seed, kind, index): a row's content then depends only on the seed and its
// index, never on how many random numbers earlier rows happened to consume. That keeps outputs
// byte-identical across runs and lets the registry be recomputed per row instead of held in memory.
import { mulberry32 } from '../../domain/codes/index.ts';

export type Rand = () => number;

/** murmur3's 32-bit finaliser: spreads every input bit over the whole word. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A 32-bit hash of integers (each taken as two 32-bit halves, so indexes above 2^32 still mix). */
export function hashInts(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) {
    const lo = p >>> 0;
    const hi = Math.floor(p / 4294967296) >>> 0;
    h = fmix((h ^ lo) + 0x7f4a7c15);
    h = fmix((h ^ hi) + 0x6a09e667);
  }
  return h;
}

/** Stream ids, so that e.g. subject 5 and disclosure 5 never share a PRNG. */
export const Stream = { subject: 1, disclosure: 2, row: 3, pick: 4 } as const;

export function rngFor(seed: number, stream: number, ...index: number[]): Rand {
  return mulberry32(hashInts(seed, stream, ...index));
}

export const int = (r: Rand, n: number): number => Math.min(n - 1, Math.floor(r() * n));
export const between = (r: Rand, lo: number, hi: number): number => lo + int(r, hi - lo + 1);
export const chance = (r: Rand, p: number): boolean => p > 0 && r() < p;
export const pick = <T>(r: Rand, items: readonly T[]): T => {
  if (items.length === 0) throw new RangeError('pick from an empty list');
  return items[int(r, items.length)] as T;
};

/** Picks a key with probability proportional to its weight. The cumulative table is built once
 *  per weights object (they are constants or per-call literals of a handful of keys). */
const tables = new WeakMap<object, { keys: string[]; cum: number[] }>();
export function weighted<K extends string>(r: Rand, weights: Readonly<Record<K, number>>): K {
  let t = tables.get(weights);
  if (!t) {
    const entries = Object.entries(weights) as [K, number][];
    let sum = 0;
    t = { keys: entries.map(([k]) => k), cum: entries.map(([, w]) => (sum += w)) };
    tables.set(weights, t);
  }
  const x = r() * t.cum[t.cum.length - 1]!;
  for (let k = 0; k < t.cum.length; k++) if (x < t.cum[k]!) return t.keys[k] as K;
  return t.keys[t.keys.length - 1] as K;
}

/** An affine permutation i → (a·i + b) mod m: a bijection on [0, m) when gcd(a, m) = 1. Used to
 *  turn a sequential index into a unique but scattered code or name, so that uniqueness holds by
 *  construction without a set of issued values (which would not fit in memory at 10M rows). */
export function affine(m: number, a: number, b: number): (i: number) => number {
  const gcd = (x: number, y: number): number => (y === 0 ? x : gcd(y, x % y));
  if (gcd(a % m, m) !== 1) throw new RangeError(`${a} is not coprime with ${m}`);
  const A = BigInt(a % m);
  const B = BigInt(((b % m) + m) % m);
  const M = BigInt(m);
  // a·i can exceed 2^53 for large m; below it Number arithmetic is exact and much faster.
  if ((a % m) * m < Number.MAX_SAFE_INTEGER) return (i) => ((a % m) * i + Number(B)) % m;
  return (i) => Number((A * BigInt(i) + B) % M);
}
