// Conflicts to the steward queue: each row that disagrees with the golden record of its key becomes
// an item with both sides' differing values, both sources, the rule that raised it and a suggested
// resolution (survivorship: the catalogue's authoritative channel wins, then the most recent).
import type { Knex } from 'knex';
import { appendAudit } from '../../db/audit.ts';
import { appendVersion, chooseSource } from '../../db/golden.ts';
import { catalogVersion } from '../../db/catalog.ts';
import type { Db } from '../../db/connect.ts';
import { rowValues } from '../../db/queries/clean-rows.ts';
import { lockGoldenState } from '../../db/queries/golden.ts';
import { setRoles } from '../../db/queries/sources.ts';
import { insertConflictTasks, markSurvivorshipApplied, reopenEarlierDecisions, settleByEarlierDecisions } from '../../db/queries/steward-tasks.ts';
import { datasetDefinition, LINKED_SUBJECT } from '../../catalog/dataset-definition.ts';
import { surviving } from '../../domain/steward/survivorship.ts';

/** "agency|channel" of every source the catalogue names authoritative for the dataset. */
export async function authoritativeSources(db: Db, version: number, dataset: string): Promise<string[]> {
  const { content } = await catalogVersion(db, version);
  return content.entries.filter((e) => e.dataset === dataset && e.authoritative).map((e) => `${e.agency}|${e.channel}`);
}

export async function raiseConflicts(trx: Knex.Transaction, batchId: string, dataset: string, authoritative: string[]): Promise<void> {
  const material = datasetDefinition(dataset).material.filter((f) => f !== LINKED_SUBJECT);
  await insertConflictTasks(trx, batchId, material, authoritative);
}

/** What an earlier decision makes of a row that repeats the disagreement it settled. */
const ROLE_BY_EARLIER_ACTION = { take_held: 'overruled', take_incoming: 'overruled', set_values: 'overruled', reject: 'rejected_by_steward' } as const;

/**
 * Decisions are durable knowledge. A conflict that repeats one already decided (the same record
 * offered content that decision overruled: a re-upload, the other channel's copy, next month's
 * extract) is settled by that decision, cited, with no new work for a steward. A conflict on a
 * record whose earlier decision saw other values reopens that decision: the earlier item is
 * marked reopened and the new item names it.
 */
export async function applyEarlierDecisions(trx: Knex.Transaction, batchId: string): Promise<number> {
  const settled = await settleByEarlierDecisions(trx, batchId);
  await appendAudit(
    trx,
    ...settled.map((r) => ({
      actor: 'rule:earlier_decision',
      kind: 'rule_decision',
      subject: `task:${r.id}`,
      payload: { batchId, rowNo: r.row_no, goldenId: r.golden_id, action: r.action, cites: r.cites },
    })),
  );
  await setRoles(
    trx,
    settled.map((r) => ({
      batch_id: batchId,
      row_no: r.row_no,
      golden_id: r.golden_id,
      role: ROLE_BY_EARLIER_ACTION[r.action as keyof typeof ROLE_BY_EARLIER_ACTION],
    })),
  );
  await reopenEarlierDecisions(trx, batchId);
  return settled.length;
}

/**
 * Survivorship while a steward reviews: where the incoming row comes from the catalogue's
 * authoritative source and the record was built from a source that is not, the authoritative
 * values are the record's next version at once (the item stays open; it records that its
 * suggestion was applied, and a steward who decides otherwise reverts it).
 */
export async function applyAuthoritativeSurvivorship(trx: Knex.Transaction, batchId: string): Promise<number> {
  const rows = await markSurvivorshipApplied(trx, batchId);
  for (const r of rows) {
    const row = await rowValues(trx, batchId, r.row_no);
    const g = await lockGoldenState(trx, r.golden_id);
    const version = await appendVersion(
      trx,
      g,
      { fields: surviving(g.fields, row.fields), subject: row.subject_uscc ?? g.subject_uscc },
      { batchId, rowNo: r.row_no },
    );
    await chooseSource(trx, r.golden_id, batchId, r.row_no);
    await appendAudit(trx, {
      actor: 'rule:authoritative_survivorship',
      kind: 'rule_decision',
      subject: `task:${r.id}`,
      payload: { batchId, rowNo: r.row_no, goldenId: r.golden_id, version, applied: 'take_incoming' },
    });
  }
  return rows.length;
}
