// 重错码 within a batch, after linking: one unregistered code carried by rows naming clearly
// different subjects, and one subject (the same name) carried with two different USCCs. The kinds
// found against the registry (a USCC or legacy code whose registered name disagrees, a USCC
// repaired from a typo) are recorded by the link methods themselves (by-code.ts). The statements
// are db/queries/pipeline/link-conflicts.ts.
//
// uscc_nonconforming: a USCC the clean step accepted although it breaks GB 32100 in a way genuinely
// issued codes do (its own check holds but the embedded organisation code fails; a 2015 Fujian
// pilot code): kept, linked like any USCC, and listed here for a person to confirm.
import type { Knex } from 'knex';
import { datasetDefinition } from '../../catalog/dataset-definition.ts';
import { checkUscc } from '../../domain/codes/index.ts';
import {
  batchDataset, flagOneCodeTwoSubjects, flagOneSubjectTwoCodes, insertCodeConflicts, nonconformingUsccCandidates,
} from '../../db/queries/pipeline/link-conflicts.ts';
import type { LinkScope } from '../../db/queries/pipeline/link.ts';

export const CODE_CONFLICT_KINDS = [
  'uscc_name_mismatch', 'code_name_mismatch', 'uscc_check_failed', 'one_code_two_subjects', 'one_subject_two_codes', 'uscc_nonconforming',
] as const;
export type CodeConflictKind = (typeof CODE_CONFLICT_KINDS)[number];

export async function flagBatchCodeConflicts(trx: Knex.Transaction, s: LinkScope): Promise<void> {
  await flagNonconformingUscc(trx, s);
  const codeFields = (['uscc', 'orgcode', 'regno', 'taxno'] as const).flatMap((k) => s.subject[k] ?? []);
  await flagOneCodeTwoSubjects(trx, s, codeFields);
  await flagOneSubjectTwoCodes(trx, s);
}

/** Every USCC field of the dataset (the subject's, the authority's …), not only the subject's. */
async function usccFields(trx: Knex.Transaction, s: LinkScope): Promise<string[]> {
  const dataset = await batchDataset(trx, s.batchId);
  const fields = dataset ? datasetDefinition(dataset).fields.filter((f) => f.kind === 'uscc').map((f) => f.name) : [];
  return fields.length ? fields : s.subject.uscc ? [s.subject.uscc] : [];
}

// SQL only narrows the batch to the few candidates; checkUscc, the one definition of the rule, decides.
async function flagNonconformingUscc(trx: Knex.Transaction, s: LinkScope): Promise<void> {
  for (const f of await usccFields(trx, s)) {
    const rows = await nonconformingUsccCandidates(trx, s.batchId, f);
    const flagged = rows.flatMap((r) => {
      const check = checkUscc(r.code);
      if (check.status !== 'nonconforming') return [];
      const detail = { field: f, reasons: check.reasons.map((x) => ({ code: x.code, zh: x.zh, en: x.en })) };
      return [{ batch_id: s.batchId, row_no: r.row_no, kind: 'uscc_nonconforming', code: r.code, subject_uscc: r.subject_uscc, detail }];
    });
    // One entry per row and kind (the table's key): a second nonconforming field of the row is not listed again.
    await insertCodeConflicts(trx, flagged);
  }
}
