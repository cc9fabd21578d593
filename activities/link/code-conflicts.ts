// 重错码 within a batch, after linking: one unregistered code carried by rows naming clearly different subjects,
// and one subject (the same name) carried with two different USCCs. The kinds found against the
// registry (a USCC or legacy code whose registered name disagrees, a USCC repaired from a typo) are
// recorded by the link methods themselves (by-code.ts).
import type { Knex } from 'knex';
import { bindings } from './by-code.ts';
import type { LinkScope } from './by-code.ts';

export const CODE_CONFLICT_KINDS = ['uscc_name_mismatch', 'code_name_mismatch', 'uscc_check_failed', 'one_code_two_subjects', 'one_subject_two_codes'] as const;
export type CodeConflictKind = (typeof CODE_CONFLICT_KINDS)[number];

export async function flagBatchCodeConflicts(trx: Knex.Transaction, s: LinkScope): Promise<void> {
  const p = bindings(s);
  const codeFields = (['uscc', 'orgcode', 'regno', 'taxno'] as const).filter((k) => s.subject[k]);
  for (const k of codeFields) {
    // Names are compared by similarity, not equality: 福源科技（天津）and 福源科技(天津) are one subject.
    await trx.raw(`
      with codes as (
        select c.fields->>:f as code from clean_rows c
         where c.batch_id = :batchId and c.fields->>:f is not null and c.fields->>:f <> :placeholder and c.name_key is not null
           and coalesce(c.fields->>:cat, '') <> :person
           -- A registered subject's code is judged against the registry instead (the *_name_mismatch kinds).
           and not exists (select 1 from registry_subjects r where r.uscc = c.subject_uscc)
         group by 1
        having count(distinct c.name_key) > 1 and similarity(min(c.name_key), max(c.name_key)) < :same
      )
      insert into code_conflicts (batch_id, row_no, kind, code, subject_uscc, detail)
      select c.batch_id, c.row_no, 'one_code_two_subjects', x.code, c.subject_uscc, jsonb_build_object('field', cast(:f as text), 'rowName', c.fields->>'${s.subject.name.replace(/\W/g, '')}')
        from clean_rows c join codes x on c.fields->>:f = x.code
       where c.batch_id = :batchId
      on conflict do nothing`, { ...p, f: s.subject[k]! });
  }
  await trx.raw(`
    with names as (
      select c.name_key from clean_rows c
       where c.batch_id = :batchId and c.subject_uscc is not null and c.name_key is not null
       group by 1 having count(distinct c.subject_uscc) > 1
    )
    insert into code_conflicts (batch_id, row_no, kind, code, subject_uscc, detail)
    select c.batch_id, c.row_no, 'one_subject_two_codes', c.subject_uscc, c.subject_uscc,
           jsonb_build_object('nameKey', c.name_key, 'method', c.link_method)
      from clean_rows c join names n on n.name_key = c.name_key
     where c.batch_id = :batchId and c.subject_uscc is not null
    on conflict do nothing`, p);
}
