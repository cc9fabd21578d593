// The link step's 重错码 within a batch, after linking (activities/link/code-conflicts.ts): one
// unregistered code carried by rows naming clearly different subjects, one subject (the same name)
// carried with two different USCCs, and the rows whose USCC may break GB 32100 as genuinely issued
// codes do. Window functions over one scan of the batch, not self-joins: a batch of a million rows
// is one sort, never a nested loop.
import type { Knex } from 'knex';
import { USCC_PLACEHOLDER } from '../../../domain/codes/index.ts';
import { jsonPlan } from '../store-probes.ts';
import { bindings, nameField } from './link.ts';
import type { LinkScope } from './link.ts';

type Conn = Knex | Knex.Transaction;

/** one_code_two_subjects for the code fields `fields` (in that order): rows carrying one code whose
 * name keys differ by more than SAME_NAME_SIMILARITY allows. Names are compared by similarity, not
 * equality: 福源科技（天津）and 福源科技(天津) are one subject. A row conflicting on two fields is
 * recorded once, for the first. All fields in one statement, one scan of the batch: a statement a
 * field read the batch and hashed the registry each time (four a batch), 42 s in 32 calls on a
 * 3,000,000-row store for no conflict found, and its cost grew with the store, not the batch. */
export async function flagOneCodeTwoSubjects(trx: Conn, s: LinkScope, fields: string[]): Promise<void> {
  if (fields.length) await trx.raw(oneCodeTwoSubjects(s), { ...bindings(s), fields });
}

/** flagOneCodeTwoSubjects' plan (JSON), for the test that holds it to probes of the registry. */
export const explainFlagOneCodeTwoSubjects = (db: Conn, s: LinkScope, fields: string[]): Promise<unknown> =>
  jsonPlan(db, oneCodeTwoSubjects(s), { ...bindings(s), fields });

const oneCodeTwoSubjects = (s: LinkScope): string => `
    insert into code_conflicts (batch_id, row_no, kind, code, subject_uscc, detail)
    select batch_id, row_no, 'one_code_two_subjects', code, subject_uscc, jsonb_build_object('field', f, 'rowName', row_name)
      from (select c.batch_id, c.row_no, c.subject_uscc, v.f, v.at, v.code, c.fields->>'${nameField(s)}' as row_name,
                   min(c.name_key) over w as lo, max(c.name_key) over w as hi
              from clean_rows c
                   cross join lateral (select k.f, k.at, c.fields->>k.f as code
                                         from unnest(cast(:fields as text[])) with ordinality k(f, at)) v
             where c.batch_id = :batchId and v.code is not null and v.code <> :placeholder and c.name_key is not null
               and coalesce(c.fields->>:cat, '') <> :person
               -- A registered subject's code is judged against the registry instead (the *_name_mismatch kinds).
               -- A probe per row (a scalar subquery is never made a join): as a NOT EXISTS it was an
               -- anti-join planned as a hash of the whole registry, once a batch.
               and (select count(*) from registry_subjects r where r.uscc = c.subject_uscc) = 0
            window w as (partition by v.at, v.code)) x
     where lo <> hi and similarity(lo, hi) < :same
     -- The first field's conflict is the one a row keeps (the key is batch, row, kind).
     order by at, row_no
    on conflict do nothing`;

/** one_subject_two_codes: rows of one name key linked to different subjects. */
export async function flagOneSubjectTwoCodes(trx: Conn, s: LinkScope): Promise<void> {
  await trx.raw(`
    insert into code_conflicts (batch_id, row_no, kind, code, subject_uscc, detail)
    select batch_id, row_no, 'one_subject_two_codes', subject_uscc, subject_uscc, jsonb_build_object('nameKey', name_key, 'method', link_method)
      from (select c.batch_id, c.row_no, c.subject_uscc, c.name_key, c.link_method,
                   min(c.subject_uscc) over w as lo, max(c.subject_uscc) over w as hi
              from clean_rows c
             where c.batch_id = :batchId and c.subject_uscc is not null and c.name_key is not null
            window w as (partition by c.name_key)) x
     where lo <> hi
    on conflict do nothing`, bindings(s));
}

export interface UsccCandidate { row_no: number; subject_uscc: string | null; code: string }

/** Rows whose USCC field `field` may be nonconforming: SQL only narrows the batch to the few
 * candidates (an embedded organisation code whose GB 11714 check character is wrong, or a
 * pilot-style M0 body); checkUscc, the one definition of the rule, decides. 11 − (S mod 11) with
 * 10 written X and 11 written 0. */
export async function nonconformingUsccCandidates(trx: Conn, batchId: string, field: string): Promise<UsccCandidate[]> {
  // Rows the clean step flagged (it checks every USCC field as it cleans); rows cleaned before the
  // flag existed (null) are narrowed by the checksum here, as they always were.
  const { rows } = await trx.raw<{ rows: UsccCandidate[] }>(`
    select c.row_no, c.subject_uscc, v.code
      from clean_rows c
           cross join lateral (select c.fields->>:f as code) v
           cross join lateral (select case when c.nonconforming is null then ${ORGCODE_CHECK_SUM} % 11 end as m) k
     where c.batch_id = :batchId
       and (cast(:f as text) = any(c.nonconforming)
            or c.nonconforming is null and length(v.code) = 18 and v.code <> :placeholder
               and (substr(v.code, 17, 1) <> case k.m when 1 then 'X' when 0 then '0' else cast(11 - k.m as text) end
                    or substr(v.code, 9, 2) = 'M0'))`, { batchId, f: field, placeholder: USCC_PLACEHOLDER });
  return rows;
}

/** GB 11714's weighted sum over the embedded organisation code (characters 9–16 of the USCC `v.code`),
 * written out as one expression: an unnest per row cost twice as much as the rest of the scan. */
const ORGCODE_CHECK_SUM = `(${[3, 7, 9, 10, 5, 8, 4, 2]
  .map((w, i) => `(strpos('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(v.code, ${9 + i}, 1)) - 1) * ${w}`).join(' + ')})`;

/** The batch's dataset; undefined for a batch that does not exist. */
export async function batchDataset(trx: Conn, batchId: string): Promise<string | undefined> {
  const batch = (await trx('batches').where({ id: batchId }).first('dataset')) as { dataset: string } | undefined;
  return batch?.dataset;
}

export interface CodeConflict {
  batch_id: string;
  row_no: number;
  kind: string;
  code: string;
  subject_uscc: string | null;
  detail: Record<string, unknown>;
}

/** Code conflicts a rule outside SQL found, a thousand a statement. One entry per row and kind (the
 * table's key): one already there is kept. */
export async function insertCodeConflicts(trx: Conn, conflicts: CodeConflict[]): Promise<void> {
  for (let i = 0; i < conflicts.length; i += 1000) {
    await trx('code_conflicts').insert(conflicts.slice(i, i + 1000)).onConflict(['batch_id', 'row_no', 'kind']).ignore();
  }
}
