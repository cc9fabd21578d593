// Step 4, sync: new disclosures become golden records with their first version; every new and
// duplicate row is recorded as a source of its golden record with the role it played. One
// transaction with the step marker: all or nothing, and a rerun changes nothing.
import { datasetDefinition } from '../catalog/dataset-definition.ts';
import { findBatch, mergeBatchCounts } from '../db/batches.ts';
import {
  createRecords, insertFirstVersions, insertSources, lockDatasetSync, reclassifyAgainstNewRecords, registerSubjects,
} from '../db/queries/pipeline/sync.ts';
import type { ActivityDeps, BatchRef } from './deps.ts';
import { analyze, runStepOnce } from './step-once.ts';
import { applyUpdates } from './sync-updates.ts';
import { raiseSuspectedDuplicates } from './steward/suspected-duplicates.ts';
import { applyAuthoritativeSurvivorship, applyEarlierDecisions, authoritativeSources, raiseConflicts } from './steward/raise-conflicts.ts';
import type { StepStats } from './step-once.ts';

/** Records created by one sync above which the store's statistics are taken again before the
 * joins, inside its transaction; they commit with it, so no ANALYZE after the commit repeats them. */
const ANALYZE_AFTER_RECORDS = 5_000;
const analyzedInside = (created: number): boolean => created >= ANALYZE_AFTER_RECORDS;

export async function sync(deps: ActivityDeps, { batchId }: BatchRef): Promise<StepStats> {
  const batch = (await findBatch(deps.db, batchId))!;
  const stats = await runStepOnce(deps.db, batchId, 'sync', async (trx) => {
    const p = { batchId, dataset: batch.dataset };
    // Syncs of one dataset take turns. Compare ran earlier, outside this lock: another batch may
    // since have created the record for one of our keys. Those rows are classified again against
    // it, so a disagreement becomes a conflict for a steward instead of being merged by accident.
    await lockDatasetSync(trx, batch.dataset);
    await reclassifyAgainstNewRecords(trx, p);
    const created = await createRecords(trx, p);
    const { updated, subjectsCompleted } = await applyUpdates(trx, batchId);
    await insertFirstVersions(trx, batchId);
    const sources = await insertSources(trx, batchId);
    // Many records made in this transaction: the statements below join them with the store, and
    // planned on statistics from before them (or from an aborted attempt's dead rows, which read
    // as an empty table) they ran as nested loops over every pair: 18 minutes for a 333,333-row
    // registry batch. ANALYZE inside the transaction counts its own new rows.
    if (analyzedInside(created)) await analyze(trx, 'golden_records');
    // After the sources: a conflict within the batch names the row its key's record was made from.
    await raiseConflicts(trx, batchId, batch.dataset, await authoritativeSources(deps.db, batch.catalogVersion, batch.dataset));
    const settledByEarlier = await applyEarlierDecisions(trx, batchId);
    const survivorship = await applyAuthoritativeSurvivorship(trx, batchId);
    const suspected = await raiseSuspectedDuplicates(trx, batchId, batch.dataset);
    const def = datasetDefinition(batch.dataset);
    let registered = 0;
    if (def.registry && def.subject) {
      // The registry's new subjects become what later links resolve against.
      registered = await registerSubjects(trx, { ...p, regno: def.subject.regno ?? '', name: def.subject.name });
    }
    return {
      goldenCreated: created,
      goldenUpdated: updated,
      subjectsCompleted,
      sourcesRecorded: sources,
      settledByEarlier,
      survivorship,
      suspected,
      ...(def.registry ? { registered } : {}),
    };
  });
  if (stats.registered) await analyze(deps.db, 'registry_subjects');
  // A second ANALYZE of the same rows cost as much as the first (16 of golden_records took 3.2 s
  // of a 100,000-row run's PostgreSQL time, 7 of them repeats).
  if (!analyzedInside(stats.goldenCreated ?? 0)) await analyze(deps.db, 'golden_records');
  await analyze(deps.db, 'record_sources'); // distribute pages through it next
  await mergeBatchCounts(deps.db, batchId, { goldenCreated: stats.goldenCreated });
  return stats;
}
