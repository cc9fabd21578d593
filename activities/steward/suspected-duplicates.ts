// Near-duplicates that exact keys miss: a record this batch created that has the same subject and
// the same material values as a record already held, but a document number a typo away. Blocked
// by subject (an index), scored by the trigram similarity of the natural keys, and handed to a
// steward as a suspected duplicate with its score: never merged silently.
import type { Knex } from 'knex';
import { datasetDefinition, LINKED_SUBJECT } from '../../catalog/dataset-definition.ts';
import { insertSuspectedDuplicates } from '../../db/queries/steward-tasks.ts';

/** Natural keys at least this similar (pg_trgm) make a suspicion; a one-character typo in a document number scores about 0.7–0.9. */
export const SUSPECT_SIMILARITY = 0.6;

export async function raiseSuspectedDuplicates(trx: Knex.Transaction, batchId: string, dataset: string): Promise<number> {
  const def = datasetDefinition(dataset);
  // The material values besides the key: equal in both records, or it is not the same disclosure.
  const rest = def.material.filter((f) => f !== LINKED_SUBJECT && !def.naturalKey.includes(f));
  return insertSuspectedDuplicates(trx, batchId, SUSPECT_SIMILARITY, rest);
}
