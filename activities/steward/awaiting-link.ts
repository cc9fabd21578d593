// A copy whose subject waits for a steward's link decision is not in conflict with a linked copy of
// the same disclosure merely because one is linked and the other not yet. Compare holds such a row
// (class awaiting_link) when it would be the same as the record it meets once linked to that
// record's subject; the link decision then settles it: linked to the same subject it is a duplicate
// source, linked to another (or to none) it is a real disagreement and goes to a steward then.
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { setRole } from '../../db/golden.ts';
import { authoritativeSources, raiseConflicts } from './raise-conflicts.ts';

const WAITING = `exists (select 1 from steward_tasks t where t.batch_id = c.batch_id and t.row_no = c.row_no
  and t.kind = 'uncertain_link' and t.status = 'open')`;

/** In compare, after classification: conflicts that are only about a link not yet decided. */
export async function holdAwaitingLink(trx: Knex.Transaction, batchId: string, dataset: string): Promise<number> {
  // Against a held record, and against the batch's own first row of the key.
  const held = await trx.raw<{ rowCount: number }>(`
    update clean_rows c set class = 'awaiting_link'
      from golden_records g
     where c.batch_id = :batchId and c.class = 'conflict' and c.base_hash is not null and ${WAITING}
       and g.dataset = :dataset and g.natural_key = c.natural_key and g.subject_uscc is not null
       and md5(c.base_hash || '|' || g.subject_uscc) = g.content_hash`, { batchId, dataset });
  const first = await trx.raw<{ rowCount: number }>(`
    update clean_rows c set class = 'awaiting_link'
      from clean_rows f
     where c.batch_id = :batchId and c.class = 'conflict' and c.golden_id is null and c.base_hash is not null and ${WAITING}
       and f.batch_id = c.batch_id and f.natural_key = c.natural_key and f.class = 'new' and f.subject_uscc is not null
       and md5(c.base_hash || '|' || f.subject_uscc) = f.content_hash`, { batchId });
  return held.rowCount + first.rowCount;
}

/** In a link decision on a held row: compared now, as the link step would have folded it. */
export async function releaseAwaitingRow(trx: Knex.Transaction, batchId: string, rowNo: number, uscc: string | null): Promise<void> {
  const row = (await trx('clean_rows as c').join('golden_records as g', 'g.id', 'c.golden_id')
    .where({ 'c.batch_id': batchId, 'c.row_no': rowNo, 'c.class': 'awaiting_link' })
    .first('c.base_hash', 'c.golden_id', 'g.content_hash as held_hash', 'g.dataset')) as
    { base_hash: string; golden_id: number; held_hash: string; dataset: string } | undefined;
  if (!row) return;
  // The link step's fold of a linked subject: md5(base || '|' || uscc) (activities/link/by-code.ts).
  const hash = uscc ? createHash('md5').update(`${row.base_hash}|${uscc}`).digest('hex') : null;
  if (hash === row.held_hash) {
    await trx('clean_rows').where({ batch_id: batchId, row_no: rowNo }).update({ class: 'duplicate', content_hash: hash });
    await setRole(trx, batchId, rowNo, row.golden_id, 'duplicate');
    return;
  }
  await trx('clean_rows').where({ batch_id: batchId, row_no: rowNo }).update({ class: 'conflict', ...(hash ? { content_hash: hash } : {}) });
  const batch = (await trx('batches').where({ id: batchId }).first('catalog_version')) as { catalog_version: number };
  await raiseConflicts(trx, batchId, row.dataset, await authoritativeSources(trx, batch.catalog_version, row.dataset));
}
