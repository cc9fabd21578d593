// Step 3, compare: classify every accepted row against the golden records and the rest of its
// batch, set-based. new: the first row of a key nobody holds; duplicate: same key
// and same material content as what is held (or as the batch's first row of that key); conflict:
// same key, different material content. Conflicts wait for a steward and are not synced; a row
// whose only difference is a subject link a steward has yet to decide waits for that decision
// (awaiting_link) instead. A large batch is classified in parts, ranges of its natural keys run at
// once on every worker (a key's rows are all in one range), then one finish sees the batch whole.
import type { Knex } from 'knex';
import { datasetDefinition } from '../catalog/dataset-definition.ts';
import { findBatch } from '../db/batches.ts';
import type { Batch } from '../db/batches.ts';
import { catalogVersion } from '../db/catalog.ts';
import { classCounts, classifyRows, keyRanges, markOutOfResponsibilityRows } from '../db/queries/pipeline/compare.ts';
import type { KeyRange } from '../db/queries/pipeline/compare.ts';
import type { ActivityDeps, BatchRef } from './deps.ts';
import { sqlSlots } from './part-slots.ts';
import { holdAwaitingLink } from './steward/awaiting-link.ts';
import { doneStats, heartbeatWhile, planParts, runStepOnce } from './step-once.ts';
import type { StepStats } from './step-once.ts';

export type { KeyRange } from '../db/queries/pipeline/compare.ts';
export interface ComparePart extends BatchRef, KeyRange {}

/** The key ranges still to classify: none when the step is done. */
export async function comparePlan({ db, config }: ActivityDeps, { batchId }: BatchRef): Promise<KeyRange[]> {
  return planParts(db, batchId, 'compare', () => keyRanges(db, batchId, config.partRows));
}

/** One key range classified: one statement, so all or nothing; run again, it classifies the
 * range again (a key nobody holds draws a new id for its record, which nothing has used yet). */
export async function comparePart(deps: ActivityDeps, { batchId, from, to }: ComparePart): Promise<void> {
  const { db } = deps;
  if (await doneStats(db, batchId, 'compare')) return;
  const batch = (await findBatch(db, batchId))!;
  // Heartbeats while it waits for a slot and while the statement runs.
  await heartbeatWhile(sqlSlots.run(() => classifyRows(db, batchId, batch.dataset, { from, to })));
}

/** After every part: what needs the batch whole (rows waiting for a link, another authority's
 * rows), the figures and the step's marker, in one transaction. */
export async function compareFinish(deps: ActivityDeps, { batchId }: BatchRef): Promise<StepStats> {
  const batch = (await findBatch(deps.db, batchId))!;
  return runStepOnce(deps.db, batchId, 'compare', (trx) => settle(trx, batch));
}

/** The whole step in one activity, as workflow histories from before the parts replay it. */
export async function compare(deps: ActivityDeps, { batchId }: BatchRef): Promise<StepStats> {
  const batch = (await findBatch(deps.db, batchId))!;
  return runStepOnce(deps.db, batchId, 'compare', async (trx) => {
    await classifyRows(trx, batchId, batch.dataset);
    return settle(trx, batch);
  });
}

async function settle(trx: Knex.Transaction, batch: Batch): Promise<StepStats> {
  await holdAwaitingLink(trx, batch.id, batch.dataset);
  await markOutOfResponsibility(trx, batch);
  const by = await classCounts(trx, batch.id);
  return {
    new: by.new ?? 0, duplicates: by.duplicate ?? 0, conflicts: by.conflict ?? 0, outOfResponsibility: by.out_of_responsibility ?? 0,
    awaitingLink: by.awaiting_link ?? 0,
  };
}

/**
 * 一数一源: in an agency's own upload, a record decided by another authority that the catalogue
 * names a source of this dataset is not this agency's to report. It is classified
 * out_of_responsibility (counted as the agency's double reporting) and not synced: the
 * responsible authority's own upload is the record's source.
 */
async function markOutOfResponsibility(trx: Knex.Transaction, batch: Batch): Promise<void> {
  const field = datasetDefinition(batch.dataset).responsibleBy;
  if (!field || batch.channel !== 'agency_upload') return;
  const { content } = await catalogVersion(trx, batch.catalogVersion);
  const uscc = new Map(content.agencies.map((a) => [a.code, a.uscc]));
  const own = uscc.get(batch.agency);
  const responsible = [...new Set(content.entries.filter((e) => e.dataset === batch.dataset && e.agency !== batch.agency && e.channel === 'agency_upload')
    .map((e) => uscc.get(e.agency)).filter((u): u is string => !!u && u !== own))];
  if (!responsible.length) return;
  await markOutOfResponsibilityRows(trx, batch.id, field, responsible);
}
