import { describe, expect, it } from 'vitest';
import { StewardAccumulator } from './stewards.ts';
import type { StewardInput, TruthFacts } from './stewards.ts';

// Disclosure 1: a.csv 1, b.csv 1 (formatting only), c.csv 1 (the planted conflict).
// Disclosure 2: a.csv 2 and b.csv 2, the latter with a planted docno typo (its own golden record).
// Disclosure 3: a.csv 3, and disclosure 4: a.csv 4, on one subject (a false suspicion).
// Disclosure 5: a.csv 5 and b.csv 5, document numbers differing only by 第 (two golden records).
const truth: TruthFacts[] = [
  { file: 'a.csv', row: 1, disclosureId: 1, resolvable: true, trueSubjectUscc: 'U1', noise: [] },
  { file: 'b.csv', row: 1, disclosureId: 1, resolvable: true, trueSubjectUscc: 'U1', noise: ['content:yuan'] },
  { file: 'c.csv', row: 1, disclosureId: 1, resolvable: true, trueSubjectUscc: 'U1', noise: [], conflictField: 'fine_amount' },
  { file: 'a.csv', row: 2, disclosureId: 2, resolvable: true, trueSubjectUscc: 'U2', noise: [] },
  { file: 'b.csv', row: 2, disclosureId: 2, resolvable: true, trueSubjectUscc: 'U2', noise: ['docno:typo'] },
  { file: 'a.csv', row: 3, disclosureId: 3, resolvable: true, trueSubjectUscc: 'U3', noise: [] },
  { file: 'a.csv', row: 4, disclosureId: 4, resolvable: true, trueSubjectUscc: 'U3', noise: ['name:prefix'] },
  { file: 'a.csv', row: 5, disclosureId: 5, resolvable: false, trueSubjectUscc: null, noise: ['name:typo'] },
  { file: 'b.csv', row: 5, disclosureId: 5, resolvable: true, trueSubjectUscc: 'U5', noise: ['docno:di'] },
];
const input = (): StewardInput => ({
  conflicts: [
    { incoming: { file: 'b.csv', row: 1 }, held: { file: 'a.csv', row: 1 }, differs: ['penalty_content'] },
    { incoming: { file: 'c.csv', row: 1 }, held: { file: 'a.csv', row: 1 } },
    { incoming: { file: 'a.csv', row: 4 }, held: { file: 'a.csv', row: 3 } },
    { incoming: { file: 'a.csv', row: 9 }, held: null },
  ],
  suspects: [
    { recordGolden: 21, candidateGolden: 20 },
    { recordGolden: 4, candidateGolden: 3 },
    { recordGolden: 51, candidateGolden: 50 },
  ],
  uncertainLinks: [{ file: 'a.csv', row: 5 }, { file: 'a.csv', row: 4 }],
  sourcesOf: new Map([
    ['20', [{ file: 'a.csv', row: 2 }]], ['21', [{ file: 'b.csv', row: 2 }]],
    ['3', [{ file: 'a.csv', row: 3 }]], ['4', [{ file: 'a.csv', row: 4 }]],
    ['50', [{ file: 'a.csv', row: 5 }]], ['51', [{ file: 'b.csv', row: 5 }]],
  ]),
});

describe('the stewards\' workload', () => {
  const acc = new StewardAccumulator(input());
  for (const t of truth) acc.add(t);
  const r = acc.result(5);

  it('calls a conflict false when only formatting separates two copies of one disclosure', () => {
    expect(r.conflicts).toEqual({ raised: 4, false: 1, real: 2, acrossDisclosures: 1, unjudged: 1, falseByField: { penalty_content: 1 } });
  });

  it('calls a suspected duplicate real only for a planted docno typo', () => {
    expect(r.suspectedDuplicates).toEqual({
      raised: 3, false: 2, real: 1, falseDifferentDisclosures: 1, falseFormattingOnly: 1, falsePerDisclosure: 2 / 5,
    });
  });

  it('counts uncertain links a rule could have resolved, by the name noise of their rows', () => {
    expect(r.uncertainLinks).toEqual({ raised: 2, resolvableByRule: 1, byNameNoise: { 'name:typo': 1, 'name:prefix': 1 } });
  });
});
