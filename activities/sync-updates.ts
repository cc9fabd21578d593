// Updates (同源更新): a row that differs from a record its own source supplied earlier (same agency,
// same channel, an earlier batch) is that source's newer version, not a conflict. The record takes
// it as its next version; the earlier row is superseded. Per record, the batch's last such row
// counts (a file listing a record twice keeps its second word); any other differing row of the
// batch stays a conflict for a steward. Set-based, inside sync's transaction and lock.
import type { Knex } from 'knex';
import { applyUpdatesToRecords, markSameSourceUpdates, recordUpdateVersions } from '../db/queries/pipeline/sync.ts';

export async function applySameSourceUpdates(trx: Knex.Transaction, batchId: string): Promise<number> {
  await markSameSourceUpdates(trx, batchId);
  const updated = await applyUpdatesToRecords(trx, batchId);
  if (updated) await recordUpdateVersions(trx, batchId);
  return updated;
}
