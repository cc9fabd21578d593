// 重错码 within a batch, after linking: one unregistered code carried by rows naming clearly
// different subjects, and one subject (the same name) carried with two different USCCs. The kinds
// found against the registry (a USCC or legacy code whose registered name disagrees, a USCC
// repaired from a typo) are recorded by the link methods themselves (by-code.ts). Window functions
// over one scan of the batch, not self-joins: a batch of a million rows is one sort, never a
// nested loop.
import type { Knex } from 'knex';
import { bindings, nameField } from './by-code.ts';
import type { LinkScope } from './by-code.ts';

export const CODE_CONFLICT_KINDS = ['uscc_name_mismatch', 'code_name_mismatch', 'uscc_check_failed', 'one_code_two_subjects', 'one_subject_two_codes'] as const;
export type CodeConflictKind = (typeof CODE_CONFLICT_KINDS)[number];

export async function flagBatchCodeConflicts(trx: Knex.Transaction, s: LinkScope): Promise<void> {
  const p = bindings(s);
  const codeFields = (['uscc', 'orgcode', 'regno', 'taxno'] as const).filter((k) => s.subject[k]);
  for (const k of codeFields) {
    // Names are compared by similarity, not equality: 福源科技（天津）and 福源科技(天津) are one subject.
    await trx.raw(`
      insert into code_conflicts (batch_id, row_no, kind, code, subject_uscc, detail)
      select batch_id, row_no, 'one_code_two_subjects', code, subject_uscc, jsonb_build_object('field', cast(:f as text), 'rowName', row_name)
        from (select c.batch_id, c.row_no, c.subject_uscc, c.fields->>:f as code, c.fields->>'${nameField(s)}' as row_name,
                     min(c.name_key) over w as lo, max(c.name_key) over w as hi
                from clean_rows c
               where c.batch_id = :batchId and c.fields->>:f is not null and c.fields->>:f <> :placeholder and c.name_key is not null
                 and coalesce(c.fields->>:cat, '') <> :person
                 -- A registered subject's code is judged against the registry instead (the *_name_mismatch kinds).
                 and not exists (select 1 from registry_subjects r where r.uscc = c.subject_uscc)
              window w as (partition by c.fields->>:f)) x
       where lo <> hi and similarity(lo, hi) < :same
      on conflict do nothing`, { ...p, f: s.subject[k]! });
  }
  await trx.raw(`
    insert into code_conflicts (batch_id, row_no, kind, code, subject_uscc, detail)
    select batch_id, row_no, 'one_subject_two_codes', subject_uscc, subject_uscc, jsonb_build_object('nameKey', name_key, 'method', link_method)
      from (select c.batch_id, c.row_no, c.subject_uscc, c.name_key, c.link_method,
                   min(c.subject_uscc) over w as lo, max(c.subject_uscc) over w as hi
              from clean_rows c
             where c.batch_id = :batchId and c.subject_uscc is not null and c.name_key is not null
            window w as (partition by c.name_key)) x
     where lo <> hi
    on conflict do nothing`, p);
}
