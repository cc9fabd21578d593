// Convenience for small runs and tests: score whole arrays, joined on (file, row). A 10M-row
// benchmark should instead stream both sides in (file, row) order into AccuracyAccumulator.
import { AccuracyAccumulator } from './accumulator.ts';
import { rowKey } from './score.ts';
import type { Accuracy, Outcome, RaisedConflict, TruthRef } from './score.ts';

export function scoreAccuracy(truth: readonly TruthRef[], outcomes: readonly Outcome[], conflicts: readonly RaisedConflict[] = []): Accuracy {
  const byKey = new Map(outcomes.map((o) => [rowKey(o.file, o.row), o]));
  const acc = new AccuracyAccumulator(conflicts);
  for (const t of truth) {
    const key = rowKey(t.file, t.row);
    acc.add(t, byKey.get(key) ?? null);
    byKey.delete(key);
  }
  return acc.result(byKey.size);
}
