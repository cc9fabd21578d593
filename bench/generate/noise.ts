// Row-level variation of names and codes, as people type them. Each function returns the text and
// the noise labels it applied, so the ground truth says exactly what a row went through.
import { chance, int, pick } from './random.ts';
import type { Rand } from './random.ts';
import type { Rates } from './rates.ts';
import { toTraditional } from './trad.ts';
import { BRAND_CHARS, LOOKALIKE } from './vocab-names.ts';

export interface Noisy {
  text: string;
  noise: string[];
}

/** One character replaced by a look-alike or same-sounding one (or any 字号 character). Never the
 *  first two characters, where a typo would turn 天津 into another place. */
export function typo(r: Rand, name: string): string {
  const chars = [...name];
  const candidates = chars.map((c, k) => k).filter((k) => k >= 2 && /\p{Script=Han}/u.test(chars[k]!));
  if (candidates.length === 0) return name;
  const k = pick(r, candidates);
  const from = chars[k]!;
  let to = LOOKALIKE[from] ?? pick(r, BRAND_CHARS);
  if (to === from) to = from === '华' ? '化' : '华';
  chars[k] = to;
  return chars.join('');
}

/** Subject (or legal representative) name as this row writes it. */
export function noisyName(r: Rand, name: string, rates: Rates, traditional: boolean, allowTypo: boolean): Noisy {
  const noise: string[] = [];
  let text = name;
  if (/[（）]/.test(text) && chance(r, rates.nameBrackets)) {
    // ASCII brackets, or a half-typed mix of the two widths.
    text = chance(r, 0.7) ? text.replace(/（/g, '(').replace(/）/g, ')') : text.replace(/）/g, ')');
    noise.push('name:brackets');
  }
  if (chance(r, rates.nameSpace)) {
    const chars = [...text];
    const k = 1 + int(r, chars.length - 1);
    const space = pick(r, [' ', '　', '  ']);
    // Inside the name, or trailing (which only CSV quoting keeps).
    text = chance(r, 0.5) ? chars.slice(0, k).join('') + space + chars.slice(k).join('') : text + space;
    noise.push('name:space');
  }
  if (allowTypo && chance(r, rates.nameTypo)) {
    const t = typo(r, text);
    if (t !== text) {
      text = t;
      noise.push('name:typo');
    }
  }
  if (traditional) {
    const t = toTraditional(text);
    if (t !== text) {
      text = t;
      noise.push('name:traditional');
    }
  }
  return { text, noise };
}

/** A code as typed: lower case, grouped with spaces, or with a stray hyphen. Checkers normalise
 *  these away (domain/codes/normalize.ts), so the code is still the true one. */
export function noisyCode(r: Rand, code: string, rates: Rates): Noisy {
  if (!chance(r, rates.codeForm)) return { text: code, noise: [] };
  const form = int(r, 3);
  const text = form === 0 ? code.toLowerCase()
    : form === 1 ? code.replace(/(.{4})(?=.)/g, '$1 ')
      : `${code.slice(0, code.length - 1)}-${code.slice(-1)}`;
  return text === code ? { text, noise: [] } : { text, noise: ['code:form'] };
}
