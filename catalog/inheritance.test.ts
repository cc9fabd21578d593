import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { refusal } from '../test/helpers/refusal.ts';
import { checkCatalog, parseCatalogText } from './catalog-file.ts';
import type { CatalogFile } from './catalog-file.ts';
import { effectiveEntries } from './inheritance.ts';

const demoText = readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'demo', 'catalog.yaml'), 'utf8');
const demo = (): CatalogFile => structuredClone(parseCatalogText(demoText, 'catalog.yaml') as CatalogFile);
const entry = (c: CatalogFile, agency: string, channel = 'agency_upload') => c.entries.find((e) => e.agency === agency && e.channel === channel)!;

/** The demo's Hedong district entry (no streets below it) under the city's market-regulation entry. */
function withDistrictEntry(change: (e: CatalogFile['entries'][number]) => void): CatalogFile {
  const c = demo();
  const e = { ...entry(c, 'hedong_market_regulation') };
  change(e);
  c.entries = c.entries.map((x) => (x.agency === 'hedong_market_regulation' ? e : x));
  return c;
}

const refused = (c: CatalogFile) => refusal(() => checkCatalog(c, 'test.yaml'));

describe('three levels', () => {
  it('accepts the demo catalogue', () => {
    expect(checkCatalog(demo(), 'catalog.yaml').regions.length).toBeGreaterThan(16);
  });

  it('lets a district narrow its parent: more frequent, shared less, not published', () => {
    expect(() => checkCatalog(withDistrictEntry((e) => { e.frequency = 'realtime'; e.share = 'conditional'; e.publish = false; }), 't')).not.toThrow();
  });

  it('refuses a district that updates less often than the city requires', () => {
    const e = refused(withDistrictEntry((x) => { x.frequency = 'monthly'; }));
    expect(e.code).toBe('CDF_CATALOG_INVALID');
    expect(e.messages.zh).toMatch(/\/entries\/\d+：与上级目录条目 \/entries\/0 矛盾：更新频率「每月」低于上级要求的「每日」/);
    expect(e.messages.en).toContain('update frequency monthly is less frequent than the parent\'s daily');
  });

  it('refuses a district that shares more than the city allows', () => {
    const c = withDistrictEntry(() => undefined);
    entry(c, 'city_market_regulation').share = 'conditional';
    expect(refused(c).messages.zh).toContain('共享类型「无条件共享」比上级的「有条件共享」更宽');
  });

  it('refuses a district that makes a non-authoritative channel authoritative (one datum, one source)', () => {
    const c = demo();
    c.agencies.push({
      code: 'heping_vertical',
      uscc: '11120101000040010E',
      region: '120101',
      kind: 'platform',
      name: { zh: '和平区垂直系统', en: 'Heping vertical' },
    });
    c.entries.push({
      agency: 'heping_vertical',
      dataset: 'admin_penalty',
      region: '120101',
      channel: 'national_vertical',
      frequency: 'daily',
      authoritative: true,
      share: 'unconditional',
      publish: true,
    });
    expect(refused(c).messages.zh).toContain('下级不能另立权威来源（一数一源）');
  });

  it('refuses a second authoritative channel for one agency and dataset', () => {
    const c = demo();
    c.entries.push({ ...entry(c, 'city_market_regulation'), channel: 'scheduled_pull' });
    expect(refused(c).messages.en).toContain('already has an authoritative channel agency_upload');
  });

  it('refuses an agency supplying outside its area', () => {
    const c = demo();
    entry(c, 'hedong_market_regulation').region = '120104';
    expect(refused(c).messages.zh).toContain('不能为其辖区外的 120104 报送');
  });

  it('refuses a street whose code does not sit under its district, and a street under a city', () => {
    const c = demo();
    c.regions.find((r) => r.code === '120101001')!.parent = '120104';
    expect(refused(c).messages.zh).toContain('街乡镇代码 120101001 应以所属区代码 120104 开头');
    const d = demo();
    d.regions.find((r) => r.code === '120101001')!.parent = '120000';
    expect(refused(d).messages.en).toContain('is at the wrong level');
  });

  it('gives a street its own entries and those of its district and city', () => {
    const c = demo();
    const street = effectiveEntries(c, '120101001');
    expect(street.some((e) => e.agency === 'city_market_regulation' && e.inheritedFrom === '120000')).toBe(true);
    expect(street.some((e) => e.agency === 'heping_market_regulation' && e.inheritedFrom === '120101')).toBe(true);
    expect(effectiveEntries(c, '120104').some((e) => e.agency === 'heping_market_regulation')).toBe(false);
  });
});
