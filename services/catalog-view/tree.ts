// The catalogue as the operator browses it: regions (city → district → street) → agencies →
// entries, as a flat list of nodes naming their parent (the page builds its tree from it). Under a
// region, the entries in force there: its agencies' own, and those inherited from every level above
// (catalog/inheritance.ts effectiveEntries), each marked with the region it comes from.
import { effectiveEntries } from '../../catalog/inheritance.ts';
import type { CatalogFile } from '../../domain/catalog.ts';
import type { Bilingual } from '../../domain/errors.ts';

type Entry = CatalogFile['entries'][number];

export interface CatalogNode {
  key: string;
  parent: string | null;
  kind: 'region' | 'agency' | 'entry';
  code: string;
  name: Bilingual;
  /** region: city, district or street. */
  level?: string;
  /** An agency node that only carries entries inherited from above, or an inherited entry. */
  inherited: boolean;
  /** The region an inherited entry (or agency node) comes from. */
  inheritedFrom?: string;
  agency?: { uscc: string; kind: string; region: string };
  entry?: Entry;
}

const entryKey = (e: Entry): string => `${e.agency}/${e.dataset}/${e.region}/${e.channel}`;

export function catalogTree(c: CatalogFile): CatalogNode[] {
  const agencies = new Map(c.agencies.map((a) => [a.code, a]));
  const nodes: CatalogNode[] = [];
  const known = new Set(c.regions.map((r) => r.code));
  for (const r of c.regions) {
    const parent = r.parent && known.has(r.parent) ? `r:${r.parent}` : null;
    nodes.push({ key: `r:${r.code}`, parent, kind: 'region', code: r.code, name: r.name, level: r.level, inherited: false });
  }
  for (const r of c.regions) {
    const inForce = effectiveEntries(c, r.code);
    // Agencies of the region come first (even without entries), then those whose entries it inherits.
    const order = [...c.agencies.filter((a) => a.region === r.code).map((a) => a.code)];
    for (const e of inForce) if (!order.includes(e.agency)) order.push(e.agency);
    for (const code of order) {
      const a = agencies.get(code);
      const entries = inForce.filter((e) => e.agency === code);
      const own = a?.region === r.code;
      const akey = `r:${r.code}/a:${code}`;
      const from = entries.find((e) => e.inheritedFrom)?.inheritedFrom;
      nodes.push({
        key: akey, parent: `r:${r.code}`, kind: 'agency', code, name: a?.name ?? { zh: code, en: code }, inherited: !own,
        ...(!own && from ? { inheritedFrom: from } : {}),
        ...(a ? { agency: { uscc: a.uscc, kind: a.kind, region: a.region } } : {}),
      });
      for (const e of entries) {
        const { inheritedFrom, ...entry } = e;
        nodes.push({
          key: `${akey}/e:${entryKey(entry)}`, parent: akey, kind: 'entry', code: entryKey(entry),
          name: { zh: entry.dataset, en: entry.dataset }, inherited: Boolean(inheritedFrom), ...(inheritedFrom ? { inheritedFrom } : {}), entry,
        });
      }
    }
  }
  return nodes;
}
