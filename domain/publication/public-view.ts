// What the public may see of a golden record: personal data masked (ID numbers keep their first 6
// and last 4 characters; a natural person's name keeps the surname), and only while the record's
// publicity period runs, by the regime in force on its decision date. Pure: the regimes come from
// catalog/publication/penalty-publicity.yaml through the caller.
import type { DatasetDefinition } from '../dataset.ts';
import { maskFields, maskName } from './personal.ts';

export { maskName };

export interface Regime { id: string; from: string; zh: string; en: string; defaultMonths: number; maxMonths: number; repairAfterMonths?: number }
export interface PublicityRules { version: number; regimes: Regime[] }

/** The fields the public may see: personal data masked (personal.ts, the one masking there is). */
export function publicFields(def: DatasetDefinition, fields: Record<string, string>): Record<string, string> {
  return maskFields(def, fields);
}

export const addMonths = (iso: string, months: number): string => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1 + months, d));
  // 31 January + 1 month is the last day of February, not 3 March.
  if (t.getUTCDate() !== d) t.setUTCDate(0);
  return t.toISOString().slice(0, 10);
};

export interface Publicity { regime: string; rulesVersion: number; until: string; published: boolean }

// Each rules object's regimes, latest first: sorted once, not for every record a delivery reads.
const latestFirst = new WeakMap<PublicityRules, Regime[]>();

/** The regime in force on a date: the latest that had begun by then. */
function regimeOn(rules: PublicityRules, date: string): Regime | undefined {
  let sorted = latestFirst.get(rules);
  if (!sorted) latestFirst.set(rules, (sorted = [...rules.regimes].sort((a, b) => b.from.localeCompare(a.from))));
  return sorted.find((r) => r.from <= date);
}

/** The regime in force on the decision date, and the last day of publication. */
export function publicity(rules: PublicityRules, decisionDate: string, namedEnd: string | undefined, today: string): Publicity | null {
  const regime = regimeOn(rules, decisionDate);
  if (!regime) return null;
  const cap = addMonths(decisionDate, regime.maxMonths);
  const until = namedEnd ? (namedEnd < cap ? namedEnd : cap) : addMonths(decisionDate, regime.defaultMonths);
  return { regime: regime.id, rulesVersion: rules.version, until, published: today <= until };
}

/** Whether credit repair may end the publication of a record decided on `decisionDate` today:
 * only once the regime's minimum period has run. */
export function repairAllowed(
  rules: PublicityRules,
  decisionDate: string,
  today: string,
): { allowed: boolean; earliest: string | null; regime: string | null } {
  const regime = regimeOn(rules, decisionDate);
  if (!regime || regime.repairAfterMonths === undefined) return { allowed: false, earliest: null, regime: regime?.id ?? null };
  const earliest = addMonths(decisionDate, regime.repairAfterMonths);
  return { allowed: today >= earliest, earliest, regime: regime.id };
}

const addDays = (iso: string, days: number): string =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
export const dayBefore = (iso: string): string => addDays(iso, -1);

// The dates publication is read from: publicationOf decides by them, endedBefore bounds them.
const DECIDED = 'decision_date';
const NAMED_END = 'publicity_until';
const VALID_UNTIL = 'valid_until';
const REMOVED = 'removal_date';

/** Publication of one record under its dataset's period kind: penalties by the regime of their
 * decision date (rules from configuration); licences while valid; red and black lists from listing
 * until removal or the end of validity, whichever is first. Null: never published. */
export function publicationOf(period: string | undefined, rules: PublicityRules | null, fields: Record<string, string>, today: string): Publicity | null {
  if (period === 'penalty_publicity') {
    return rules && fields[DECIDED] ? publicity(rules, fields[DECIDED], fields[NAMED_END], today) : null;
  }
  const ends = [fields[VALID_UNTIL], fields[REMOVED] ? dayBefore(fields[REMOVED]) : undefined].filter((d): d is string => Boolean(d)).sort();
  const until = ends[0] ?? '9999-12-31';
  if (period === 'licence_validity' || period === 'list_validity') return { regime: period, rulesVersion: 0, until, published: today <= until };
  return null;
}

/** A field holding an ISO date, and a day: a record whose field is filled and earlier than that day
 * is not published. */
export interface EndedBefore { field: string; before: string }

/** Bounds any one of which, met by a record, means publicationOf does not publish it today, so a
 * store may leave such a record out unread (publicationOf still decides the others; a bound is
 * sufficient, never necessary). A penalty's named end caps its period, and no period outlasts the
 * longest maximum (one month of margin for month ends); a licence or listing ends with its
 * validity, or the day before its removal. */
export function endedBefore(period: string | undefined, rules: PublicityRules | null, today: string): EndedBefore[] {
  if (period === 'penalty_publicity') {
    if (!rules?.regimes.length) return [];
    const longest = Math.max(...rules.regimes.map((r) => r.maxMonths));
    return [{ field: NAMED_END, before: today }, { field: DECIDED, before: addMonths(today, -(longest + 1)) }];
  }
  if (period === 'licence_validity' || period === 'list_validity') {
    return [{ field: VALID_UNTIL, before: today }, { field: REMOVED, before: addDays(today, 1) }];
  }
  return [];
}
