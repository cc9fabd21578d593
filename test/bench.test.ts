// The benchmark's quick size runs with the suite (no timing assertions: speed is read from the
// results, not asserted). It checks the result's contract — the field names other tools read —
// and the accuracy properties that must hold whatever the speed: every row accounted for, no
// wrong links, no false merges. The agencies mode (files as agencies really send them) runs too, at
// a small size: its figures are checked for presence and bookkeeping, not for the factory's accuracy,
// which is being improved (the lead sets thresholds from bench/results).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runBenchmark } from '../bench/run/benchmark.ts';
import type { BenchResult } from '../bench/run/benchmark.ts';
import { createTestDatabase } from './helpers/factory.ts';
import type { TestDatabase } from './helpers/factory.ts';

let database: TestDatabase;
let out: string;
let result: BenchResult;

beforeAll(async () => {
  database = await createTestDatabase();
  out = mkdtempSync(path.join(os.tmpdir(), 'cdf-bench-'));
  result = await runBenchmark({
    rows: 10_000, seed: 7, outDir: out, log: () => undefined,
    env: { DATABASE_URL: database.url, TEMPORAL_ADDRESS: inject('temporalAddress'), CDF_TASK_QUEUE: `cdf-bench-${process.pid}` },
  });
}, 900_000);
afterAll(async () => {
  await database?.drop();
  rmSync(out, { recursive: true, force: true });
});

it('reports under the contract field names', () => {
  const numbers = [
    result.rows,
    result.pipeline.wallSeconds,
    result.copy.wallSeconds,
    result.ratioToCopy,
    result.peakRssMb.worker,
    result.peakRssMb.api,
    result.postgres.bytesPer1000Records.records,
    result.postgres.bytesPer1000Records.lineage,
    result.accuracy.duplicatePairs.precision,
    result.accuracy.duplicatePairs.recall,
    result.accuracy.duplicatePairs.f1,
    result.accuracy.link.accuracy,
    result.accuracy.link.wrongPerMille,
    result.accuracy.invalidRejected,
    result.accuracy.conflictsSurfaced,
    result.accuracy.unaccounted,
  ];
  for (const n of numbers) expect(Number.isFinite(n)).toBe(true);
  for (const step of ['receive', 'clean', 'compare', 'link', 'sync', 'distribute']) {
    expect(result.pipeline.steps[step]!.rowsPerSecond).toBeGreaterThan(0);
  }
  expect(result.rows).toBeGreaterThanOrEqual(9_000);
  expect(result.pipeline.batches).toBe(8);
  expect(result.peakRssMb.worker).toBeGreaterThan(0);
  expect(result.registry.subjects).toBeGreaterThanOrEqual(3_000);
  // Every penalty batch reaches the demo's three penalty subscriptions; the city platform takes
  // every golden record a batch chose, so at least that many records went out.
  expect(result.distribution.delivery.subscriptions).toBe(3);
  expect(result.distribution.delivery.records).toBeGreaterThanOrEqual(result.postgres.goldenRecords - result.registry.subjects);
  expect(result.distribution.delivery.recordsPerSecond).toBeGreaterThan(0);
  expect(result.distribution.lineage.bytesPerGoldenRecord).toBeGreaterThan(0);
  // The generated penalties are from 2024–2025: by now most have ended their publicity.
  expect(result.distribution.expiry.firstExpired).toBeGreaterThan(0);
  expect(result.distribution.expiry.nextDaySweepSeconds).toBeGreaterThan(0);
  expect(result.distribution.lineage.probe.lookups).toBeGreaterThanOrEqual(100);
  expect(result.distribution.lineage.probe.backwardMedianMs).toBeGreaterThan(0);
  expect(result.registry.rowsPerSecond).toBeGreaterThan(0);
  for (const n of [result.link.conversionRate, result.link.wrongCodePerMille, result.link.fuzzy.probe.medianMs, result.link.fuzzy.probe.p95Ms])
    expect(Number.isFinite(n)).toBe(true);
  expect(result.link.fuzzy.probe.lookups).toBe(200);
  expect(Object.keys(result.link.msByPart)).toEqual(expect.arrayContaining(['msUscc', 'msLegacy', 'msName', 'msFuzzy', 'msCodeConflicts', 'msHash']));
});

it('links subjects named by legacy codes and by name through the registry it loaded first', () => {
  for (const method of ['uscc', 'orgcode', 'taxno', 'regno', 'name']) expect(result.link.byMethod[method], method).toBeGreaterThan(0);
  expect(result.link.conversionRate).toBeGreaterThan(0.9);
});

it('accounts for every row, links no subject wrongly and merges no two disclosures', () => {
  expect(result.accuracy.unaccounted).toBe(0);
  expect(result.accuracy.unexpected).toBe(0);
  expect(result.accuracy.link.wrong).toBe(0);
  expect(result.accuracy.duplicatePairs.precision).toBe(1);
  expect(result.accuracy.duplicatePairs.truePositive).toBeGreaterThan(0);
});

it('says which mode it ran and reports the stewards\' workload', () => {
  expect(result.mode).toBe('default');
  // One batch at a time by default: each step's CPU is its own.
  expect(result.concurrency).toBe(1);
  expect(Object.keys(result.cpu.steps)).toHaveLength(6);
  expectStewardFigures(result);
});

function expectStewardFigures(r: BenchResult): void {
  const { conflicts, suspectedDuplicates, uncertainLinks } = r.stewards;
  expect(conflicts.false + conflicts.real + conflicts.unjudged).toBe(conflicts.raised);
  expect(typeof conflicts.falseByField).toBe('object');
  expect(suspectedDuplicates.false + suspectedDuplicates.real).toBe(suspectedDuplicates.raised);
  expect(suspectedDuplicates.falseDifferentDisclosures + suspectedDuplicates.falseFormattingOnly).toBe(suspectedDuplicates.false);
  expect(Number.isFinite(suspectedDuplicates.falsePerDisclosure)).toBe(true);
  expect(uncertainLinks.resolvableByRule).toBeLessThanOrEqual(uncertainLinks.raised);
  expect(uncertainLinks.raised).toBe(r.link.pendingForStewards);
  const rejected = Object.values(r.accuracy.validRejectedByReason).reduce((a, b) => a + b, 0);
  expect(rejected).toBeGreaterThanOrEqual(Math.round(r.accuracy.validRejected * (r.rows - r.accuracy.invalidRows)));
  expect(r.uploads.accepted + r.uploads.refused.length).toBe(r.uploads.files);
}

describe('in the agencies mode', () => {
  let agencyDb: TestDatabase;
  let agencyOut: string;
  let agencies: BenchResult;

  beforeAll(async () => {
    agencyDb = await createTestDatabase();
    agencyOut = mkdtempSync(path.join(os.tmpdir(), 'cdf-bench-agencies-'));
    agencies = await runBenchmark({
      rows: 3_000, seed: 7, mode: 'agencies', outDir: agencyOut, log: () => undefined,
      env: { DATABASE_URL: agencyDb.url, TEMPORAL_ADDRESS: inject('temporalAddress'), CDF_TASK_QUEUE: `cdf-bench-ag-${process.pid}` },
    });
  }, 900_000);
  afterAll(async () => {
    await agencyDb?.drop();
    if (agencyOut) rmSync(agencyOut, { recursive: true, force: true });
  });

  it('runs end to end, says so, and reports the new figures', () => {
    expect(agencies.mode).toBe('agencies');
    expect(agencies.uploads.files).toBe(8);
    for (const f of agencies.uploads.refused) expect(f.code, f.file).toMatch(/\S/);
    expectStewardFigures(agencies);
    expect(agencies.accuracy.footerRows.written).toBeGreaterThan(0);
  });

  it('accounts for every row: rejected (a refused file\'s rows included) or tied to a golden record', () => {
    expect(agencies.accuracy.rows).toBe(agencies.rows);
    expect(agencies.accuracy.unaccounted).toBe(0);
    expect(agencies.accuracy.unexpected).toBe(0);
    expect(agencies.accuracy.refusedRows).toBe(agencies.uploads.refused.reduce((n, f) => n + f.rows, 0));
  });
});
