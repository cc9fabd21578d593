// Link by another copy of the same disclosure. One decision document of one authority names one
// subject: when a row's natural key (document number and authority) is a record already linked —
// held as a golden record, or another row of this batch linked by a code — and the row's own name
// or legal representative agrees with that subject's registration, the row is about that subject.
// Without this, a copy that names its subject only by a differently written name waits for a
// steward, and meanwhile differs from its linked twin in `$subject`: two false work items for one
// disclosure that a rule settles.
import type { Knex } from 'knex';
import { bindings, openRows, setSubject } from './by-code.ts';
import type { LinkScope } from './by-code.ts';

/** Confidence of a link through a copy: below a code's, above any name match. */
export const COPY_CONFIDENCE = 0.95;

export async function linkBySiblingCopy(trx: Knex.Transaction, s: LinkScope, dataset: string): Promise<number> {
  const open = openRows('o');
  const r = await trx.raw<{ rowCount: number }>(`
    with linked as (
      select natural_key, subject_uscc as uscc from golden_records
       where dataset = :dataset and status = 'active' and subject_uscc is not null
      union
      select natural_key, subject_uscc from clean_rows where batch_id = :batchId and subject_uscc is not null
    ), agreeing as (
      select o.row_no, min(k.uscc) as uscc
        from clean_rows o
        join linked k on k.natural_key = o.natural_key
        join registry_subjects r on r.uscc = k.uscc
       where ${open}
         and ((o.name_key is not null and similarity(o.name_key, r.name_key) >= :same) or (o.rep_key is not null and o.rep_key = r.rep_key))
       group by o.row_no
      having count(distinct k.uscc) = 1
    )
    update clean_rows c set ${setSubject(s, 'a.uscc')}, link_method = 'copy', link_confidence = ${COPY_CONFIDENCE}
      from agreeing a where c.batch_id = :batchId and c.row_no = a.row_no`, { ...bindings(s), dataset });
  return r.rowCount;
}
