// Link by code, set-based: each method fills subject_uscc for the rows the earlier ones left, in
// the order of how much a method can be trusted. A code that resolves to a registered subject whose
// name is unlike the row's is still linked (the code is the better evidence: companies rename) but
// at a lower confidence and recorded as a code conflict (重错码).
import type { Knex } from 'knex';
import type { SubjectFields } from '../../catalog/dataset-definition.ts';
import { USCC_PLACEHOLDER } from '../../domain/codes/index.ts';

/** Names closer than this (pg_trgm similarity of the name keys) are taken for the same subject. */
export const SAME_NAME_SIMILARITY = 0.5;

/** The row's name agrees with the registered one: close by trigrams, or the registered name with
 * its district left off (天津瑞华医药有限公司 for 天津市河西区瑞华医药有限公司 is how the name is
 * written, not another subject; 南开区瑞华医药有限公司 still disagrees). Name keys put the district
 * first (domain/link/name-key.ts). */
const SAME_NAME = `(c.name_key is null or similarity(c.name_key, r.name_key) >= :same
  or regexp_replace(r.name_key, '^[一-鿿]{1,3}(新区|区|县)', '') = c.name_key)`;

export interface LinkScope {
  batchId: string;
  subject: SubjectFields;
  /** The dataset's material includes the linked subject: fold it into the content hash as the
   * subject is set, in the same row write (a separate pass rewrote every row of the batch again). */
  foldSubject?: boolean;
}

/** SET clause for a row's subject: the USCC, and with foldSubject the content hash with it. */
export function setSubject(s: LinkScope, uscc: string): string {
  return `subject_uscc = ${uscc}${s.foldSubject ? `, content_hash = md5(c.content_hash || '|' || (${uscc}))` : ''}`;
}

/** Bindings shared by every statement: the subject's field names (from the dataset definition). */
export function bindings(s: LinkScope): Record<string, string | number> {
  const f = s.subject;
  return {
    batchId: s.batchId, u: f.uscc ?? '', o: f.orgcode ?? '', r: f.regno ?? '', t: f.taxno ?? '', cat: f.category ?? '',
    // A dataset without natural persons: a category value no row can have.
    person: f.person ?? '(no natural persons)', placeholder: USCC_PLACEHOLDER, same: SAME_NAME_SIMILARITY,
  };
}

/** Rows still to link: accepted organisation rows (never a natural person) with no subject yet. */
export const openRows = (alias: string): string => `${alias}.batch_id = :batchId and ${alias}.subject_uscc is null
  and ${alias}.held_reject is null and coalesce(${alias}.fields->>:cat, '') <> :person`;
export const OPEN = openRows('c');

/** A valid USCC carried by the row (the clean step has refused or held one that fails its check). */
export async function linkByUscc(trx: Knex.Transaction, s: LinkScope, confirmAgainstRegistry: boolean): Promise<void> {
  const p = bindings(s);
  if (!s.subject.uscc) return;
  if (!confirmAgainstRegistry) {
    await trx.raw(`update clean_rows c set ${setSubject(s, 'c.fields->>:u')}, link_method = 'uscc', link_confidence = 1
      where ${OPEN} and c.fields->>:u is not null and c.fields->>:u <> :placeholder`, p);
    return;
  }
  // Confirmed by the registry's name: 1; a different name there: 0.7; not in the registry: 0.9.
  // Two statements rather than a correlated lookup per row, so a large batch gets a hash join.
  await trx.raw(`
    update clean_rows c
       set ${setSubject(s, 'r.uscc')}, link_method = 'uscc',
           link_confidence = case when ${SAME_NAME} then 1 else 0.7 end
      from registry_subjects r
     where ${OPEN} and r.uscc = c.fields->>:u`, p);
  await trx.raw(`update clean_rows c set ${setSubject(s, 'c.fields->>:u')}, link_method = 'uscc', link_confidence = 0.9
    where ${OPEN} and c.fields->>:u is not null and c.fields->>:u <> :placeholder`, p);
  await trx.raw(`
    insert into code_conflicts (batch_id, row_no, kind, code, subject_uscc, detail)
    select c.batch_id, c.row_no, 'uscc_name_mismatch', r.uscc, r.uscc,
           jsonb_build_object('rowName', c.fields->>'${nameField(s)}', 'registryName', r.name)
      from clean_rows c join registry_subjects r on r.uscc = c.subject_uscc
     where c.batch_id = :batchId and c.link_method = 'uscc' and c.link_confidence < 0.9
    on conflict do nothing`, p);
}

/** The subject-name field, for splicing into SQL (definition field names are snake_case). */
export const nameField = (s: LinkScope): string => s.subject.name.replace(/[^a-z0-9_]/g, '');

/**
 * A held USCC (wrong check character) is repaired when the row's name is exactly a registered
 * subject's and that subject's USCC differs from the written one in at most two places (a typo,
 * not another code). The rest are refused now, with the reason the clean step gave.
 * Returns the number of rows refused.
 */
export async function settleHeldUscc(trx: Knex.Transaction, s: LinkScope): Promise<number> {
  const p = bindings(s);
  await trx.raw(`
    with candidates as (
      select c.row_no, r.uscc, c.fields->>:u as written
        from clean_rows c join registry_subjects r on r.name_key = c.name_key
       where c.batch_id = :batchId and c.held_reject is not null
         and (select count(*) from generate_series(1, 18) i where substr(r.uscc, i, 1) <> substr(c.fields->>:u, i, 1)) <= 2
    ), single as (
      select row_no, min(uscc) as uscc, min(written) as written from candidates group by row_no having count(*) = 1
    ), repaired as (
      update clean_rows c set ${setSubject(s, 's.uscc')}, link_method = 'uscc_repaired', link_confidence = 0.9, held_reject = null
        from single s where c.batch_id = :batchId and c.row_no = s.row_no
      returning c.row_no, s.uscc, s.written
    )
    insert into code_conflicts (batch_id, row_no, kind, code, subject_uscc, detail)
    select :batchId, row_no, 'uscc_check_failed', written, uscc, jsonb_build_object('written', written, 'registered', uscc)
      from repaired`, p);
  const refused = await trx.raw<{ rowCount: number }>(`
    insert into rejects (batch_id, row_no, seq, field, code, path, value, message_zh, message_en)
    select batch_id, row_no, 0, held_reject->>'field', held_reject->>'code', held_reject->>'path', held_reject->>'value',
           held_reject->>'zh', held_reject->>'en'
      from clean_rows where batch_id = :batchId and held_reject is not null`, p);
  await trx.raw(`
    delete from clean_changes x using clean_rows c
     where c.batch_id = :batchId and c.held_reject is not null and x.batch_id = c.batch_id and x.row_no = c.row_no`, p);
  await trx.raw('delete from clean_rows where batch_id = :batchId and held_reject is not null', p);
  return refused.rowCount;
}

/**
 * Legacy codes through the registry: an organisation code (characters 9–17 of the USCC), a
 * 15-character tax number (division + organisation code) or an 18-character one that is a USCC,
 * and an old registration number (the registry lists both). A code that more than one registered
 * subject carries resolves to none of them.
 */
export async function linkByLegacyCodes(trx: Knex.Transaction, s: LinkScope): Promise<void> {
  const p = bindings(s);
  const methods: Array<{ method: string; field: string | undefined; code: string; join: string }> = [
    { method: 'orgcode', field: s.subject.orgcode, code: `c.fields->>:o`, join: 'r.orgcode' },
    {
      method: 'taxno',
      field: s.subject.taxno,
      code: `case length(c.fields->>:t) when 15 then substr(c.fields->>:t, 7, 9) when 18 then substr(c.fields->>:t, 9, 9) end`,
      join: 'r.orgcode',
    },
    { method: 'regno', field: s.subject.regno, code: `c.fields->>:r`, join: 'r.regno' },
  ];
  for (const m of methods) {
    if (!m.field) continue;
    // An 18-character tax number must be the USCC itself, not just share its organisation code.
    const extra = m.method === 'taxno' ? `and (length(c.fields->>:t) = 15 or r.uscc = c.fields->>:t)` : '';
    await trx.raw(`
      with hits as (
        select c.row_no, min(r.uscc) as uscc, count(*) as n, bool_or(${SAME_NAME}) as same_name,
               min(r.name) as registry_name, min(${m.code}) as code
          from clean_rows c join registry_subjects r on ${m.join} = ${m.code} ${extra}
         where ${OPEN}
         group by c.row_no
      ), linked as (
        update clean_rows c set ${setSubject(s, 'h.uscc')}, link_method = '${m.method}', link_confidence = case when h.same_name then 0.98 else 0.7 end
          from hits h where c.batch_id = :batchId and c.row_no = h.row_no and h.n = 1
        returning c.row_no, h.uscc, h.same_name, h.registry_name, h.code, c.fields->>'${nameField(s)}' as row_name
      )
      insert into code_conflicts (batch_id, row_no, kind, code, subject_uscc, detail)
      select :batchId, row_no, 'code_name_mismatch', code, uscc, jsonb_build_object('method', '${m.method}', 'rowName', row_name, 'registryName', registry_name)
        from linked where not same_name`, p);
  }
}
