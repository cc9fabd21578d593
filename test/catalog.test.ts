// The catalogue through the `cdf` command on a real database: versions, diff, inheritance seen
// from a street, and an import that fails validation changing nothing.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { DEMO_CATALOG } from '../catalog/demo/load-demo.ts';
import type { CatalogFile } from '../catalog/catalog-file.ts';
import { runCdf } from './helpers/cli.ts';
import { createTestFactory } from './helpers/factory.ts';
import type { TestFactory } from './helpers/factory.ts';

let f: TestFactory;
beforeAll(async () => {
  f = await createTestFactory({ inProcessWorker: false });
});
afterAll(async () => f?.close());

const variant = (name: string, change: (c: CatalogFile) => void): string => {
  const c = parse(readFileSync(DEMO_CATALOG, 'utf8')) as CatalogFile;
  change(c);
  const file = path.join(f.config.dataDir, name);
  writeFileSync(file, stringify(c));
  return file;
};

it('keeps every change as a version with who and when, and shows what changed', async () => {
  expect(JSON.parse((await runCdf(['catalog', 'import', DEMO_CATALOG, '--json'], f.env)).stdout)).toEqual({ version: 1, created: true });
  expect(JSON.parse((await runCdf(['catalog', 'import', DEMO_CATALOG, '--json'], f.env)).stdout)).toEqual({ version: 1, created: false });
  // (Making the city's market-regulation entry realtime would be refused: the districts under it
  // promise daily. The ecology bureau has no district entries under it.)
  const faster = variant('faster.yaml', (c) => { c.entries.find((e) => e.agency === 'city_ecology')!.frequency = 'daily'; });
  expect(JSON.parse((await runCdf(['catalog', 'import', faster, '--json', '--as', 'admin@wang'], f.env)).stdout)).toEqual({ version: 2, created: true });
  const versions = JSON.parse((await runCdf(['catalog', 'versions', '--json'], f.env)).stdout) as Array<{ id: number; importedBy: string }>;
  expect(versions.map((v) => [v.id, v.importedBy])).toEqual([[1, 'cli'], [2, 'wang']]);
  const diff = await runCdf(['catalog', 'diff', '1', '2'], f.env);
  expect(diff.stdout).toContain('目录条目：\n  ~ city_ecology/admin_penalty/120000/agency_upload: frequency "weekly" → "daily"');
});

it('makes an earlier content current again when it is imported again: a new version that says which one it restores', async () => {
  const weekly = (v: { catalog: CatalogFile }) => v.catalog.entries.find((e) => e.agency === 'city_ecology')!.frequency;
  const show = async () => JSON.parse((await runCdf(['catalog', 'show', '--json'], f.env)).stdout) as { version: number; catalog: CatalogFile };
  expect(weekly(await show())).toBe('daily');
  const back = await runCdf(['catalog', 'import', DEMO_CATALOG, '--json', '--as', 'admin@li'], f.env);
  expect(JSON.parse(back.stdout)).toEqual({ version: 3, created: true, restores: 1 });
  // The one in force is the content imported last, not the newest content that was ever new.
  const current = await show();
  expect([current.version, weekly(current)]).toEqual([3, 'weekly']);
  expect(JSON.parse((await runCdf(['catalog', 'import', DEMO_CATALOG, '--json'], f.env)).stdout)).toEqual({ version: 3, created: false });
  const versions = JSON.parse((await runCdf(['catalog', 'versions', '--json'], f.env)).stdout) as Array<{ id: number; restores: number | null }>;
  expect(versions.map((v) => [v.id, v.restores])).toEqual([[1, null], [2, null], [3, 1]]);
  expect((await runCdf(['catalog', 'import', DEMO_CATALOG], f.env)).stdout).toContain('仍为版本 3');
  expect((await runCdf(['catalog', 'diff', '1', '3'], f.env)).stdout).not.toContain('frequency');
});

it('refuses an import that contradicts a parent level and changes nothing', async () => {
  const before = JSON.parse((await runCdf(['catalog', 'versions', '--json'], f.env)).stdout) as unknown[];
  const bad = variant('bad.yaml', (c) => {
    c.entries.find((e) => e.agency === 'heping_market_regulation')!.share = 'unconditional';
    c.entries[0]!.share = 'none';
  });
  const r = await runCdf(['catalog', 'import', bad], f.env);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('CDF_CATALOG_INVALID');
  expect(r.stderr).toMatch(/\/entries\/\d+：与上级目录条目 \/entries\/0 矛盾：共享类型「无条件共享」比上级的「不予共享」更宽/);
  expect(JSON.parse((await runCdf(['catalog', 'versions', '--json'], f.env)).stdout)).toEqual(before);
});

it('shows a street the entries it inherits from its district and city', async () => {
  const r = JSON.parse((await runCdf(['catalog', 'show', '--region', '120101001', '--json'], f.env)).stdout) as {
    entries: Array<{ agency: string; inheritedFrom?: string }>;
  };
  expect(r.entries).toEqual(expect.arrayContaining([
    expect.objectContaining({ agency: 'quanyechang_office' }),
    expect.objectContaining({ agency: 'heping_market_regulation', inheritedFrom: '120101' }),
    expect.objectContaining({ agency: 'city_market_regulation', inheritedFrom: '120000' }),
  ]));
});
