import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../generate/dataset.ts';
import type { Summary } from '../generate/truth.ts';
import { scoreAccuracy } from './join.ts';
import type { Outcome, RaisedConflict, TruthRef } from './score.ts';
import { readTruth } from './truth-files.ts';

let dir = '';
let summary: Summary;
const truth: TruthRef[] = [];
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'cdf-acc-'));
  summary = await generateDataset({ rows: 5000, seed: 3, outDir: dir });
  for await (const t of readTruth(dir)) truth.push(t);
});
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

describe('scoring a generated run', () => {
  it('reads back one truth row per generated row', () => {
    expect(truth).toHaveLength(summary.rows);
  });

  it('gives an oracle factory perfect marks and the summary\'s own counts', () => {
    const outcomes: Outcome[] = truth.map((t) => ({
      file: t.file, row: t.row, rejected: !t.valid, goldenId: t.valid ? t.disclosureId : null, linkedUscc: t.valid ? t.trueSubjectUscc : null,
    }));
    const byDisclosure = new Map<number, TruthRef[]>();
    for (const t of truth) if (t.valid) byDisclosure.set(t.disclosureId, [...(byDisclosure.get(t.disclosureId) ?? []), t]);
    const conflicts: RaisedConflict[] = [...byDisclosure.values()].filter((ts) => ts.some((t) => t.conflictField));
    const a = scoreAccuracy(truth, outcomes, conflicts);
    expect(a.duplicatePairs).toMatchObject({ expected: summary.duplicatePairsExpected, precision: 1, recall: 1, f1: 1 });
    expect(a.link.accuracy).toBe(1);
    expect(a).toMatchObject({ invalidRejected: 1, conflictsSurfaced: 1, unaccounted: 0, invalidRows: summary.invalidRows });
    expect(a.conflicts.planted).toBe(summary.conflictsPlanted);
  });

  it('shows a factory that merges nothing and links nothing for what it is', () => {
    const outcomes: Outcome[] = truth.map((t) => ({ file: t.file, row: t.row, rejected: false, goldenId: `${t.file}#${t.row}`, linkedUscc: null }));
    const a = scoreAccuracy(truth, outcomes);
    expect(a.duplicatePairs).toMatchObject({ predicted: 0, recall: 0, f1: 0 });
    expect(a.link).toMatchObject({ accuracy: 0, wrongPerMille: 0 });
    expect(a.invalidRejected).toBe(0);
  });
});
