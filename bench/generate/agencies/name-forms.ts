// Subject names as people write them: the city as （天津）, (天津), 天津 or 天津市, or left off; the
// district left off when a code already says who it is; invisible spaces pasted in from web pages
// (U+3000, U+200B, NBSP); brackets of either width. All are formatting: the subject is the same.
import { int, pick } from '../random.ts';
import type { Rand } from '../random.ts';
import { DISTRICTS } from '../vocab-names.ts';

export const CITY_PREFIXES = ['天津市', '天津', '（天津）', '(天津)', ''] as const;
export type CityPrefix = (typeof CITY_PREFIXES)[number];
const INVISIBLE = ['\u3000', '\u200b', '\u00a0'] as const;
const DISTRICT_NAMES = DISTRICTS.map(([, n]) => n);

export interface NameForm {
  /** How this agency writes the city before a name that starts with it. */
  prefix: CityPrefix;
  /** Drops the district after the city (only on rows that also carry a code). */
  dropDistrict: boolean;
  invisible: boolean;
  /** Brackets written half-width. */
  asciiBrackets: boolean;
}

/** Rewrites a (possibly already noisy) name; returns the text and the tags applied. */
export function nameForm(r: Rand, name: string, f: NameForm): { text: string; noise: string[] } {
  const noise: string[] = [];
  let text = name;
  // Not when an earlier noise split 天津市 with a space (天津\u3000市…): rewriting its 天津 would
  // leave a stray 市 no clerk writes.
  const m = /^(天津市|天津)(?![\s\u200b]*市)/.exec(text);
  if (m) {
    let rest = text.slice(m[0].length);
    const district = DISTRICT_NAMES.find((n) => rest.startsWith(n));
    if (f.dropDistrict && district) {
      rest = rest.slice(district.length);
      noise.push('name:nodistrict');
    }
    const next = f.prefix + rest;
    if (f.prefix !== m[0]) noise.push('name:prefix');
    text = next;
  }
  if (f.asciiBrackets && /[（）]/.test(text)) {
    text = text.replace(/（/g, '(').replace(/）/g, ')');
    noise.push('name:brackets');
  }
  if (f.invisible) {
    const chars = [...text];
    const k = 1 + int(r, Math.max(1, chars.length - 1));
    text = chars.slice(0, k).join('') + pick(r, INVISIBLE) + chars.slice(k).join('');
    noise.push('name:invisible');
  }
  return { text, noise };
}
