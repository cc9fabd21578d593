import { describe, expect, it } from 'vitest';
import type { CatalogFile } from '../../domain/catalog.ts';
import { catalogChanges } from './diff.ts';
import { catalogTree } from './tree.ts';

const entry = (agency: string, region: string, frequency = 'daily') =>
  ({ agency, dataset: 'admin_penalty', region, channel: 'agency_upload' as const, frequency, authoritative: true, share: 'unconditional' });
const catalog: CatalogFile = {
  version: 1,
  regions: [
    { code: '120000', name: { zh: '市', en: 'city' }, level: 'city' },
    { code: '120101', name: { zh: '区', en: 'district' }, level: 'district', parent: '120000' },
  ],
  agencies: [
    { code: 'city_a', uscc: 'X', name: { zh: '市甲', en: 'city A' }, region: '120000', kind: 'bureau' },
    { code: 'dist_b', uscc: 'Y', name: { zh: '区乙', en: 'district B' }, region: '120101', kind: 'bureau' },
  ],
  datasets: ['admin_penalty'],
  entries: [entry('city_a', '120000'), entry('dist_b', '120101')],
};

describe('catalogTree', () => {
  it('puts agencies under their region and marks what a region inherits from above', () => {
    const nodes = catalogTree(catalog);
    expect(nodes.map((n) => [n.key, n.parent, n.inherited, n.inheritedFrom ?? null])).toEqual([
      ['r:120000', null, false, null],
      ['r:120101', 'r:120000', false, null],
      ['r:120000/a:city_a', 'r:120000', false, null],
      ['r:120000/a:city_a/e:city_a/admin_penalty/120000/agency_upload', 'r:120000/a:city_a', false, null],
      ['r:120101/a:dist_b', 'r:120101', false, null],
      ['r:120101/a:dist_b/e:dist_b/admin_penalty/120101/agency_upload', 'r:120101/a:dist_b', false, null],
      ['r:120101/a:city_a', 'r:120101', true, '120000'],
      ['r:120101/a:city_a/e:city_a/admin_penalty/120000/agency_upload', 'r:120101/a:city_a', true, '120000'],
    ]);
  });
});

describe('catalogChanges', () => {
  it('gives added and removed items whole and changed ones with before, after and the fields', () => {
    const next: CatalogFile = { ...catalog, entries: [entry('city_a', '120000', 'weekly')], agencies: [...catalog.agencies] };
    next.agencies.push({ code: 'new_c', uscc: 'Z', name: { zh: '新', en: 'new' }, region: '120000', kind: 'bureau' });
    const d = catalogChanges(catalog, next);
    expect(d.entries.changed).toEqual([{
      key: 'city_a/admin_penalty/120000/agency_upload', before: entry('city_a', '120000'), after: entry('city_a', '120000', 'weekly'),
      fields: [{ field: 'frequency', from: 'daily', to: 'weekly' }],
    }]);
    expect(d.entries.removed).toEqual([{ key: 'dist_b/admin_penalty/120101/agency_upload', before: entry('dist_b', '120101') }]);
    expect(d.agencies.added.map((a) => a.key)).toEqual(['new_c']);
    expect(d.regions).toEqual({ added: [], removed: [], changed: [] });
  });
});
