// The link step's statements (activities/link.ts orchestrates them). Each link method fills
// subject_uscc for the open rows the earlier ones left, set-based, in the order of how much a method
// can be trusted: codes (by-code), the exact name, another copy of the same disclosure, blocked fuzzy
// matching of the name (by-name); then the batch's 重错码 (code-conflicts) and the step's figures.
// A code that resolves to a registered subject whose name is unlike the row's is still linked (the
// code is the better evidence: companies rename) but at a lower confidence, and recorded as a code
// conflict. Field names come from the dataset definition, as named bindings (bindings below).
import type { Knex } from 'knex';
import type { SubjectFields } from '../../../catalog/dataset-definition.ts';
import { USCC_PLACEHOLDER } from '../../../domain/codes/index.ts';
import { jsonPlan, registeredBy } from '../store-probes.ts';
import { splicedField } from '../field-name.ts';

type Conn = Knex | Knex.Transaction;

/** Names closer than this (pg_trgm similarity of the name keys) are taken for the same subject. */
export const SAME_NAME_SIMILARITY = 0.5;

/** The row's name agrees with the registered one: close by trigrams, or the registered name with
 * its district left off (天津瑞华医药有限公司 for 天津市河西区瑞华医药有限公司 is how the name is
 * written, not another subject; 南开区瑞华医药有限公司 still disagrees). Name keys put the district
 * first (domain/link/name-key.ts). `same` is where the statement binds SAME_NAME_SIMILARITY. Equal
 * keys, most rows, are taken before any trigram is counted (OR is evaluated in the order written). */
export const sameName = (same: string): string => `(c.name_key is null or c.name_key = r.name_key or similarity(c.name_key, r.name_key) >= ${same}
  or regexp_replace(r.name_key, '^[一-鿿]{1,3}(新区|区|县)', '') = c.name_key)`;
const SAME_NAME = sameName(':same');

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
const openRows = (alias: string): string => `${alias}.batch_id = :batchId and ${alias}.subject_uscc is null
  and ${alias}.held_reject is null and coalesce(${alias}.fields->>:cat, '') <> :person`;
const OPEN = openRows('c');

/** The subject-name field, for splicing into SQL. */
export const nameField = (s: LinkScope): string => splicedField(s.subject.name);

/** Rows carrying a USCC (not the placeholder) take it as written, at `confidence`. */
async function linkByUsccAsWritten(trx: Conn, s: LinkScope, confidence: '1' | '0.9'): Promise<void> {
  await trx.raw(`update clean_rows c set ${setSubject(s, 'c.fields->>:u')}, link_method = 'uscc', link_confidence = ${confidence}
    where ${OPEN} and c.fields->>:u is not null and c.fields->>:u <> :placeholder`, bindings(s));
}

/** The registry's own rows: the USCC they carry identifies them. */
export async function linkRegistryRowsByUscc(trx: Conn, s: LinkScope): Promise<void> {
  await linkByUsccAsWritten(trx, s, '1');
}

/** Rows whose USCC the registry holds: 1 when the registered name agrees, else 0.7. Each open row
 * probes the registry by its code (store-probes.ts): joined plainly, a batch of open rows that is a
 * fair share of the registry is planned as a hash of every registered subject (link-plans.int.test.ts),
 * a cost that grows with the city's subjects rather than the batch. */
export async function linkByRegisteredUscc(trx: Conn, s: LinkScope): Promise<void> {
  await trx.raw(registeredUscc(s), bindings(s));
}

/** linkByRegisteredUscc's plan (JSON), for the test that holds it to probes of the registry. */
export const explainLinkByRegisteredUscc = (db: Conn, s: LinkScope): Promise<unknown> => jsonPlan(db, registeredUscc(s), bindings(s));

const registeredUscc = (s: LinkScope): string => `
    update clean_rows c
       set ${setSubject(s, 'h.uscc')}, link_method = 'uscc', link_confidence = h.confidence
      from (select c.row_no, r.uscc, case when ${SAME_NAME} then 1 else 0.7 end as confidence
              from clean_rows c cross join lateral ${registeredBy('uscc', 'c.fields->>:u', 'r.uscc, r.name_key')} r
             where ${OPEN}) h
     where c.batch_id = :batchId and c.row_no = h.row_no`;

/** Rows whose USCC is not in the registry (run after linkByRegisteredUscc): 0.9. */
export async function linkByUnregisteredUscc(trx: Conn, s: LinkScope): Promise<void> {
  await linkByUsccAsWritten(trx, s, '0.9');
}

/** A code conflict for each row linked by a USCC whose registered name disagrees. */
export async function recordUsccNameMismatches(trx: Conn, s: LinkScope): Promise<void> {
  await trx.raw(`
    insert into code_conflicts (batch_id, row_no, kind, code, subject_uscc, detail)
    select c.batch_id, c.row_no, 'uscc_name_mismatch', r.uscc, r.uscc,
           jsonb_build_object('rowName', c.fields->>'${nameField(s)}', 'registryName', r.name)
      from clean_rows c cross join lateral ${registeredBy('uscc', 'c.subject_uscc', 'r.uscc, r.name')} r
     where c.batch_id = :batchId and c.link_method = 'uscc' and c.link_confidence < 0.9
    on conflict do nothing`, bindings(s));
}

/** Held USCCs (wrong check character) repaired where the row's name is exactly one registered
 * subject's whose USCC differs from the written one in at most two places, each recorded as a code
 * conflict. */
export async function repairHeldUscc(trx: Conn, s: LinkScope): Promise<void> {
  await trx.raw(`
    with candidates as (
      select c.row_no, r.uscc, c.fields->>:u as written
        from clean_rows c cross join lateral ${registeredBy('name_key', 'c.name_key', 'r.uscc')} r
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
      from repaired`, bindings(s));
}

/** The rule changes of the batch's held rows (a WHERE clause on clean_changes). The held rows'
 * numbers are one array, so the changes are found through the whole key (batch, row) whatever the
 * statistics say. A join was planned on statistics of clean_changes from before the batch (its
 * changes then count as one row): a loop over the batch's changes that scanned the batch's held
 * rows for each, 161 s of a million-row run's 756 s (13 rows deleted in the slowest batch). */
export const HELD_CHANGES = `where batch_id = :batchId
  and row_no = any(array(select row_no from clean_rows where batch_id = :batchId and held_reject is not null))`;

/** The held rows left are refused with the reason the clean step gave: a reject each, and the
 * clean row and its changes gone. Returns the number of rows refused. */
export async function refuseHeldRows(trx: Conn, batchId: string): Promise<number> {
  const refused = await trx.raw<{ rowCount: number }>(`
    insert into rejects (batch_id, row_no, seq, field, code, path, value, message_zh, message_en)
    select batch_id, row_no, 0, held_reject->>'field', held_reject->>'code', held_reject->>'path', held_reject->>'value',
           held_reject->>'zh', held_reject->>'en'
      from clean_rows where batch_id = :batchId and held_reject is not null`, { batchId });
  await trx.raw(`delete from clean_changes ${HELD_CHANGES}`, { batchId });
  await trx.raw('delete from clean_rows where batch_id = :batchId and held_reject is not null', { batchId });
  return refused.rowCount;
}

export type LegacyCode = 'orgcode' | 'taxno' | 'regno';

/** How each legacy code finds a registered subject: the code as the row carries it, and the
 * registry column it must equal. A 15-character tax number is division + organisation code; an
 * 18-character one must be the USCC itself, not just share its organisation code. */
const LEGACY: Record<LegacyCode, { code: string; join: 'orgcode' | 'regno'; extra: string }> = {
  orgcode: { code: `c.fields->>:o`, join: 'orgcode', extra: '' },
  taxno: {
    code: `case length(c.fields->>:t) when 15 then substr(c.fields->>:t, 7, 9) when 18 then substr(c.fields->>:t, 9, 9) end`,
    join: 'orgcode',
    extra: `and (length(c.fields->>:t) = 15 or r.uscc = c.fields->>:t)`,
  },
  regno: { code: `c.fields->>:r`, join: 'regno', extra: '' },
};

/** Open rows whose legacy code one registered subject carries: 0.98 when the names agree, else 0.7
 * and a code conflict. A code that more than one subject carries resolves to none of them. Each row
 * probes the registry by its code: it runs before the batch is analysed again, when the planner
 * still counts every row open, and joined plainly it is planned as a hash of every registered
 * subject for each of the three codes (link-plans.int.test.ts). */
export async function linkByLegacyCode(trx: Conn, s: LinkScope, method: LegacyCode): Promise<void> {
  await trx.raw(legacyCode(s, method), bindings(s));
}

/** linkByLegacyCode's plan (JSON), for the test that holds it to probes of the registry. */
export const explainLinkByLegacyCode = (db: Conn, s: LinkScope, method: LegacyCode): Promise<unknown> =>
  jsonPlan(db, legacyCode(s, method), bindings(s));

function legacyCode(s: LinkScope, method: LegacyCode): string {
  const m = LEGACY[method];
  return `
    with hits as (
      select c.row_no, min(r.uscc) as uscc, count(*) as n, bool_or(${SAME_NAME}) as same_name,
             min(r.name) as registry_name, min(${m.code}) as code
        from clean_rows c cross join lateral ${registeredBy(m.join, m.code, 'r.uscc, r.name, r.name_key', m.extra)} r
       where ${OPEN}
       group by c.row_no
    ), linked as (
      update clean_rows c set ${setSubject(s, 'h.uscc')}, link_method = '${method}', link_confidence = case when h.same_name then 0.98 else 0.7 end
        from hits h where c.batch_id = :batchId and c.row_no = h.row_no and h.n = 1
      returning c.row_no, h.uscc, h.same_name, h.registry_name, h.code, c.fields->>'${nameField(s)}' as row_name
    )
    insert into code_conflicts (batch_id, row_no, kind, code, subject_uscc, detail)
    select :batchId, row_no, 'code_name_mismatch', code, uscc, jsonb_build_object('method', '${method}', 'rowName', row_name, 'registryName', registry_name)
      from linked where not same_name`;
}

/** Confidence of a link through a copy: below a code's, above any name match. */
export const COPY_CONFIDENCE = 0.95;

/**
 * Link by another copy of the same disclosure. One decision document of one authority names one
 * subject: when a row's natural key (document number and authority) is a record already linked —
 * held as a golden record, or another row of this batch linked by a code — and the row's own name
 * or legal representative agrees with that subject's registration, the row is about that subject.
 * Without this, a copy that names its subject only by a differently written name waits for a
 * steward, and meanwhile differs from its linked twin in `$subject`: two false work items for one
 * disclosure that a rule settles. Returns the number of rows linked.
 */
export async function linkBySiblingCopy(trx: Conn, s: LinkScope, dataset: string): Promise<number> {
  const open = openRows('o');
  // From the open rows (few, through clean_rows_open_idx) to the copies their keys name, probed one
  // key at a time (`offset 0` keeps the planner from hashing the whole golden store, whose cost
  // grows with every record ever made rather than with the batch).
  const r = await trx.raw<{ rowCount: number }>(`
    with open as (
      select o.row_no, o.natural_key, o.name_key, o.rep_key from clean_rows o where ${open}
    ), linked as (
      select o.row_no, g.subject_uscc as uscc
        from open o
        cross join lateral (select g.subject_uscc from golden_records g
                             where g.dataset = :dataset and g.natural_key = o.natural_key
                               and g.status = 'active' and g.subject_uscc is not null offset 0) g
      union
      select o.row_no, c.subject_uscc
        from open o join clean_rows c on c.natural_key = o.natural_key
       where c.batch_id = :batchId and c.subject_uscc is not null
    ), agreeing as (
      select o.row_no, min(k.uscc) as uscc
        from open o
        join linked k on k.row_no = o.row_no
        cross join lateral ${registeredBy('uscc', 'k.uscc', 'r.name_key, r.rep_key')} r
       where (o.name_key is not null and similarity(o.name_key, r.name_key) >= :same) or (o.rep_key is not null and o.rep_key = r.rep_key)
       group by o.row_no
      having count(distinct k.uscc) = 1
    )
    update clean_rows c set ${setSubject(s, 'a.uscc')}, link_method = 'copy', link_confidence = ${COPY_CONFIDENCE}
      from agreeing a where c.batch_id = :batchId and c.row_no = a.row_no`, { ...bindings(s), dataset });
  return r.rowCount;
}

/** Unique exact name: linked (0.98 when the legal representative agrees, 0.9 when the row has
 * none). Same name but another legal representative, or a name several subjects share: a steward. */
export async function linkByExactName(trx: Conn, s: LinkScope): Promise<void> {
  await trx.raw(`
    with hits as (
      select c.row_no, count(*) as n, min(r.uscc) as uscc, bool_and(c.rep_key is null or r.rep_key is null or c.rep_key = r.rep_key) as rep_ok,
             bool_or(c.rep_key is not null and c.rep_key = r.rep_key) as rep_same,
             jsonb_agg(jsonb_build_object('uscc', r.uscc, 'name', r.name,
                                          'repAgrees', case when c.rep_key is null or r.rep_key is null then null else c.rep_key = r.rep_key end)
                       order by r.uscc) as candidates
        from clean_rows c cross join lateral ${registeredBy('name_key', 'c.name_key', 'r.uscc, r.name, r.rep_key')} r
       where ${OPEN} and c.name_key is not null
       group by c.row_no
    ), linked as (
      update clean_rows c set ${setSubject(s, 'h.uscc')}, link_method = 'name', link_confidence = case when h.rep_same then 0.98 else 0.9 end
        from hits h where c.batch_id = :batchId and c.row_no = h.row_no and h.n = 1 and h.rep_ok
      returning c.row_no
    )
    insert into steward_tasks (kind, batch_id, row_no, detail)
    select 'uncertain_link', :batchId, h.row_no,
           jsonb_build_object('method', 'name', 'reason', case when h.n > 1 then 'several_subjects' else 'legal_rep_differs' end, 'candidates', h.candidates)
      from hits h where not (h.n = 1 and h.rep_ok)
    on conflict do nothing`, bindings(s));
}

/** Open rows with a name and no steward item yet, as their distinct (name, legal representative). */
export async function unlinkedNames(trx: Conn, s: LinkScope): Promise<Array<{ name_key: string; rep_key: string | null }>> {
  const { rows } = await trx.raw<{ rows: Array<{ name_key: string; rep_key: string | null }> }>(`
    select distinct c.name_key, c.rep_key from clean_rows c
     where ${OPEN} and c.name_key is not null
       and not exists (select 1 from steward_tasks t where t.batch_id = c.batch_id and t.row_no = c.row_no)
     order by 1, 2`, bindings(s));
  return rows;
}

/** Candidates a block hands fuse.js per name. */
export const BLOCK = 8;
/** Trigram similarity of blocking keys that puts a subject in a name's block. Blocking keys are
 * short (a 字号 and a trade): a one-character typo leaves about a third of their trigrams, so the
 * default 0.3 missed 8.5 % of typos in a measurement over 100,000 names, 0.2 none. The GIN index
 * answers `%` directly; ordering by distance (<->) would need a GiST index. */
export const BLOCK_SIMILARITY = 0.2;

/** For the rest of the transaction, `%` admits blocking keys at BLOCK_SIMILARITY. */
export async function setBlockSimilarity(trx: Knex.Transaction): Promise<void> {
  await trx.raw(`set local pg_trgm.similarity_threshold = ${BLOCK_SIMILARITY}`);
}

/** One name to block: its key, what the block looks the subjects up by, and its number (1-based). */
export interface BlockProbe { i: number; nameKey: string; probe: string | null }
export interface BlockRow { i: number; uscc: string; name: string; name_key: string; rep_key: string | null }

/** Up to BLOCK registered subjects per probe that `where` admits (q.k the name key, q.probe the
 * probe), closest whole names first. */
async function blockBy(trx: Conn, where: string, probes: BlockProbe[]): Promise<BlockRow[]> {
  const { rows } = await trx.raw<{ rows: BlockRow[] }>(
    `
    select q.i, b.uscc, b.name, b.name_key, b.rep_key
      from unnest(cast(:keys as text[]), cast(:probes as text[]), cast(:ids as int[])) q(k, probe, i)
      cross join lateral (
        select r.uscc, r.name, r.name_key, r.rep_key from registry_subjects r
         where ${where} order by similarity(r.name_key, q.k) desc, r.uscc limit ${BLOCK}) b`,
    { keys: probes.map((x) => x.nameKey), probes: probes.map((x) => x.probe), ids: probes.map((x) => x.i) },
  );
  return rows;
}

/** The block of subjects registered with the probe as legal representative, names alike (a b-tree lookup). */
export const blockByLegalRep = (trx: Conn, probes: BlockProbe[]): Promise<BlockRow[]> =>
  blockBy(trx, 'r.rep_key = q.probe and similarity(r.name_key, q.k) >= 0.3', probes);

/** The block of subjects whose blocking key is like the probe (the trigram index; setBlockSimilarity). */
export const blockByTrigrams = (trx: Conn, probes: BlockProbe[]): Promise<BlockRow[]> => blockBy(trx, 'r.block_key % q.probe', probes);

/** Fuzzy links decided, one entry per (name, legal representative), as parallel arrays. */
export interface FuzzyLinks { nameKey: string[]; repKey: Array<string | null>; uscc: string[]; confidence: number[] }

/** The open rows of each decided (name, legal representative) linked by fuzzy name. */
export async function linkByFuzzyMatches(trx: Conn, s: LinkScope, link: FuzzyLinks): Promise<void> {
  await trx.raw(`
    update clean_rows c set ${setSubject(s, 'v.uscc')}, link_method = 'name_fuzzy', link_confidence = v.confidence
      from unnest(cast(:nameKey as text[]), cast(:repKey as text[]), cast(:uscc as text[]), cast(:confidence as real[]))
           v(name_key, rep_key, uscc, confidence)
     where ${OPEN} and c.name_key = v.name_key and c.rep_key is not distinct from v.rep_key`, { ...bindings(s), ...link });
}

/** Names too close to call, with the item's detail (JSON text), as parallel arrays. */
export interface FuzzyQuestions { nameKey: string[]; repKey: Array<string | null>; detail: string[] }

/** An uncertain_link item for each open row of each (name, legal representative) asked about. */
export async function askAboutFuzzyNames(trx: Conn, s: LinkScope, ask: FuzzyQuestions): Promise<void> {
  await trx.raw(`
    insert into steward_tasks (kind, batch_id, row_no, detail)
    select 'uncertain_link', :batchId, c.row_no, cast(v.detail as jsonb)
      from clean_rows c join unnest(cast(:askName as text[]), cast(:askRep as text[]), cast(:askDetail as text[])) v(name_key, rep_key, detail)
        on c.name_key = v.name_key and c.rep_key is not distinct from v.rep_key
     where ${OPEN}
    on conflict do nothing`, { ...bindings(s), askName: ask.nameKey, askRep: ask.repKey, askDetail: ask.detail });
}

/** Copies of one disclosure that name the subject differently (USCC in one, organisation code in
 * another) are the same when they link to the same subject: each link method folded the USCC into
 * the content hash as it set it; the rows left fold what they have instead (a natural person, or
 * their codes and name), and keep the hash without it as base_hash for when a steward links them
 * (activities/steward/awaiting-link.ts). */
export async function foldUnlinkedSubjects(trx: Conn, s: LinkScope): Promise<void> {
  await trx.raw(`
    update clean_rows c set base_hash = c.content_hash, content_hash = md5(c.content_hash || '|' || case
        when coalesce(c.fields->>:cat, '') = :person then 'person'
        else 'unlinked:' || concat_ws('|', c.fields->>:u, c.fields->>:o, c.fields->>:r, c.fields->>:t, c.name_key) end)
     where c.batch_id = :batchId and c.subject_uscc is null`, bindings(s));
}

export interface LinkFigures { linked: number; unlinked: number; pending: number; conflicts: number }

/** The step's figures: rows linked, organisation rows left unlinked, rows waiting for a steward's
 * link decision, and rows with a code conflict. */
export async function linkFigures(trx: Conn, s: LinkScope): Promise<LinkFigures> {
  const { rows } = await trx.raw<{ rows: LinkFigures[] }>(`
    select count(*) filter (where subject_uscc is not null)::int as linked,
           count(*) filter (where subject_uscc is null and coalesce(fields->>:cat, '') <> :person)::int as unlinked,
           (select count(*) from steward_tasks t where t.batch_id = :batchId and t.kind = 'uncertain_link')::int as pending,
           (select count(distinct row_no) from code_conflicts k where k.batch_id = :batchId)::int as conflicts
      from clean_rows where batch_id = :batchId`, bindings(s));
  return rows[0]!;
}
