// Link quality per agency: the batches' link counts added up (so a large batch weighs more than a
// small one), then turned into 换码率 and 重错码率. Only batches the caller may read are counted.
import type { Db } from '../db/connect.ts';
import { addLinkCounts, linkQuality, NO_LINK_COUNTS } from '../domain/quality.ts';
import type { LinkCounts, LinkQuality } from '../domain/quality.ts';
import { batchesFor } from './batches.ts';
import type { Identity } from './identity.ts';

export interface AgencyLinkQuality extends LinkCounts, LinkQuality {
  agency: string;
  batches: number;
}

export async function linkQualityByAgency(db: Db, who: Identity, agency?: string): Promise<AgencyLinkQuality[]> {
  const by = new Map<string, { counts: LinkCounts; batches: number }>();
  for (const b of await batchesFor(db, who)) {
    if ((agency && b.agency !== agency) || b.status !== 'done' || !b.counts.link) continue;
    const cur = by.get(b.agency) ?? { counts: NO_LINK_COUNTS, batches: 0 };
    by.set(b.agency, { counts: addLinkCounts(cur.counts, b.counts.link), batches: cur.batches + 1 });
  }
  return [...by].sort(([a], [b]) => a.localeCompare(b)).map(([code, v]) => ({ agency: code, batches: v.batches, ...v.counts, ...linkQuality(v.counts) }));
}
