// Is a six-digit code a GB/T 2260 administrative division a resident ID can start with? An ID
// keeps the code of the place that first issued it, so a division merged away long ago is still
// valid here. data.ts lists every code published since 2002 (build.ts names the sources).
//
// Codes retired before 2002 are in no list we can source reliably (the 1980s and 1990s saw
// hundreds of counties become cities or districts, each with a new code), yet IDs issued there
// are still in use. For those the fallback is the structure of the standard: a code whose
// prefecture (first four digits) is listed, with a county part 01–99 (01–20 districts, 21–80
// counties, 81–99 county-level cities), is "plausible" and accepted; a code whose province or
// prefecture was never listed, or whose county part is 00 where the list has no such code, is
// refused. That keeps invented and mistyped divisions out (most of the 10 000 two-digit prefixes
// and 100 prefectures per province are unused) without rejecting a genuine old ID.
import { DIVISION_LINES_NORTH } from './data-north.ts';
import { DIVISION_LINES_SOUTH } from './data-south.ts';

export const DivisionStatus = { listed: 'listed', plausible: 'plausible' } as const;
export type DivisionStatus = (typeof DivisionStatus)[keyof typeof DivisionStatus];

// Residence permits for residents of Hong Kong, Macao and Taiwan (港澳台居民居住证, 2018) carry an
// 18-character number in the same format, starting 810000, 820000 and 830000; they turn up in the
// same ID-number fields.
const PERMIT_PREFIXES = ['810000', '820000', '830000'] as const;

let codes: Set<string> | undefined;
let prefectures: Set<string> | undefined;

/** Built once, on first use: about 4 700 codes. */
function load(): { codes: Set<string>; prefectures: Set<string> } {
  if (!codes || !prefectures) {
    codes = new Set<string>(PERMIT_PREFIXES);
    prefectures = new Set<string>();
    for (const line of `${DIVISION_LINES_NORTH}\n${DIVISION_LINES_SOUTH}`.split('\n')) {
      const [prefecture, ...counties] = line.trim().split(' ');
      if (!prefecture) continue;
      prefectures.add(prefecture);
      for (const c of counties) codes.add(prefecture + c);
    }
  }
  return { codes, prefectures };
}

/** 'listed' (published in GB/T 2260 since 2002), 'plausible' (an unlisted county under a listed
 *  prefecture: see above) or null (no such division). */
export function divisionStatus(code: string): DivisionStatus | null {
  if (!/^\d{6}$/.test(code)) return null;
  const { codes: all, prefectures: known } = load();
  if (all.has(code)) return 'listed';
  const county = code.slice(4);
  return county !== '00' && code.slice(2, 4) !== '00' && known.has(code.slice(0, 4)) ? 'plausible' : null;
}

export const isDivision = (code: string): boolean => divisionStatus(code) !== null;
