// What changed between two catalogue versions, section by section, each item by its key.
import type { CatalogFile } from '../domain/catalog.ts';

export interface SectionDiff {
  added: string[];
  removed: string[];
  changed: Array<{ key: string; fields: Array<{ field: string; from: unknown; to: unknown }> }>;
}

export type CatalogDiff = Record<'regions' | 'agencies' | 'datasets' | 'entries' | 'subscriptions', SectionDiff>;

const KEYS: Record<keyof CatalogDiff, (item: never) => string> = {
  regions: (r: { code: string }) => r.code,
  agencies: (a: { code: string }) => a.code,
  datasets: (d: string) => d,
  entries: (e: { agency: string; dataset: string; region: string; channel: string }) => `${e.agency}/${e.dataset}/${e.region}/${e.channel}`,
  subscriptions: (s: { id: string }) => s.id,
};

function diffSection(from: readonly unknown[], to: readonly unknown[], key: (item: never) => string): SectionDiff {
  const a = new Map(from.map((x) => [key(x as never), x]));
  const b = new Map(to.map((x) => [key(x as never), x]));
  const changed: SectionDiff['changed'] = [];
  for (const [k, x] of a) {
    const y = b.get(k);
    if (y === undefined || typeof x !== 'object' || x === null) continue;
    const fields = [...new Set([...Object.keys(x), ...Object.keys(y as object)])]
      .filter((f) => JSON.stringify((x as Record<string, unknown>)[f]) !== JSON.stringify((y as Record<string, unknown>)[f]))
      .map((f) => ({ field: f, from: (x as Record<string, unknown>)[f], to: (y as Record<string, unknown>)[f] }));
    if (fields.length) changed.push({ key: k, fields });
  }
  return { added: [...b.keys()].filter((k) => !a.has(k)), removed: [...a.keys()].filter((k) => !b.has(k)), changed };
}

export function diffCatalogs(from: CatalogFile, to: CatalogFile): CatalogDiff {
  const section = (s: keyof CatalogDiff) => diffSection((from[s] ?? []) as unknown[], (to[s] ?? []) as unknown[], KEYS[s]);
  return {
    regions: section('regions'),
    agencies: section('agencies'),
    datasets: section('datasets'),
    entries: section('entries'),
    subscriptions: section('subscriptions'),
  };
}

const SECTION_ZH: Record<keyof CatalogDiff, string> = { regions: '区划', agencies: '数源单位', datasets: '数据集', entries: '目录条目', subscriptions: '订阅' };

export function describeDiff(d: CatalogDiff, lang: 'zh-CN' | 'en'): string {
  const zh = lang !== 'en';
  const lines: string[] = [];
  for (const s of Object.keys(d) as Array<keyof CatalogDiff>) {
    const { added, removed, changed } = d[s];
    if (!added.length && !removed.length && !changed.length) continue;
    lines.push(zh ? `${SECTION_ZH[s]}：` : `${s}:`);
    for (const k of added) lines.push(`  + ${k}`);
    for (const k of removed) lines.push(`  - ${k}`);
    for (const c of changed) lines.push(`  ~ ${c.key}: ${c.fields.map((f) => `${f.field} ${JSON.stringify(f.from)} → ${JSON.stringify(f.to)}`).join('; ')}`);
  }
  return lines.length ? lines.join('\n') : zh ? '两个版本相同' : 'the two versions are the same';
}
