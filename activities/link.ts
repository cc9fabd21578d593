// Step 3, link: resolve each row's subject to a USCC. This first version takes a valid USCC
// carried by the row (the clean step has already refused one whose check character fails); the
// placeholder for individual businesses and legacy codes stay unlinked until the registry-based
// methods arrive.
import { datasetDefinition } from '../catalog/dataset-definition.ts';
import { findBatch } from '../db/batches.ts';
import { USCC_PLACEHOLDER } from '../domain/codes/index.ts';
import type { ActivityDeps, BatchRef } from './deps.ts';
import { runStepOnce } from './step-once.ts';
import type { StepStats } from './step-once.ts';

export async function link(deps: ActivityDeps, { batchId }: BatchRef): Promise<StepStats> {
  const def = datasetDefinition((await findBatch(deps.db, batchId))!.dataset);
  // The dataset's own USCC field for its subject (subject_uscc in a penalty, uscc in the registry).
  const usccField = def.subjectCodeFields.find((f) => def.fields.find((x) => x.name === f)?.kind === 'uscc');
  return runStepOnce(deps.db, batchId, 'link', async (trx) => {
    if (usccField) {
      await trx.raw(`
        update clean_rows
           set subject_uscc = fields->>:field, link_method = 'uscc', link_confidence = 1
         where batch_id = :batchId and fields->>:field is not null and fields->>:field <> :placeholder`, { batchId, field: usccField, placeholder: USCC_PLACEHOLDER });
    }
    const { rows } = await trx.raw<{ rows: Array<{ linked: number; unlinked: number }> }>(
      `select count(*) filter (where link_method is not null)::int as linked,
              count(*) filter (where link_method is null)::int as unlinked
         from clean_rows where batch_id = ?`, [batchId]);
    return { linked: rows[0]!.linked, unlinked: rows[0]!.unlinked };
  });
}
