// What the public may see of a golden record: personal data masked (ID numbers keep their first 6
// and last 4 characters; a natural person's name keeps the surname), and only while the record's
// publicity period runs, by the regime in force on its decision date. Pure: the regimes come from
// catalog/publication/penalty-publicity.yaml through the caller.
import type { DatasetDefinition } from '../../catalog/dataset-definition.ts';
import { maskRic } from '../codes/index.ts';

export interface Regime { id: string; from: string; zh: string; en: string; defaultMonths: number; maxMonths: number; repairAfterMonths?: number }
export interface PublicityRules { version: number; regimes: Regime[] }

export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? '*' : chars[0] + '*'.repeat(chars.length - 1);
}

export function publicFields(def: DatasetDefinition, fields: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  const person = def.subject?.category && def.subject.person && fields[def.subject.category] === def.subject.person;
  for (const [k, v] of Object.entries(fields)) {
    const f = def.fields.find((x) => x.name === k);
    if (f?.personal) out[k] = maskRic(v);
    else if (person && k === def.subject?.name) out[k] = maskName(v);
    else out[k] = v;
  }
  return out;
}

export const addMonths = (iso: string, months: number): string => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1 + months, d));
  // 31 January + 1 month is the last day of February, not 3 March.
  if (t.getUTCDate() !== d) t.setUTCDate(0);
  return t.toISOString().slice(0, 10);
};

export interface Publicity { regime: string; rulesVersion: number; until: string; published: boolean }

/** The regime in force on the decision date, and the last day of publication. */
export function publicity(rules: PublicityRules, decisionDate: string, namedEnd: string | undefined, today: string): Publicity | null {
  const regime = [...rules.regimes].filter((r) => r.from <= decisionDate).sort((a, b) => b.from.localeCompare(a.from))[0];
  if (!regime) return null;
  const cap = addMonths(decisionDate, regime.maxMonths);
  const until = namedEnd ? (namedEnd < cap ? namedEnd : cap) : addMonths(decisionDate, regime.defaultMonths);
  return { regime: regime.id, rulesVersion: rules.version, until, published: today <= until };
}

/** Whether credit repair may end the publication of a record decided on `decisionDate` today:
 * only once the regime's minimum period has run. */
export function repairAllowed(rules: PublicityRules, decisionDate: string, today: string): { allowed: boolean; earliest: string | null; regime: string | null } {
  const regime = [...rules.regimes].filter((r) => r.from <= decisionDate).sort((a, b) => b.from.localeCompare(a.from))[0];
  if (!regime || regime.repairAfterMonths === undefined) return { allowed: false, earliest: null, regime: regime?.id ?? null };
  const earliest = addMonths(decisionDate, regime.repairAfterMonths);
  return { allowed: today >= earliest, earliest, regime: regime.id };
}
