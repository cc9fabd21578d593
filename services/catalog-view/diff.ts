// What changed between two catalogue versions, as a page shows it: per section the items added
// (with what they are), removed (with what they were) and changed (before and after, and which
// fields differ). Items are matched by their key, as catalog/diff.ts matches them.
import type { CatalogFile } from '../../domain/catalog.ts';

export const DIFF_SECTIONS = ['regions', 'agencies', 'datasets', 'entries', 'subscriptions', 'grants', 'measures'] as const;
export type DiffSection = (typeof DIFF_SECTIONS)[number];

export interface ChangedItem { key: string; before: unknown; after: unknown; fields: Array<{ field: string; from: unknown; to: unknown }> }
export interface SectionChanges { added: Array<{ key: string; after: unknown }>; removed: Array<{ key: string; before: unknown }>; changed: ChangedItem[] }

type Item = Record<string, unknown>;
const KEY: Record<DiffSection, (x: Item) => string> = {
  regions: (r) => String(r.code),
  agencies: (a) => String(a.code),
  datasets: (d) => String(d),
  entries: (e) => `${String(e.agency)}/${String(e.dataset)}/${String(e.region)}/${String(e.channel)}`,
  subscriptions: (s) => String(s.id),
  grants: (g) => `${String(g.subscriber)}/${String(g.dataset)}/${String(g.provider ?? '*')}`,
  measures: (m) => String(m.code),
};

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

export function sectionChanges(from: readonly unknown[], to: readonly unknown[], key: (x: Item) => string): SectionChanges {
  const a = new Map(from.map((x) => [key(x as Item), x]));
  const b = new Map(to.map((x) => [key(x as Item), x]));
  const changed: ChangedItem[] = [];
  for (const [k, before] of a) {
    const after = b.get(k);
    if (after === undefined || same(before, after)) continue;
    const fields = typeof before === 'object' && before !== null && typeof after === 'object' && after !== null
      ? [...new Set([...Object.keys(before), ...Object.keys(after)])]
        .filter((f) => !same((before as Item)[f], (after as Item)[f]))
        .map((f) => ({ field: f, from: (before as Item)[f] ?? null, to: (after as Item)[f] ?? null }))
      : [];
    changed.push({ key: k, before, after, fields });
  }
  return {
    added: [...b].filter(([k]) => !a.has(k)).map(([k, after]) => ({ key: k, after })),
    removed: [...a].filter(([k]) => !b.has(k)).map(([k, before]) => ({ key: k, before })),
    changed,
  };
}

export function catalogChanges(from: CatalogFile, to: CatalogFile): Record<DiffSection, SectionChanges> {
  const items = (c: CatalogFile, s: DiffSection) => ((c as unknown as Record<string, unknown[] | undefined>)[s] ?? []);
  return Object.fromEntries(DIFF_SECTIONS.map((s) => [s, sectionChanges(items(from, s), items(to, s), KEY[s])])) as Record<DiffSection, SectionChanges>;
}
