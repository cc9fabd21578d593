// Step 4, sync: new disclosures become golden records with their first version; every new and
// duplicate row is recorded as a source of its golden record with the role it played. One
// transaction with the step marker: all or nothing, and a rerun changes nothing.
import { datasetDefinition } from '../catalog/dataset-definition.ts';
import { findBatch, mergeBatchCounts } from '../db/batches.ts';
import type { ActivityDeps, BatchRef } from './deps.ts';
import { analyze, runStepOnce } from './step-once.ts';
import { applySameSourceUpdates } from './sync-updates.ts';
import { raiseSuspectedDuplicates } from './steward/suspected-duplicates.ts';
import { applyAuthoritativeSurvivorship, applyEarlierDecisions, authoritativeSources, raiseConflicts } from './steward/raise-conflicts.ts';
import type { StepStats } from './step-once.ts';

export async function sync(deps: ActivityDeps, { batchId }: BatchRef): Promise<StepStats> {
  const batch = (await findBatch(deps.db, batchId))!;
  const stats = await runStepOnce(deps.db, batchId, 'sync', async (trx) => {
    const p = { batchId, dataset: batch.dataset };
    // Syncs of one dataset take turns. Compare ran earlier, outside this lock: another batch may
    // since have created the record for one of our keys. Those rows are classified again against
    // it, so a disagreement becomes a conflict for a steward instead of being merged by accident.
    await trx.raw(`select pg_advisory_xact_lock(hashtext('cdf:sync:' || :dataset))`, p);
    await trx.raw(`
      update clean_rows c
         set class = case when g.content_hash = c.content_hash then 'duplicate' else 'conflict' end, golden_id = g.id
        from golden_records g
       where c.batch_id = :batchId and c.class in ('new', 'duplicate') and c.golden_id is null
         and g.dataset = :dataset and g.natural_key = c.natural_key`, p);
    const created = await trx.raw<{ rowCount: number }>(`
      insert into golden_records (dataset, natural_key, subject_uscc, fields, content_hash)
      select :dataset, natural_key, subject_uscc, fields, content_hash
        from clean_rows where batch_id = :batchId and class = 'new'
      on conflict (dataset, natural_key) do nothing`, p);
    // Conflict rows point at the record they disagree with (they wait for a steward, not synced).
    await trx.raw(`
      update clean_rows c set golden_id = g.id
        from golden_records g
       where c.batch_id = :batchId and c.class in ('new', 'duplicate', 'conflict') and c.golden_id is null
         and g.dataset = :dataset and g.natural_key = c.natural_key`, p);
    const updated = await applySameSourceUpdates(trx, batchId);
    await trx.raw(`
      insert into golden_versions (golden_id, version, fields, content_hash, batch_id, row_no)
      select golden_id, 1, fields, content_hash, batch_id, row_no
        from clean_rows where batch_id = :batchId and class = 'new'
      on conflict do nothing`, p);
    const sources = await trx.raw<{ rowCount: number }>(`
      insert into record_sources (batch_id, row_no, golden_id, role)
      select batch_id, row_no, golden_id, case class when 'new' then 'chosen' else 'duplicate' end
        from clean_rows where batch_id = :batchId and class in ('new', 'duplicate')
      on conflict do nothing`, p);
    // After the sources: a conflict within the batch names the row its key's record was made from.
    await raiseConflicts(trx, batchId, batch.dataset, await authoritativeSources(deps.db, batch.catalogVersion, batch.dataset));
    const settledByEarlier = await applyEarlierDecisions(trx, batchId);
    const survivorship = await applyAuthoritativeSurvivorship(trx, batchId);
    const suspected = await raiseSuspectedDuplicates(trx, batchId, batch.dataset);
    const def = datasetDefinition(batch.dataset);
    let registered = 0;
    if (def.registry && def.subject) {
      // The registry's new subjects become what later links resolve against.
      const r = await trx.raw<{ rowCount: number }>(`
        insert into registry_subjects (uscc, orgcode, regno, name, name_key, block_key, rep_key, golden_id, batch_id, row_no)
        select subject_uscc, substr(subject_uscc, 9, 9), fields->>:regno, fields->>:name, name_key, cdf_block_key(name_key), rep_key,
               golden_id, batch_id, row_no
          from clean_rows where batch_id = :batchId and class = 'new' and subject_uscc is not null and name_key is not null
        on conflict (uscc) do nothing`, { ...p, regno: def.subject.regno ?? '', name: def.subject.name });
      registered = r.rowCount;
    }
    return {
      goldenCreated: created.rowCount,
      goldenUpdated: updated,
      sourcesRecorded: sources.rowCount,
      settledByEarlier,
      survivorship,
      suspected,
      ...(def.registry ? { registered } : {}),
    };
  });
  if (stats.registered) await analyze(deps.db, 'registry_subjects');
  await analyze(deps.db, 'golden_records');
  await analyze(deps.db, 'record_sources'); // distribute pages through it next
  await mergeBatchCounts(deps.db, batchId, { goldenCreated: stats.goldenCreated });
  return stats;
}
