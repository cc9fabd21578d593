import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { datasetDefinition } from '../../catalog/dataset-definition.ts';
import { addMonths, endedBefore, maskName, publicFields, publicationOf, publicity, repairAllowed } from './public-view.ts';
import type { PublicityRules } from './public-view.ts';

const RULES: PublicityRules = { version: 1, regimes: [
  { id: 'a', from: '2019-07-01', zh: '', en: '', defaultMonths: 12, maxMonths: 36 },
  { id: 'b', from: '2023-05-01', zh: '', en: '', defaultMonths: 6, maxMonths: 24, repairAfterMonths: 3 },
] };

describe('publicFields', () => {
  const def = datasetDefinition('admin_penalty');
  it('masks ID numbers and a natural person\'s name, and nothing of an organisation', () => {
    expect(publicFields(def, { subject_category: '自然人', subject_name: '王立军', subject_id_no: '11010519491231002X', fine_amount: '0.2' }))
      .toEqual({ subject_category: '自然人', subject_name: '王**', subject_id_no: '110105********002X', fine_amount: '0.2' });
    expect(publicFields(def, { subject_category: '法人及非法人组织', subject_name: '天津市和平区福源科技有限公司', legal_rep: '张建国', legal_rep_id_no: '120104198503120034' }))
      .toEqual({ subject_category: '法人及非法人组织', subject_name: '天津市和平区福源科技有限公司', legal_rep: '张建国', legal_rep_id_no: '120104********0034' });
    expect(maskName('王')).toBe('*');
  });
});

describe('publicity', () => {
  it('chooses the regime by decision date and ends at the record\'s own end, capped by the maximum', () => {
    expect(publicity(RULES, '2023-04-30', undefined, '2024-01-01')).toEqual({ regime: 'a', rulesVersion: 1, until: '2024-04-30', published: true });
    expect(publicity(RULES, '2023-05-01', undefined, '2024-01-01')).toEqual({ regime: 'b', rulesVersion: 1, until: '2023-11-01', published: false });
    expect(publicity(RULES, '2023-05-01', '2030-01-01', '2024-01-01')?.until).toBe('2025-05-01');
    expect(publicity(RULES, '2024-01-31', undefined, '2024-01-01')?.until).toBe('2024-07-31');
    expect(publicity(RULES, '2023-08-31', undefined, '2024-01-01')?.until).toBe('2024-02-29');
  });
  it('publishes nothing decided before any regime', () => {
    expect(publicity(RULES, '2018-01-01', undefined, '2024-01-01')).toBeNull();
  });
});

describe('repairAllowed', () => {
  it('allows credit repair once the minimum period has run, and not where the regime provides none', () => {
    expect(repairAllowed(RULES, '2024-01-10', '2024-04-09')).toEqual({ allowed: false, earliest: '2024-04-10', regime: 'b' });
    expect(repairAllowed(RULES, '2024-01-10', '2024-04-10')).toEqual({ allowed: true, earliest: '2024-04-10', regime: 'b' });
    expect(repairAllowed(RULES, '2020-01-10', '2024-04-10')).toEqual({ allowed: false, earliest: null, regime: 'a' });
  });
});

describe('publicationOf', () => {
  it('applies the penalty regimes, a licence\'s validity and a listing\'s removal', () => {
    expect(publicationOf('penalty_publicity', RULES, { decision_date: '2023-05-01' }, '2023-10-01')).toMatchObject({
      regime: 'b',
      until: '2023-11-01',
      published: true,
    });
    expect(publicationOf('penalty_publicity', RULES, {}, '2023-10-01')).toBeNull();
    expect(publicationOf('licence_validity', null, { valid_until: '2024-01-31' }, '2024-02-01')).toMatchObject({ until: '2024-01-31', published: false });
    expect(publicationOf('licence_validity', null, {}, '2024-02-01')).toMatchObject({ until: '9999-12-31', published: true });
    // Removed on 1 March: the last day of publication is 29 February, even with a later validity.
    expect(publicationOf('list_validity', null, { valid_until: '2025-01-01', removal_date: '2024-03-01' }, '2024-02-29')).toMatchObject({
      until: '2024-02-29',
      published: true,
    });
    expect(publicationOf('list_validity', null, { valid_until: '2025-01-01', removal_date: '2024-03-01' }, '2024-03-01')).toMatchObject({ published: false });
    expect(publicationOf(undefined, null, { valid_until: '2025-01-01' }, '2024-03-01')).toBeNull();
  });
});

describe('endedBefore', () => {
  // As the store tests a bound: the field filled, and earlier than the day (ISO dates compare as text).
  const meets = (fields: Record<string, string>, bounds: ReturnType<typeof endedBefore>) =>
    bounds.some((b) => !!fields[b.field] && fields[b.field]! < b.before);
  const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
  const DAY = 86_400_000;
  const today = fc.integer({ min: 17_800, max: 22_600 }).map((d) => iso(d * DAY));
  // Dates near today's bounds (from 40 months before to a year after), sometimes empty or absent.
  const offset = (t: string) => fc.integer({ min: -1_220, max: 366 }).map((o) => iso(Date.parse(t) + o * DAY));
  const near = (t: string) => fc.option(fc.oneof(offset(t), fc.constant('')), { nil: undefined });
  const fieldsOf = (t: string) => fc.record({ decision_date: near(t), publicity_until: near(t), valid_until: near(t), removal_date: near(t) })
    .map((f) => Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as Record<string, string>);
  const caseOf = today.chain((t) => fc.tuple(fc.constant(t), fieldsOf(t)));

  it('never withholds a record publicationOf would publish', () => {
    for (const [period, rules] of [['penalty_publicity', RULES], ['licence_validity', null], ['list_validity', null]] as const) {
      fc.assert(fc.property(caseOf, ([day, fields]) => {
        if (meets(fields, endedBefore(period, rules, day))) expect(publicationOf(period, rules, fields, day)?.published ?? false).toBe(false);
      }), { numRuns: 20_000 });
    }
  });

  it('catches what has plainly ended: a past named end, a decision older than the longest period, a past validity or removal', () => {
    const today = '2026-12-02';
    const penalty = endedBefore('penalty_publicity', RULES, today);
    expect(meets({ decision_date: '2026-01-05', publicity_until: '2026-12-01' }, penalty)).toBe(true);
    expect(meets({ decision_date: '2026-01-05', publicity_until: '2026-12-02' }, penalty)).toBe(false);
    expect(meets({ decision_date: addMonths(today, -38) }, penalty)).toBe(true);
    expect(meets({ decision_date: addMonths(today, -30) }, penalty)).toBe(false);
    const licence = endedBefore('licence_validity', null, today);
    expect(meets({ valid_until: '2026-12-01' }, licence)).toBe(true);
    expect(meets({ valid_until: '2026-12-02' }, licence)).toBe(false);
    expect(meets({ removal_date: '2026-12-02' }, licence)).toBe(true);
    expect(meets({ removal_date: '2026-12-03' }, licence)).toBe(false);
    expect(endedBefore(undefined, null, today)).toEqual([]);
    expect(endedBefore('penalty_publicity', null, today)).toEqual([]);
  });
});
