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

// The blocking key: the name without what most names share (天津市 and the district in front, the
// legal form at the end), so that the trigram index picks candidates by the distinctive 字号 and
// trade. On the whole name, the shared trigrams matched nearly every registered subject and a
// lookup rechecked thousands of rows (measured: 175 ms a lookup among 100,000 names, 5 ms on this
// key at a lower threshold, with every typo still found). The same expression is the SQL function
// cdf_block_key (db/migrations/20261122000000_link.ts); a test holds the two together.
export const BLOCK_PREFIX = '^(天津市|天津)?([一-鿿]{1,3}(新区|区|县))?';
export const BLOCK_SUFFIX = '(股份有限公司|有限责任公司|有限公司|分公司|公司)$';
const prefix = new RegExp(BLOCK_PREFIX, 'u');
const suffix = new RegExp(BLOCK_SUFFIX, 'u');

export function blockKey(key: string): string {
  return key.replace('(天津)', '').replace(prefix, '').replace(suffix, '');
}
