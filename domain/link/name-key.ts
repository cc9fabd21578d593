// Matching keys for subject names and legal representatives: the same subject written in
// traditional characters (the national vertical feed), with full-width or ASCII brackets, or with
// a stray space gets the same key. Keys are for comparing only; stored fields keep what was sent.
import * as OpenCC from 'opencc-js/t2cn';
import { remembered } from '../memo.ts';

/** A change of this function changes every key: bump it, and the keys held are computed again
 * (db/maintenance). v2: the 天津 prefix in its forms and a district written after the trade name. */
export const NAME_KEY_VERSION = 2;

const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });

/** For natural keys (document numbers, codes): the same text in either script, any width, without
 * spaces, is one key. Brackets are left to the docno_form rule, which records what it changed. */
export function simplifiedFold(v: string): string {
  return toSimplified(v.normalize('NFKC')).replace(/\s+/g, '').toUpperCase();
}

// Tianjin's districts and counties, retired ones included (standards §7). A district is only ever
// taken with its 区/县 written: 河北 alone is the province, and 河北瑞华 is not 河北区瑞华.
const DISTRICTS = '和平|河东|河西|南开|河北|红桥|东丽|西青|津南|北辰|武清|宝坻|滨海新|宁河|静海|蓟州|塘沽|汉沽|大港|蓟';
const DISTRICT = `(?:${DISTRICTS})(?:区|县)`;
// Where the region stands in a name, per the naming rules (行政区划 + 字号 + 行业 + 组织形式, or the
// region in brackets after the 字号): 天津市河西区瑞华…, 天津瑞华…, （天津）瑞华…, 瑞华（天津）…,
// 瑞华（天津市河西区）…. The city is dropped (every subject here is in it); a district is kept,
// moved to the front, so that two subjects of the same trade name in two districts stay apart.
const LEADING = new RegExp(`^(?:\\(天津市?\\)|天津市|天津)?(${DISTRICT})?`, 'u');
const BRACKETED = new RegExp(`\\((?:天津市?)?(${DISTRICT})?\\)`, 'u');

function keyOf(name: string): string {
  const base = toSimplified(name.normalize('NFKC'))
    .replace(/[\s\u200B-\u200D\u2060\uFEFF·•'"“”‘’]/g, '')
    .replace(/[【[［〔（]/g, '(')
    .replace(/[】\]］〕）]/g, ')')
    .toUpperCase();
  const lead = LEADING.exec(base)!;
  let rest = base.slice(lead[0].length);
  let district = lead[1] ?? '';
  const inner = BRACKETED.exec(rest);
  // A bracket naming another district than the front one is not a region form: leave it.
  if (inner && inner[0] !== '()' && inner.index > 0 && (!district || !inner[1] || inner[1] === district)) {
    district ||= inner[1] ?? '';
    rest = rest.slice(0, inner.index) + rest.slice(inner.index + inner[0].length);
  }
  return rest ? district + rest : base;
}

/** The matching key of a name. A subject's name comes on each of its rows, an authority's on
 * thousands: remembered (domain/memo.ts), so the script conversion is paid once per name. */
export const nameKey = remembered(keyOf, 50_000);

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
