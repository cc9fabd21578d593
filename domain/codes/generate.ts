// Generators of valid codes from a caller-supplied PRNG, for property tests and the benchmark's
// synthetic data: the same seed always gives the same codes. Not for production data.
import { orgcodeCheckChar } from './orgcode.ts';
import { regnoCheckDigit } from './regno.ts';
import { ricCheckChar } from './ric.ts';
import { USCC_AUTHORITIES } from './uscc-categories.ts';
import { USCC_ALPHABET, usccCheckChar } from './uscc.ts';

/** Small, fast, seedable PRNG (Tommy Ettinger's mulberry32) returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (rand: () => number, n: number): number => Math.min(n - 1, Math.floor(rand() * n));
const pick = (rand: () => number, symbols: string): string => symbols.charAt(int(rand, symbols.length));
const pickOf = <T>(rand: () => number, items: readonly T[]): T => items[int(rand, items.length)] as T;
const many = (rand: () => number, symbols: string, n: number): string =>
  Array.from({ length: n }, () => pick(rand, symbols)).join('');

const DIGITS = '0123456789';
const LATIN = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
// Current Tianjin districts (standards.md §7): the demo catalogue's home.
const TIANJIN = ['120101', '120102', '120103', '120104', '120105', '120106', '120110', '120111', '120112',
  '120113', '120114', '120115', '120116', '120117', '120118', '120119'] as const;

function requireDivision(division: string): string {
  if (!/^\d{6}$/.test(division)) throw new RangeError(`division must be 6 digits, got '${division}'`);
  return division;
}

/** 8-character organisation-code body drawn from `symbols`, never in the reserved PDY range.
 *  Mostly digits, as most real codes are; sometimes an "MA…" body as issued since 2015. */
function orgBody(rand: () => number, symbols: string): string {
  const style = rand();
  const body = style < 0.6 ? many(rand, DIGITS, 8)
    : style < 0.8 ? 'MA' + many(rand, symbols, 6)
      : many(rand, symbols, 8);
  return body.startsWith('PDY') ? '0' + body.slice(1) : body;
}

/** A valid 9-character organisation code (no hyphen). */
export function makeOrgcode(rand: () => number): string {
  const body = orgBody(rand, LATIN);
  return body + (orgcodeCheckChar(body) ?? '');
}

export interface UsccOptions {
  division?: string;
  authority?: string;
  category?: string;
}

/** A valid USCC whose positions 9–17 are themselves a valid organisation code, as on real codes. */
export function makeUscc(rand: () => number, opts: UsccOptions = {}): string {
  // Enterprises and individual businesses (authority 9) dominate real data.
  const authority = opts.authority ?? (rand() < 0.7 ? '9' : pickOf(rand, Object.keys(USCC_AUTHORITIES)));
  const known = USCC_AUTHORITIES[authority];
  if (!known) throw new RangeError(`unknown USCC registration authority '${authority}'`);
  const category = opts.category ?? pickOf(rand, Object.keys(known.categories));
  if (!Object.hasOwn(known.categories, category)) {
    throw new RangeError(`category '${category}' is not defined for authority '${authority}'`);
  }
  const division = requireDivision(opts.division ?? pickOf(rand, TIANJIN));
  // The body must also fit the USCC alphabet; its GB 11714 check (a digit or X) always does.
  const body = orgBody(rand, USCC_ALPHABET);
  const first17 = authority + category + division + body + (orgcodeCheckChar(body) ?? '');
  return first17 + (usccCheckChar(first17) ?? '');
}

/** A valid 15-digit registration number. */
export function makeRegno(rand: () => number, division?: string): string {
  const first14 = requireDivision(division ?? pickOf(rand, TIANJIN)) + many(rand, DIGITS, 8);
  return first14 + (regnoCheckDigit(first14) ?? '');
}

export interface RicOptions {
  division?: string;
  /** Read in local time (getFullYear/getMonth/getDate), as checkRic reads "today". */
  birth?: Date;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** A valid 18-character resident ID; by default born 1940–2005 so it is never in the future. */
export function makeRic(rand: () => number, opts: RicOptions = {}): string {
  const division = requireDivision(opts.division ?? pickOf(rand, TIANJIN));
  let ymd: string;
  if (opts.birth) {
    const b = opts.birth;
    ymd = pad(b.getFullYear(), 4) + pad(b.getMonth() + 1, 2) + pad(b.getDate(), 2);
  } else {
    // Whole days after 1940-01-01 in UTC, so the result does not depend on the time zone.
    const start = Date.UTC(1940, 0, 1);
    const days = int(rand, (Date.UTC(2005, 11, 31) - start) / 86_400_000 + 1);
    const d = new Date(start + days * 86_400_000);
    ymd = pad(d.getUTCFullYear(), 4) + pad(d.getUTCMonth() + 1, 2) + pad(d.getUTCDate(), 2);
  }
  const order = pad(1 + int(rand, 999), 3);
  const first17 = division + ymd + order;
  return first17 + (ricCheckChar(first17) ?? '');
}
