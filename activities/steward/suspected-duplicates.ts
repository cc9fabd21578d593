// Near-duplicates that exact keys miss: a record this batch created that has the same subject and
// the same material values as a record already held, but a natural key one typo away (a character
// wrong, missing or extra, or two swapped). Blocked by subject (an index) and the values SQL can
// compare as stored; the values compared by meaning (罚款1400元 is 罚款0.14万元) are compared here,
// as the content hash compares them. Handed to a steward with a similarity score: never merged silently.
import type { Knex } from 'knex';
import { datasetDefinition } from '../../catalog/dataset-definition.ts';
import { restFields, sameAsCompared } from '../../domain/clean/clean-row.ts';
import { insertSuspectedDuplicates, nearDuplicateCandidates } from '../../db/queries/steward-tasks.ts';
import type { NearDuplicateCandidate } from '../../db/queries/steward-tasks.ts';

export async function raiseSuspectedDuplicates(trx: Knex.Transaction, batchId: string, dataset: string): Promise<number> {
  const def = datasetDefinition(dataset);
  const { plain, folded } = restFields(def);
  const items = new Map<number, NearDuplicateCandidate>();
  // Most similar first for each row: the first whose values agree is its item.
  for (const c of await nearDuplicateCandidates(trx, batchId, plain, def.subject?.idNo ?? null)) {
    if (!items.has(c.rowNo) && sameAsCompared(def, c.fields, c.candidateFields, folded)) items.set(c.rowNo, c);
  }
  return insertSuspectedDuplicates(trx, batchId, [...items.values()]);
}
