// Who sees which golden records (数据回家): the city (and an admin) sees every record; a district the records
// whose subject is registered in it (a USCC's characters 3–8 are its registering authority's
// division); a street the records its own agencies supplied. Applied to every golden-record read.
import type { Knex } from 'knex';
import { activeCatalog } from '../db/catalog.ts';
import type { Db } from '../db/connect.ts';
import { whereVisible } from '../db/queries/golden.ts';
import type { GoldenVisibility } from '../db/queries/golden.ts';
import type { CatalogFile } from '../domain/catalog.ts';
import type { Identity } from './identity.ts';

export type Visibility = GoldenVisibility;

const CITY = /^\d{2}0000$/;

/** Without the catalogue: the city and a district need none (a street does). Admins see all. */
export function visibilityWithout(who: Identity): Visibility | null {
  const region = who.region;
  if (who.role === 'admin' || !region || CITY.test(region)) return { level: 'city' };
  if (/^\d{6}$/.test(region)) return { level: 'district', district: region };
  return null;
}

/** The same, with the catalogue at hand (pure). */
export function visibilityIn(catalog: CatalogFile, who: Identity): Visibility {
  return visibilityWithout(who)
    ?? { level: 'street', street: who.region!, agencies: catalog.agencies.filter((a) => a.region === who.region).map((a) => a.code) };
}

export async function visibilityOf(db: Db, who: Identity): Promise<Visibility> {
  return visibilityWithout(who) ?? visibilityIn((await activeCatalog(db)).content, who);
}

/** Restricts a query over golden_records aliased `g` to what `v` may see. */
export const restrictGolden = (q: Knex.QueryBuilder, v: Visibility): Knex.QueryBuilder => whereVisible(q, v);
