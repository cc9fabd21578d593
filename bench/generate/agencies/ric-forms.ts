// Resident IDs as natural persons' rows carry them: a first-generation 15-digit ID (still valid:
// the 18-digit one is derived from it), or an 18-digit one with a wrong check character (invalid).
import { ricCheckChar } from '../../../domain/codes/index.ts';

/** The 15-digit first-generation form of an 18-digit ID born in the 1900s, else null. */
export function firstGeneration(ric: string): string | null {
  return ric.slice(6, 8) === '19' ? ric.slice(0, 6) + ric.slice(8, 17) : null;
}

/** The ID with its check character replaced by another (one the check always catches). */
export function wrongCheck(ric: string, shift: number): string {
  const right = ricCheckChar(ric.slice(0, 17))!;
  const all = '0123456789X';
  const k = (all.indexOf(right) + 1 + (shift % 10)) % 11;
  return ric.slice(0, 17) + all.charAt(k);
}
