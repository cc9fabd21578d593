// Who may read or act on what: the one scope rule every service applies (batches, reports,
// rejects, variation, link quality, lineage, deliveries, the steward queue, credit repair, golden
// exports, OpenLineage, the code registry).
//
// - An admin, and a steward or auditor of the city (no region, or the city's code /^\d{2}0000$/):
//   everything.
// - An agency: its own batches (and their reports, rejects, variation and link figures) only; its
//   answer for another agency's batch stays what it has always been (forbidden, CDF_FORBIDDEN_AGENCY
//   from identity.ts), since agencies and their uploads are named in the catalogue anyway.
// - A district or street steward or auditor: the batches of the agencies whose catalogue region
//   lies in its region (a street lies in its district: the catalogue's `parent` links); golden
//   records as visibility.ts says (a district: subjects registered in it; a street: what its own
//   agencies supplied).
//
// Out of scope is the same as not there: a single object outside the caller's scope answers
// exactly as an unknown one (the same not-found code and message, HTTP 404), so its existence never
// leaks; a list simply leaves it out. A role that may not use an operation at all is still told
// forbidden (requireRole): that says nothing about any one object.
import type { Knex } from 'knex';
import { activeCatalog } from '../db/catalog.ts';
import type { Db } from '../db/connect.ts';
import type { CatalogFile } from '../domain/catalog.ts';
import { regionsWithin } from '../domain/distribute/policy.ts';
import { notFoundError } from '../domain/errors.ts';
import type { CdfError } from '../domain/errors.ts';
import { Role } from './identity.ts';
import type { Identity } from './identity.ts';
import { visibilityIn, visibilityWithout } from './visibility.ts';
import type { Visibility } from './visibility.ts';

export interface Scope {
  /** Sees every batch. */
  all: boolean;
  /** When not `all`: the agencies whose batches it sees (none: it sees no batch). */
  agencies: string[];
  /** The golden records it sees. */
  golden: Visibility;
}

const ALL: Scope = { all: true, agencies: [], golden: { level: 'city' } };

/** The scope of an identity under a catalogue (pure). */
export function scopeIn(catalog: CatalogFile, who: Identity): Scope {
  if (who.role === Role.agency) {
    const agencies = who.agency ? [who.agency] : [];
    return { all: false, agencies, golden: { level: 'street', street: '', agencies } };
  }
  const golden = visibilityIn(catalog, who);
  if (golden.level === 'city') return ALL;
  const within = regionsWithin(catalog, [who.region!]);
  return { all: false, agencies: catalog.agencies.filter((a) => within.has(a.region)).map((a) => a.code).sort(), golden };
}

/** The caller's scope; the catalogue is read only when the rule needs it. */
export async function scopeOf(db: Db, who: Identity): Promise<Scope> {
  if (who.role !== Role.agency && visibilityWithout(who)?.level === 'city') return ALL;
  return scopeIn((await activeCatalog(db)).content, who);
}

export const batchInScope = (scope: Scope, agency: string): boolean => scope.all || scope.agencies.includes(agency);

/** Restricts a query to batches in scope, by the column holding the batch's agency. */
export function restrictBatches(q: Knex.QueryBuilder, scope: Scope, agencyColumn: string): Knex.QueryBuilder {
  if (scope.all) return q;
  return scope.agencies.length ? q.whereIn(agencyColumn, scope.agencies) : q.whereRaw('false');
}

/** The one answer for a batch that does not exist or is out of scope. */
export function unknownBatch(id: string): CdfError {
  return notFoundError('CDF_BATCH_UNKNOWN', { zh: `批次 ${id} 不存在`, en: `batch ${id} does not exist` }, { value: id });
}

/** The one answer for a golden record that does not exist or is out of scope. */
export function unknownRecord(id: number): CdfError {
  return notFoundError(
    'CDF_RECORD_UNKNOWN',
    { zh: `标准记录 ${id} 不存在或不在可见范围内`, en: `golden record ${id} does not exist or is not visible to you` },
    { value: String(id) },
  );
}
