// Updates: a row that differs from a record its own source supplied earlier (同源更新: same agency,
// same channel, an earlier batch) is that source's newer version, not a conflict; so is a linked
// copy of a record whose earlier copy was left unlinked and differs from it in nothing else (the
// subject it lacked). The record takes the row as its next version; the earlier row is superseded.
// Per record, one row of the batch counts (for a source's update its last: a file listing a record
// twice keeps its second word); a conflict the updated record now equals is a duplicate of it, and
// any other differing row of the batch stays a conflict for a steward. Set-based, inside sync's
// transaction and lock.
import type { Knex } from 'knex';
import {
  applyUpdatesToRecords, markSameSourceUpdates, markSubjectCompletions, recordUpdateVersions, settleConflictsWithUpdatedRecords,
} from '../db/queries/pipeline/sync.ts';

export interface Updates { updated: number; subjectsCompleted: number }

export async function applyUpdates(trx: Knex.Transaction, batchId: string): Promise<Updates> {
  await markSameSourceUpdates(trx, batchId);
  const subjectsCompleted = await markSubjectCompletions(trx, batchId);
  const updated = await applyUpdatesToRecords(trx, batchId);
  if (updated) {
    await recordUpdateVersions(trx, batchId);
    await settleConflictsWithUpdatedRecords(trx, batchId);
  }
  return { updated, subjectsCompleted };
}
