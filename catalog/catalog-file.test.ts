import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CdfError } from '../domain/errors.ts';
import { checkCatalog, parseCatalogText } from './catalog-file.ts';
import type { CatalogFile } from './catalog-file.ts';
import { refusal } from '../test/helpers/refusal.ts';

const demoPath = path.join(path.dirname(fileURLToPath(import.meta.url)), 'demo', 'catalog.yaml');
const demoText = readFileSync(demoPath, 'utf8');

/** A fresh, mutable copy of the demo catalogue. */
const demo = (): CatalogFile => parseCatalogText(demoText, 'catalog.yaml') as CatalogFile;


/** Checks a broken copy of the demo and returns the CDF_CATALOG_INVALID error. */
function invalid(breakIt: (c: CatalogFile) => void): CdfError {
  const c = demo();
  breakIt(c);
  const e = refusal(() => checkCatalog(c, 'broken.yaml'));
  expect(e.code).toBe('CDF_CATALOG_INVALID');
  expect(e.kind).toBe('data');
  return e;
}

/** Both messages name the path; the problem is also in the context. */
function expectPath(e: CdfError, jsonPath: string): void {
  expect(e.messages.zh).toContain(`  ${jsonPath}：`);
  expect(e.messages.en).toContain(`  ${jsonPath}: `);
  expect(e.context.problems).toEqual(expect.arrayContaining([expect.objectContaining({ path: jsonPath })]));
}

describe('checkCatalog', () => {
  it('accepts the demo catalogue', () => {
    const c = checkCatalog(demo(), 'catalog.yaml');
    expect(c.version).toBe(1);
    expect(c.datasets).toEqual(['admin_penalty', 'admin_licence', 'legal_person_registry', 'red_list', 'black_list']);
    expect(c.entries).toHaveLength(35);
    expect(c.agencies.map((a) => a.code)).toContain('city_market_regulation');
  });

  it('refuses an entry naming an unknown agency', () => {
    const e = invalid((c) => { c.entries[2]!.agency = 'no_such_agency'; });
    expectPath(e, '/entries/2/agency');
    expect(e.messages.zh).toContain('目录文件 broken.yaml 有 1 处错误');
    expect(e.messages.zh).toContain('数源单位 no_such_agency 不存在');
    expect(e.messages.en).toContain('catalogue file broken.yaml has 1 problem(s)');
    expect(e.messages.en).toContain('agency no_such_agency does not exist');
    expect(e.context.file).toBe('broken.yaml');
  });

  it('refuses an entry in an unknown region', () => {
    const e = invalid((c) => { c.entries[1]!.region = '129999'; });
    expectPath(e, '/entries/1/region');
    expect(e.messages.zh).toContain('区划 129999 不存在');
    expect(e.messages.en).toContain('region 129999 does not exist');
  });

  it('refuses an agency in an unknown region', () => {
    const e = invalid((c) => { c.agencies[3]!.region = '129998'; });
    expectPath(e, '/agencies/3/region');
  });

  it('refuses a dataset with no definition file', () => {
    const e = invalid((c) => { c.datasets.push('no_such_dataset'); });
    expectPath(e, '/datasets/5');
    expect(e.messages.zh).toContain('catalog/datasets/no_such_dataset.yaml');
    expect(e.messages.en).toContain('dataset no_such_dataset has no definition');
  });

  it('refuses an entry whose dataset is not listed', () => {
    const e = invalid((c) => { c.entries[0]!.dataset = 'no_such_dataset'; });
    expectPath(e, '/entries/0/dataset');
  });

  it('refuses a district without parent', () => {
    const e = invalid((c) => { delete c.regions[3]!.parent; });
    expectPath(e, '/regions/3/parent');
    expect(e.messages.zh).toContain('区级区划必须有上级');
    expect(e.messages.en).toContain('a district region needs a parent');
  });

  it('refuses a parent that does not exist', () => {
    const e = invalid((c) => { c.regions[18]!.parent = '120199'; });
    expectPath(e, '/regions/18/parent');
    expect(e.messages.en).toContain('parent region 120199 does not exist');
  });

  it('refuses a wrong channel with the allowed values', () => {
    const e = invalid((c) => { (c.entries[0] as { channel: string }).channel = 'email'; });
    expectPath(e, '/entries/0/channel');
    expect(e.messages.zh).toContain('agency_upload');
    expect(e.messages.en).toContain('must be equal to one of the allowed values: ["agency_upload","national_vertical","district_platform","scheduled_pull"]');
  });

  it('refuses a missing required property, naming it', () => {
    const e = invalid((c) => { delete (c.entries[4] as Partial<CatalogFile['entries'][number]>).frequency; });
    expectPath(e, '/entries/4');
    expect(e.messages.zh).toContain('frequency');
    expect(e.messages.en).toContain("must have required property 'frequency'");
  });

  it('lists every problem, counted', () => {
    const e = invalid((c) => {
      c.entries[0]!.agency = 'ghost_one';
      c.entries[5]!.region = '129997';
    });
    expectPath(e, '/entries/0/agency');
    expectPath(e, '/entries/5/region');
    expect(e.messages.zh).toContain('有 2 处错误');
    expect(e.messages.en).toContain('has 2 problem(s)');
  });
});

describe('parseCatalogText', () => {
  it('reads YAML and JSON', () => {
    expect(parseCatalogText('version: 1\ndatasets: [admin_penalty]\n', 'c.yaml')).toEqual({ version: 1, datasets: ['admin_penalty'] });
    expect(parseCatalogText('{"version": 1}', 'c.json')).toEqual({ version: 1 });
  });

  it('refuses broken YAML with CDF_CATALOG_SYNTAX naming the file', () => {
    const e = refusal(() => parseCatalogText('regions: [1, 2\nagencies: {', 'bad.yaml'));
    expect(e.code).toBe('CDF_CATALOG_SYNTAX');
    expect(e.kind).toBe('data');
    expect(e.messages.zh).toMatch(/^目录文件 bad\.yaml 无法解析：/);
    expect(e.messages.en).toMatch(/^catalogue file bad\.yaml cannot be parsed: /);
    expect(e.context.file).toBe('bad.yaml');
  });

  it('refuses broken JSON with CDF_CATALOG_SYNTAX', () => {
    const e = refusal(() => parseCatalogText('{"version": ', 'bad.json'));
    expect(e.code).toBe('CDF_CATALOG_SYNTAX');
    expect(e.messages.en).toContain('catalogue file bad.json cannot be parsed');
  });
});
