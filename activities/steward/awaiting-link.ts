// A copy whose subject waits for a steward's link decision is not in conflict with a linked copy of
// the same disclosure merely because one is linked and the other not yet. Compare holds such a row
// (class awaiting_link) when it would be the same as the record it meets once linked to that
// record's subject; the link decision then settles it: linked to the same subject it is a duplicate
// source, linked to another (or to none) it is a real disagreement and goes to a steward then.
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { setRole } from '../../db/golden.ts';
import { batchCatalogVersion } from '../../db/queries/batches.ts';
import { awaitingRow, holdAwaitingLinkRows, setRowClass } from '../../db/queries/clean-rows.ts';
import { authoritativeSources, raiseConflicts } from './raise-conflicts.ts';

/** In compare, after classification: conflicts that are only about a link not yet decided. */
export async function holdAwaitingLink(trx: Knex.Transaction, batchId: string, dataset: string): Promise<number> {
  return holdAwaitingLinkRows(trx, batchId, dataset);
}

/** In a link decision on a held row: compared now, as the link step would have folded it. */
export async function releaseAwaitingRow(trx: Knex.Transaction, batchId: string, rowNo: number, uscc: string | null): Promise<void> {
  const row = await awaitingRow(trx, batchId, rowNo);
  if (!row) return;
  // The link step's fold of a linked subject: md5(base || '|' || uscc) (activities/link/by-code.ts).
  const hash = uscc ? createHash('md5').update(`${row.base_hash}|${uscc}`).digest('hex') : null;
  if (hash === row.held_hash) {
    await setRowClass(trx, batchId, rowNo, 'duplicate', hash);
    await setRole(trx, batchId, rowNo, row.golden_id, 'duplicate');
    return;
  }
  await setRowClass(trx, batchId, rowNo, 'conflict', hash);
  const catalogVersion = await batchCatalogVersion(trx, batchId);
  await raiseConflicts(trx, batchId, row.dataset, await authoritativeSources(trx, catalogVersion, row.dataset));
}
