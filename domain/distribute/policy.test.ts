import { describe, expect, it } from 'vitest';
import { readCatalogFile } from '../../catalog/catalog-file.ts';
import type { Subscription } from '../catalog.ts';
import { matchMeasures, recordFilter, regionDivisions, regionsWithin, sharePermit } from './policy.ts';

const { catalog } = readCatalogFile(new URL('../../catalog/demo/catalog.yaml', import.meta.url).pathname);
const sub = (id: string): Subscription => catalog.subscriptions!.find((s) => s.id === id)!;
const TAX = { agency: 'city_tax', channel: 'agency_upload' };

describe('sharePermit', () => {
  it('shares unconditional entries with anyone and conditional ones only under a grant in force', () => {
    const binhai = sub('binhai_platform_penalties');
    expect(sharePermit(catalog, binhai, { agency: 'city_market_regulation', channel: 'agency_upload' }, '2026-11-22')).toEqual({ ok: true });
    const granted = sharePermit(catalog, binhai, TAX, '2026-11-22');
    expect(granted.ok && granted.grant?.basis).toBe('津信用办〔2026〕12号（演示）');
    // The grant runs to the end of 2027 and starts in 2026.
    expect(sharePermit(catalog, binhai, TAX, '2028-01-01')).toMatchObject({ ok: false, reason: 'no_grant' });
    expect(sharePermit(catalog, binhai, TAX, '2025-12-31')).toMatchObject({ ok: false, reason: 'no_grant' });
    const other = { ...binhai, subscriber: 'hexi_ecology' };
    const refused = sharePermit(catalog, other, TAX, '2026-11-22');
    expect(refused).toMatchObject({ ok: false, reason: 'no_grant' });
    expect(!refused.ok && refused.why.zh).toBe('city_tax 的 admin_penalty 为有条件共享，hexi_ecology 没有有效的共享授权');
  });
  it('never shares an entry marked none, publishes only what the entry publishes, and gives a provider its own records', () => {
    const none = {
      ...catalog,
      entries: catalog.entries.map((e) => (e.agency === 'city_tax' && e.dataset === 'admin_penalty' ? { ...e, share: 'none', publish: false } : e)),
    };
    expect(sharePermit(none, sub('binhai_platform_penalties'), TAX, '2026-11-22')).toMatchObject({ ok: false, reason: 'not_shared' });
    expect(sharePermit(none, sub('public_disclosure_outbox'), TAX, '2026-11-22')).toMatchObject({ ok: false, reason: 'not_published' });
    expect(sharePermit(none, { ...sub('binhai_platform_penalties'), subscriber: 'city_tax' }, TAX, '2026-11-22')).toEqual({ ok: true });
    expect(sharePermit(catalog, sub('binhai_platform_penalties'), { agency: 'city_high_court', channel: 'agency_upload' }, '2026-11-22')).toMatchObject({
      ok: false,
      reason: 'no_entry',
    });
  });
});

describe('recordFilter', () => {
  it('takes subjects registered in the region, and everything a provider inside it supplied', () => {
    const binhai = sub('binhai_platform_penalties');
    const fromCity = recordFilter(catalog, binhai, { agency: 'city_market_regulation', channel: 'agency_upload' });
    expect(fromCity({ subjectUscc: '91120116MA05XXXX0X', fields: {} })).toBe(true);
    expect(fromCity({ subjectUscc: '91120104MA05XXXX0X', fields: {} })).toBe(false);
    expect(fromCity({ subjectUscc: null, fields: {} })).toBe(false);
    expect(recordFilter(catalog, binhai, { agency: 'tanggu_office', channel: 'agency_upload' })({ subjectUscc: '91120104MA05XXXX0X', fields: {} })).toBe(true);
    expect(regionsWithin(catalog, ['120116']).has('120116051')).toBe(true);
  });
  it('gives the divisions that alone decide only when the provider sits outside the regions', () => {
    const binhai = sub('binhai_platform_penalties');
    const divisions = regionDivisions(catalog, binhai, { agency: 'city_market_regulation', channel: 'agency_upload' });
    expect(divisions?.has('120116')).toBe(true);
    expect(divisions?.has('120104')).toBe(false);
    // A provider inside the regions: every record it supplied is theirs, whatever its subject.
    expect(regionDivisions(catalog, binhai, { agency: 'tanggu_office', channel: 'agency_upload' })).toBeNull();
    expect(regionDivisions(catalog, sub('public_disclosure_outbox'), TAX)).toBeNull();
  });
  it('asks the regions before the fields: a record outside them may come without its fields', () => {
    const fromCity = recordFilter(catalog, { ...sub('binhai_platform_penalties'), filter: { penalty_type: '罚款' } },
      { agency: 'city_market_regulation', channel: 'agency_upload' });
    expect(fromCity({ subjectUscc: '91120104MA05XXXX0X', fields: null as unknown as Record<string, unknown> })).toBe(false);
    expect(fromCity({ subjectUscc: '91120116MA05XXXX0X', fields: { penalty_type: '罚款' } })).toBe(true);
  });
  it('applies a field filter with one value or several', () => {
    const f = recordFilter(catalog, { ...sub('public_disclosure_outbox'), filter: { penalty_type: ['罚款', '警告'], subject_category: '法人及非法人组织' } }, TAX);
    expect(f({ subjectUscc: null, fields: { penalty_type: '警告', subject_category: '法人及非法人组织' } })).toBe(true);
    expect(f({ subjectUscc: null, fields: { penalty_type: '没收违法所得', subject_category: '法人及非法人组织' } })).toBe(false);
    expect(f({ subjectUscc: null, fields: { penalty_type: '警告', subject_category: '自然人' } })).toBe(false);
  });
});

describe('matchMeasures', () => {
  const tax = sub('tax_black_list');
  it('attaches the department\'s measures that match the conduct, only while the listing is in force', () => {
    const listed = { dishonesty_type: '虚开增值税发票（税收违法）', list_type: '严重失信主体名单', valid_until: '2027-06-30' };
    expect(matchMeasures(catalog, tax, listed, '2026-11-22')!.map((m) => `${m.code}:${m.action}`)).toEqual([
      'tax_invoice_limit:block',
      'tax_incentive_review:prompt',
    ]);
    expect(matchMeasures(catalog, tax, { ...listed, dishonesty_type: '拒不履行生效判决' }, '2026-11-22')!.map((m) => m.code)).toEqual(['tax_incentive_review']);
    expect(matchMeasures(catalog, tax, { ...listed, removal_date: '2026-11-01' }, '2026-11-22')).toEqual([]);
    expect(matchMeasures(catalog, tax, listed, '2027-07-01')).toEqual([]);
    expect(matchMeasures(catalog, sub('binhai_platform_penalties'), listed, '2026-11-22')).toBeUndefined();
  });
});
