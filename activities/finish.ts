// Closing a batch: its counts are recomputed from the rows themselves, so what the user is told
// is what the database holds, whatever retries happened on the way.
import { datasetDefinition } from '../catalog/dataset-definition.ts';
import { findBatch } from '../db/batches.ts';
import type { BatchCounts } from '../db/batches.ts';
import {
  batchDoneLogged, cleanFigures, closeBatch, deliveredRecords, failBatch, linkCounts, openLinkItems, receivedRows, recordsMade,
  suspectedDuplicates,
} from '../db/queries/pipeline/finish.ts';
import { rejectedRowCount, rejectsByReason } from '../db/queries/reports.ts';
import { linkQuality } from '../domain/quality.ts';
import { appendAudit } from '../db/audit.ts';
import type { LinkCounts } from '../domain/quality.ts';
import type { ActivityDeps, BatchRef } from './deps.ts';

export async function finish(deps: ActivityDeps, { batchId }: BatchRef): Promise<BatchCounts> {
  const { db } = deps;
  const batch = (await findBatch(db, batchId))!;
  const def = datasetDefinition(batch.dataset);
  const subject = def.subject;
  // The registry is what links resolve against, not a set of links: it has no link figures.
  const linked = Boolean(subject && !def.registry);
  const noLinks: LinkCounts = { organisations: 0, withoutUscc: 0, converted: 0, codeConflictRows: 0 };
  // Each figure is its own read of the settled batch, so they are read side by side: one after
  // another they were half a second of an 80,000-row batch, on one core while the other idled.
  // A row chosen for a record is a new record only when its class is new; a same-source update
  // chosen for a record held is that record's next version, counted apart (recordsMade).
  const [received, clean, link, pending, rej, rejected, golden, suspected, delivered] = await Promise.all([
    receivedRows(db, batchId), cleanFigures(db, batchId), subject && linked ? linkCounts(db, batchId, subject) : noLinks,
    openLinkItems(db, batchId), rejectsByReason(db, batchId), rejectedRowCount(db, batchId), recordsMade(db, batchId),
    suspectedDuplicates(db, batchId), deliveredRecords(db, batchId),
  ]);
  const counts: BatchCounts = {
    received, accepted: clean.accepted, rejected,
    rejectedByCode: Object.fromEntries(rej.map((r) => [r.code, r.rows])),
    new: clean.new, duplicates: clean.duplicates, conflicts: clean.conflicts, updates: clean.updates, outOfResponsibility: clean.outOfResponsibility,
    awaitingLink: clean.awaitingLink,
    linked: clean.linked, unlinked: link.withoutUscc - link.converted, linkPending: pending,
    ...(linked ? { link: { ...link, ...linkQuality(link) } } : {}),
    suspectedDuplicates: suspected, goldenCreated: golden.n, goldenVersions: golden.versions, delivered,
  };
  await db.transaction(async (trx) => {
    await closeBatch(trx, batchId, counts);
    // The batch's lineage event, once (a retried finish does not append it again).
    if (!(await batchDoneLogged(trx, batchId))) {
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
  await failBatch(deps.db, batchId, error);
}
