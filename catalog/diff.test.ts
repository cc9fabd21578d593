import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { parseCatalogText } from './catalog-file.ts';
import type { CatalogFile } from './catalog-file.ts';
import { describeDiff, diffCatalogs } from './diff.ts';

const text = readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'demo', 'catalog.yaml'), 'utf8');
const demo = (): CatalogFile => parseCatalogText(text, 'c.yaml') as CatalogFile;

it('names what was added, removed and changed, by key', () => {
  const a = demo();
  const b = demo();
  b.entries[0]!.frequency = 'realtime';
  b.agencies = b.agencies.filter((x) => x.code !== 'quanyechang_office');
  b.regions.push({ code: '120104099', level: 'street', parent: '120104', name: { zh: '测试街道', en: 'Test Subdistrict' } });
  const d = diffCatalogs(a, b);
  expect(d.regions.added).toEqual(['120104099']);
  expect(d.agencies.removed).toEqual(['quanyechang_office']);
  expect(d.entries.changed).toEqual([
    { key: 'city_market_regulation/admin_penalty/120000/agency_upload', fields: [{ field: 'frequency', from: 'daily', to: 'realtime' }] },
  ]);
  const zh = describeDiff(d, 'zh-CN');
  expect(zh).toContain('区划：\n  + 120104099');
  expect(zh).toContain('~ city_market_regulation/admin_penalty/120000/agency_upload: frequency "daily" → "realtime"');
  expect(describeDiff(diffCatalogs(a, demo()), 'en')).toBe('the two versions are the same');
});
