// Closing a batch: its counts are recomputed from the rows themselves, so what the user is told
// is what the database holds, whatever retries happened on the way.
import { datasetDefinition } from '../catalog/dataset-definition.ts';
import { findBatch } from '../db/batches.ts';
import type { BatchCounts } from '../db/batches.ts';
import { linkQuality } from '../domain/quality.ts';
import { appendAudit } from '../db/audit.ts';
import type { LinkCounts } from '../domain/quality.ts';
import { bindings } from './link/by-code.ts';
import type { ActivityDeps, BatchRef } from './deps.ts';

export async function finish(deps: ActivityDeps, { batchId }: BatchRef): Promise<BatchCounts> {
  const { db } = deps;
  const one = async <T>(sql: string): Promise<T> => ((await db.raw(sql, [batchId])) as { rows: T[] }).rows[0]!;
  const raw = await one<{ received: number }>('select count(*)::int as received from raw_rows where batch_id = ?');
  const clean = await one<{
    accepted: number;
    new: number;
    duplicates: number;
    conflicts: number;
    updates: number;
    outOfResponsibility: number;
    awaitingLink: number;
    linked: number;
    unlinked: number;
  }>(`
    select count(*)::int as accepted,
           count(*) filter (where class = 'new')::int as new,
           count(*) filter (where class = 'duplicate')::int as duplicates,
           count(*) filter (where class = 'conflict')::int as conflicts,
           count(*) filter (where class = 'update')::int as updates,
           count(*) filter (where class = 'out_of_responsibility')::int as "outOfResponsibility",
           count(*) filter (where class = 'awaiting_link')::int as "awaitingLink",
           count(*) filter (where subject_uscc is not null)::int as linked
      from clean_rows where batch_id = ?`);
  const batch = (await findBatch(db, batchId))!;
  const def = datasetDefinition(batch.dataset);
  const subject = def.subject;
  let link: LinkCounts = { organisations: 0, withoutUscc: 0, converted: 0, codeConflictRows: 0 };
  // The registry is what links resolve against, not a set of links: it has no link figures.
  const linked = Boolean(subject && !def.registry);
  if (subject && linked) {
    link = (
      (await db.raw(
        `
      select count(*)::int as organisations,
             count(*) filter (where link_method is distinct from 'uscc')::int as "withoutUscc",
             count(*) filter (where link_method is distinct from 'uscc' and subject_uscc is not null)::int as converted,
             (select count(distinct row_no) from code_conflicts k where k.batch_id = :batchId)::int as "codeConflictRows"
        from clean_rows c where c.batch_id = :batchId and coalesce(c.fields->>:cat, '') <> :person`,
        bindings({ batchId, subject }),
      )) as { rows: LinkCounts[] }
    ).rows[0]!;
  }
  const pending = await one<{ n: number }>(`select count(*)::int as n from steward_tasks where batch_id = ? and kind = 'uncertain_link' and status = 'open'`);
  const rej = (await db.raw(`select code, count(distinct row_no)::int as n from rejects where batch_id = ? group by code order by code`, [batchId])) as {
    rows: Array<{ code: string; n: number }>;
  };
  const rejected = await one<{ n: number }>('select count(distinct row_no)::int as n from rejects where batch_id = ?');
  // A row chosen for a record is a new record only when its class is new; a same-source update
  // chosen for a record held is that record's next version, counted apart.
  const golden = await one<{ n: number; versions: number }>(`
    select count(*) filter (where c.class = 'new')::int as n, count(*) filter (where c.class = 'update')::int as versions
      from record_sources s join clean_rows c on c.batch_id = s.batch_id and c.row_no = s.row_no
     where s.batch_id = ? and s.role = 'chosen'`);
  const suspected = await one<{ n: number }>(`select count(*)::int as n from steward_tasks where batch_id = ? and kind = 'suspected_duplicate'`);
  const delivered = await one<{ n: number }>('select coalesce(sum(records), 0)::int as n from deliveries where batch_id = ?');
  const counts: BatchCounts = {
    received: raw.received, accepted: clean.accepted, rejected: rejected.n,
    rejectedByCode: Object.fromEntries(rej.rows.map((r) => [r.code, r.n])),
    new: clean.new, duplicates: clean.duplicates, conflicts: clean.conflicts, updates: clean.updates, outOfResponsibility: clean.outOfResponsibility,
    awaitingLink: clean.awaitingLink,
    linked: clean.linked, unlinked: link.withoutUscc - link.converted, linkPending: pending.n,
    ...(linked ? { link: { ...link, ...linkQuality(link) } } : {}),
    suspectedDuplicates: suspected.n, goldenCreated: golden.n, goldenVersions: golden.versions, delivered: delivered.n,
  };
  await db.transaction(async (trx) => {
    await trx('batches').where({ id: batchId }).update({
      counts: JSON.stringify(counts), status: 'done', step: null, finished_at: trx.fn.now(), updated_at: trx.fn.now(),
    });
    // The batch's lineage event, once (a retried finish does not append it again).
    if (!(await trx('audit_log').where({ kind: 'batch_done', subject: `batch:${batchId}` }).first('seq'))) {
      await appendAudit(trx, {
        actor: `pipeline:${batch.createdBy}`,
        kind: 'batch_done',
        subject: `batch:${batchId}`,
        payload: {
          agency: batch.agency,
          dataset: batch.dataset,
          channel: batch.channel,
          fileName: batch.fileName,
          fileSha256: batch.fileSha256,
          catalogVersion: batch.catalogVersion,
          counts,
        },
      });
    }
  });
  return counts;
}

export async function fail(deps: ActivityDeps, { batchId, error }: BatchRef & { error: unknown }): Promise<void> {
  await deps.db('batches').where({ id: batchId }).update({ status: 'failed', error: JSON.stringify(error), updated_at: deps.db.fn.now() });
}
