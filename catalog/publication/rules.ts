// Publication rules as configuration: catalog/publication/<period>.yaml, named by a dataset's
// `publication.period`, read once per process.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { endedBefore, publicationOf } from '../../domain/publication/public-view.ts';
import type { EndedBefore, Publicity, PublicityRules } from '../../domain/publication/public-view.ts';

const dir = path.dirname(fileURLToPath(import.meta.url));
const cache = new Map<string, PublicityRules>();

export function publicityRules(period: string): PublicityRules {
  const hit = cache.get(period);
  if (hit) return hit;
  const file = path.join(dir, `${period}.yaml`);
  if (!/^[a-z_]+$/.test(period) || !existsSync(file)) throw new Error(`no publication rules named ${period} (catalog/publication/${period}.yaml)`);
  const rules = parse(readFileSync(file, 'utf8')) as PublicityRules;
  if (
    !Number.isInteger(rules.version) ||
    !Array.isArray(rules.regimes) ||
    !rules.regimes.every((r) => /^\d{4}-\d{2}-\d{2}$/.test(r.from) && r.defaultMonths > 0 && r.maxMonths >= r.defaultMonths)
  ) {
    throw new Error(`catalog/publication/${period}.yaml: version, and regimes with from (YYYY-MM-DD), defaultMonths ≤ maxMonths, are required`);
  }
  cache.set(period, rules);
  return rules;
}

/** The rules a period kind needs: validity-bound periods (licences, lists) are read off the
 * record itself and have no configuration. */
export const rulesForPeriod = (period: string | undefined): PublicityRules | null =>
  !period || period === 'licence_validity' || period === 'list_validity' ? null : publicityRules(period);

/** Whether, and until when, a record of a dataset with this period kind is published on a day. */
export function publicationFor(period: string | undefined): (fields: Record<string, string>, today: string) => Publicity | null {
  const rules = rulesForPeriod(period);
  return (fields, today) => publicationOf(period, rules, fields, today);
}

/** The bounds past which a record of a dataset with this period kind is surely not published on a
 * day (endedBefore): what a store may leave out unread. */
export function endedBoundsFor(period: string | undefined): (day: string) => EndedBefore[] {
  const rules = rulesForPeriod(period);
  return (day) => endedBefore(period, rules, day);
}
