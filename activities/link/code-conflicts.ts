// 重错码 within a batch, after linking: one unregistered code carried by rows naming clearly
// different subjects, and one subject (the same name) carried with two different USCCs. The kinds
// found against the registry (a USCC or legacy code whose registered name disagrees, a USCC
// repaired from a typo) are recorded by the link methods themselves (by-code.ts). Window functions
// over one scan of the batch, not self-joins: a batch of a million rows is one sort, never a
// nested loop.
//
// uscc_nonconforming: a USCC the clean step accepted although it breaks GB 32100 in a way genuinely
// issued codes do (its own check holds but the embedded organisation code fails; a 2015 Fujian
// pilot code): kept, linked like any USCC, and listed here for a person to confirm.
import type { Knex } from 'knex';
import { datasetDefinition } from '../../catalog/dataset-definition.ts';
import { checkUscc, USCC_PLACEHOLDER } from '../../domain/codes/index.ts';
import { bindings, nameField } from './by-code.ts';
import type { LinkScope } from './by-code.ts';

export const CODE_CONFLICT_KINDS = [
  'uscc_name_mismatch', 'code_name_mismatch', 'uscc_check_failed', 'one_code_two_subjects', 'one_subject_two_codes', 'uscc_nonconforming',
] as const;
export type CodeConflictKind = (typeof CODE_CONFLICT_KINDS)[number];

export async function flagBatchCodeConflicts(trx: Knex.Transaction, s: LinkScope): Promise<void> {
  await flagNonconformingUscc(trx, s);
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

// SQL only narrows the batch to the few candidates (embedded organisation code whose GB 11714 check
// character is wrong, or a pilot-style M0 body); checkUscc, the one definition of the rule, decides.
// 11 − (S mod 11) with 10 written X and 11 written 0.
const CANDIDATES = `
  select c.row_no, c.subject_uscc, c.fields->>:f as code
    from clean_rows c,
         lateral (select sum((strpos('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(c.fields->>:f, 8 + t.i, 1)) - 1) * t.w) % 11 as m
                    from unnest(array[1, 2, 3, 4, 5, 6, 7, 8], array[3, 7, 9, 10, 5, 8, 4, 2]) as t(i, w)) k
   where c.batch_id = :batchId and length(c.fields->>:f) = 18 and c.fields->>:f <> :placeholder
     and (substr(c.fields->>:f, 17, 1) <> case k.m when 1 then 'X' when 0 then '0' else cast(11 - k.m as text) end
          or substr(c.fields->>:f, 9, 2) = 'M0')`;

/** Every USCC field of the dataset (the subject's, the authority's …), not only the subject's. */
async function usccFields(trx: Knex.Transaction, s: LinkScope): Promise<string[]> {
  const batch = (await trx('batches').where({ id: s.batchId }).first('dataset')) as { dataset: string } | undefined;
  const fields = batch ? datasetDefinition(batch.dataset).fields.filter((f) => f.kind === 'uscc').map((f) => f.name) : [];
  return fields.length ? fields : s.subject.uscc ? [s.subject.uscc] : [];
}

async function flagNonconformingUscc(trx: Knex.Transaction, s: LinkScope): Promise<void> {
  for (const f of await usccFields(trx, s)) {
    const { rows } = await trx.raw<{ rows: Array<{ row_no: number; subject_uscc: string | null; code: string }> }>(
      CANDIDATES, { batchId: s.batchId, f, placeholder: USCC_PLACEHOLDER });
    const flagged = rows.flatMap((r) => {
      const check = checkUscc(r.code);
      if (check.status !== 'nonconforming') return [];
      const detail = { field: f, reasons: check.reasons.map((x) => ({ code: x.code, zh: x.zh, en: x.en })) };
      return [{ batch_id: s.batchId, row_no: r.row_no, kind: 'uscc_nonconforming', code: r.code, subject_uscc: r.subject_uscc, detail }];
    });
    // One entry per row and kind (the table's key): a second nonconforming field of the row is not listed again.
    for (let i = 0; i < flagged.length; i += 1000) {
      await trx('code_conflicts').insert(flagged.slice(i, i + 1000)).onConflict(['batch_id', 'row_no', 'kind']).ignore();
    }
  }
}
