// Matching keys for subject names and legal representatives: the same subject written in
// traditional characters (the national vertical feed), with full-width or ASCII brackets, or with
// a stray space gets the same key. Keys are for comparing only; stored fields keep what was sent.
import * as OpenCC from 'opencc-js/t2cn';

/** A change of this function changes every key: bump it and re-key the registry. */
export const NAME_KEY_VERSION = 1;

const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });

/** For natural keys (document numbers, codes): the same text in either script, any width, without
 * spaces, is one key. Brackets are left to the docno_brackets rule, which records what it changed. */
export function simplifiedFold(v: string): string {
  return toSimplified(v.normalize('NFKC')).replace(/\s+/g, '').toUpperCase();
}

export function nameKey(name: string): string {
  return toSimplified(name.normalize('NFKC'))
    .replace(/[\s\u3000·•'"“”‘’]/g, '')
    .replace(/[【[［〔]/g, '(')
    .replace(/[】\]］〕]/g, ')')
    .toUpperCase();
}

/** The key, or null for an empty or missing value. */
export const optionalKey = (v: string | undefined): string | null => {
  if (v === undefined) return null;
  const k = nameKey(v);
  return k === '' ? null : k;
};
