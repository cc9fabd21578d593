import { describe, expect, it } from 'vitest';
import { AccuracyAccumulator } from './accumulator.ts';
import { scoreAccuracy } from './join.ts';
import { pairsFromCounts, ratio } from './score.ts';
import type { Outcome, TruthRef } from './score.ts';

const A = '91120101000000001A';
const B = '91120101000000002B';
// Disclosure 1 in three copies (a.csv 1, b.csv 1, c.csv 1), disclosure 2 in two (a.csv 2, b.csv 2),
// disclosure 3 once (a.csv 3) on a natural person, and one invalid row (a.csv 4) of disclosure 4.
const truth: TruthRef[] = [
  { file: 'a.csv', row: 1, disclosureId: 1, trueSubjectUscc: A, valid: true, resolvable: true },
  { file: 'b.csv', row: 1, disclosureId: 1, trueSubjectUscc: A, valid: true, resolvable: true },
  { file: 'c.csv', row: 1, disclosureId: 1, trueSubjectUscc: A, valid: true, resolvable: true, conflictField: 'fine_amount' },
  { file: 'a.csv', row: 2, disclosureId: 2, trueSubjectUscc: B, valid: true, resolvable: true },
  { file: 'b.csv', row: 2, disclosureId: 2, trueSubjectUscc: B, valid: true, resolvable: true },
  { file: 'a.csv', row: 3, disclosureId: 3, trueSubjectUscc: null, valid: true, resolvable: false },
  { file: 'a.csv', row: 4, disclosureId: 4, trueSubjectUscc: B, valid: false, resolvable: true },
];
const perfect = (): Outcome[] => truth.map((t) => ({
  file: t.file, row: t.row, rejected: !t.valid, goldenId: t.valid ? `g${t.disclosureId}` : null, linkedUscc: t.valid ? t.trueSubjectUscc : null,
}));
const edit = (outs: Outcome[], file: string, row: number, change: Partial<Outcome>): Outcome[] =>
  outs.map((o) => (o.file === file && o.row === row ? { ...o, ...change } : o));
const conflict = [[{ file: 'a.csv', row: 1 }, { file: 'c.csv', row: 1 }]];

describe('pair counting', () => {
  it('sums n·(n−1)/2 over group sizes', () => {
    expect(pairsFromCounts([3, 2, 1])).toBe(4);
    expect(pairsFromCounts([])).toBe(0);
  });
  it('gives precision 1 to an empty prediction and recall 1 to an empty truth', () => {
    expect(ratio(0, 0, 5)).toEqual({ precision: 1, recall: 0, f1: 0 });
    expect(ratio(0, 0, 0).f1).toBe(1);
  });
});

describe('scoreAccuracy', () => {
  it('scores a perfect run as perfect', () => {
    const a = scoreAccuracy(truth, perfect(), conflict);
    expect(a.duplicatePairs).toMatchObject({ expected: 4, predicted: 4, truePositive: 4, precision: 1, recall: 1, f1: 1 });
    expect(a.link).toMatchObject({ accuracy: 1, wrongPerMille: 0, resolvable: 5, correct: 5 });
    expect(a).toMatchObject({ invalidRejected: 1, validRejected: 0, conflictsSurfaced: 1, unaccounted: 0, unexpected: 0, rows: 7 });
  });

  it('counts one wrong link as wrong, not merely unlinked', () => {
    const a = scoreAccuracy(truth, edit(perfect(), 'b.csv', 2, { linkedUscc: A }), conflict);
    expect(a.link).toMatchObject({ correct: 4, wrong: 1, unlinked: 0, accuracy: 0.8, wrongPerMille: 200 });
    const b = scoreAccuracy(truth, edit(perfect(), 'b.csv', 2, { linkedUscc: null }), conflict);
    expect(b.link).toMatchObject({ correct: 4, wrong: 0, unlinked: 1, wrongPerMille: 0 });
  });

  it('loses two of three pairs when one copy of a triple is kept apart', () => {
    const a = scoreAccuracy(truth, edit(perfect(), 'c.csv', 1, { goldenId: 'g9' }), conflict);
    expect(a.duplicatePairs).toMatchObject({ expected: 4, predicted: 2, truePositive: 2, precision: 1, recall: 0.5 });
    expect(a.duplicatePairs.f1).toBeCloseTo(2 / 3);
  });

  it('counts false merges against precision', () => {
    const a = scoreAccuracy(truth, edit(perfect(), 'a.csv', 3, { goldenId: 'g2' }), conflict);
    // Golden g2 now holds 3 rows (3 predicted pairs), only 1 of them true.
    expect(a.duplicatePairs).toMatchObject({ predicted: 6, truePositive: 4, precision: 4 / 6, recall: 1 });
  });

  it('scores an accepted invalid row and a rejected valid one', () => {
    let outs = edit(perfect(), 'a.csv', 4, { rejected: false, goldenId: 'g4', linkedUscc: B });
    outs = edit(outs, 'a.csv', 2, { rejected: true, goldenId: null, linkedUscc: null });
    const a = scoreAccuracy(truth, outs, conflict);
    expect(a.invalidRejected).toBe(0);
    expect(a.validRejected).toBeCloseTo(1 / 6);
    expect(a.duplicatePairs).toMatchObject({ expected: 4, truePositive: 3 });
    expect(a.link).toMatchObject({ unlinked: 1, wrong: 0 });
  });

  it('surfaces a planted conflict only when the differing row meets another copy of its disclosure', () => {
    expect(scoreAccuracy(truth, perfect(), []).conflictsSurfaced).toBe(0);
    expect(scoreAccuracy(truth, perfect(), [[{ file: 'c.csv', row: 1 }, { file: 'a.csv', row: 2 }]]).conflictsSurfaced).toBe(0);
    expect(scoreAccuracy(truth, perfect(), [[{ file: 'b.csv', row: 1 }, { file: 'c.csv', row: 1 }]]).conflicts).toEqual({ planted: 1, surfaced: 1 });
  });

  it('reports rows neither accepted nor rejected, and missing or extra ones', () => {
    const outs = edit(perfect(), 'a.csv', 1, { goldenId: null }).filter((o) => !(o.file === 'b.csv' && o.row === 2));
    outs.push({ file: 'z.csv', row: 1, rejected: false, goldenId: 'gz', linkedUscc: null });
    const a = scoreAccuracy(truth, outs, conflict);
    expect(a.unaccounted).toBe(2);
    expect(a.unexpected).toBe(1);
  });

  it('flags a natural person linked to a company', () => {
    const a = scoreAccuracy(truth, edit(perfect(), 'a.csv', 3, { linkedUscc: A }), conflict);
    expect(a.link.wrongOnUnresolvable).toBe(1);
    expect(a.link.wrong).toBe(0);
  });

  it('gives the same result streamed in any order', () => {
    const outs = perfect();
    const acc = new AccuracyAccumulator(conflict);
    for (const k of [6, 2, 0, 5, 1, 4, 3]) acc.add(truth[k]!, outs[k]!);
    expect(acc.result()).toEqual(scoreAccuracy(truth, outs, conflict));
  });

  it('stays linear: 1,000,000 rows in few groups are scored without enumerating pairs', () => {
    const acc = new AccuracyAccumulator();
    for (let i = 0; i < 1_000_000; i++) {
      const t: TruthRef = { file: 'a', row: i + 1, disclosureId: i % 10, trueSubjectUscc: A, valid: true, resolvable: true };
      acc.add(t, { file: 'a', row: i + 1, rejected: false, goldenId: i % 10, linkedUscc: A });
    }
    const a = acc.result();
    expect(a.duplicatePairs.expected).toBe(10 * ((100_000 * 99_999) / 2));
    expect(a.duplicatePairs.f1).toBe(1);
  });
});
