import { describe, expect, it } from 'vitest';
import { checkRic, checkUscc } from '../../domain/codes/index.ts';
import { batchesOf, demoSources, licenceRecord, makeRegistry, penaltyRecord, planOf, registryRecord } from './generate.ts';

const sources = demoSources();
const registry = makeRegistry(3, 5000);
const penaltySources = sources.filter((s) => s.dataset === 'admin_penalty');

describe('the page benchmark generators', () => {
  it('divide N records into registry, penalties and licences that add up to N', () => {
    expect(planOf(1_000_000)).toEqual({ legal_person_registry: 200_000, admin_penalty: 650_000, admin_licence: 150_000 });
    for (const n of [1000, 12_345, 1_000_000]) expect(Object.values(planOf(n)).reduce((a, b) => a + b, 0)).toBe(n);
  });

  it('make batches that hold exactly the dataset\'s rows, from the catalogue\'s sources of that dataset', () => {
    const batches = batchesOf(3, 'admin_penalty', 65_000, sources);
    expect(batches.reduce((n, b) => n + b.rows, 0)).toBe(65_000);
    expect(new Set(batches.map((b) => b.source.dataset))).toEqual(new Set(['admin_penalty']));
    expect(batches.every((b) => b.rows >= 1 && b.rows <= 600 && b.ageDays >= 0 && b.ageDays < 365)).toBe(true);
    // The relaying channels carry copies: no original comes through them.
    expect(batches.some((b) => ['national_vertical', 'district_platform'].includes(b.source.channel))).toBe(false);
    // Spread over the catalogue: city, district and street agencies all send.
    expect(new Set(batches.map((b) => b.source.region.length === 9 ? 'street' : b.source.region === '120000' ? 'city' : 'district')))
      .toEqual(new Set(['city', 'district', 'street']));
    expect(batchesOf(3, 'legal_person_registry', 45_000, sources).map((b) => b.rows)).toEqual([20_000, 20_000, 5000]);
  });

  it('give subjects valid codes: USCCs with their check character, resident IDs of natural persons', () => {
    let persons = 0;
    for (let i = 0; i < 2000; i++) {
      const r = penaltyRecord(3, registry, penaltySources[i % penaltySources.length]!, i);
      if (r.fields.subject_category === '自然人') {
        persons++;
        expect(checkRic(r.fields.subject_id_no!).valid).toBe(true);
        expect(r.subjectUscc).toBeNull();
      } else {
        expect(checkUscc(r.fields.subject_uscc!).valid).toBe(true);
        expect(r.subjectUscc).toBe(r.fields.subject_uscc);
      }
      expect(checkUscc(r.fields.authority_uscc!).valid).toBe(true);
    }
    expect(persons).toBeGreaterThan(80);
    expect(persons).toBeLessThan(260);
    for (let i = 0; i < 500; i++) expect(checkUscc(registryRecord(registry, i).fields.uscc!).valid).toBe(true);
  });

  it('are deterministic: the same seed gives the same records, another seed others', () => {
    const src = penaltySources[3]!;
    expect(penaltyRecord(3, registry, src, 42)).toEqual(penaltyRecord(3, makeRegistry(3, 5000), src, 42));
    expect(licenceRecord(3, registry, sources.find((s) => s.dataset === 'admin_licence')!, 9))
      .toEqual(licenceRecord(3, registry, sources.find((s) => s.dataset === 'admin_licence')!, 9));
    expect(penaltyRecord(4, makeRegistry(4, 5000), src, 42).fields).not.toEqual(penaltyRecord(3, registry, src, 42).fields);
    expect(batchesOf(3, 'admin_penalty', 10_000, sources)).toEqual(batchesOf(3, 'admin_penalty', 10_000, sources));
  });

  it('key every record apart, as the pipeline keys them (decision number and authority)', () => {
    const keys = new Set<string>();
    for (let i = 0; i < 3000; i++) keys.add(penaltyRecord(3, registry, penaltySources[i % penaltySources.length]!, i).naturalKey);
    expect(keys.size).toBe(3000);
    const r = penaltyRecord(3, registry, sources.find((s) => s.agency === 'city_market_regulation' && s.dataset === 'admin_penalty')!, 122);
    expect(r.fields.decision_no).toMatch(/^津市场监管罚〔20(23|24|25)〕1122号$/);
    expect(r.naturalKey).toBe(`${r.fields.decision_no}|111200000000100140`);
    expect(r.contentHash).toMatch(/^[0-9a-f]{32}$/);
  });

  it('penalise a district agency\'s own subjects', () => {
    const heping = penaltySources.find((s) => s.agency === 'heping_market_regulation')!;
    const own = Array.from({ length: 200 }, (_, i) => penaltyRecord(3, registry, heping, i)).filter((r) => r.subjectUscc);
    expect(own.filter((r) => r.subjectUscc!.slice(2, 8) === '120101').length).toBe(own.length);
  });
});
