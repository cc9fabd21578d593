// The names of the agency and region an account is bound to, as the catalogue in force gives them,
// so a page greets "市市场监管委" rather than city_market_regulation. No catalogue yet: no names.
import { activeCatalog } from '../../db/catalog.ts';
import type { Db } from '../../db/connect.ts';
import type { Bilingual } from '../../domain/errors.ts';
import type { Identity } from '../identity.ts';

export interface BoundNames { agencyName?: Bilingual; regionName?: Bilingual }

export async function boundNames(db: Db, who: Identity): Promise<BoundNames> {
  if (!who.agency && !who.region) return {};
  const catalog = await activeCatalog(db).then((v) => v.content, () => undefined);
  if (!catalog) return {};
  const agency = who.agency ? catalog.agencies.find((a) => a.code === who.agency)?.name : undefined;
  const region = who.region ? catalog.regions.find((r) => r.code === who.region)?.name : undefined;
  return { ...(agency ? { agencyName: agency } : {}), ...(region ? { regionName: region } : {}) };
}
