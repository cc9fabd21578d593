// golden_records and golden_versions as services and the steward side read and change them outside
// the set-based sync: a record locked for a decision, a version's values, a record a steward keeps
// apart, the pages an export, the public view and the expiry sweep walk. Writing a record's next
// version is db/golden.ts (appendVersion), shared with credit repair.
import type { Knex } from 'knex';
import type { EndedBefore } from '../../domain/publication/public-view.ts';
import type { FieldSource, GoldenState } from '../golden.ts';
import { endedParam, meetsEnded } from './ended.ts';

type Conn = Knex | Knex.Transaction;

/** Narrows a query over `golden_records as g` to what the caller may see (services/visibility.ts). */
export type GoldenRestriction = (q: Knex.QueryBuilder) => void;

/**
 * Who sees which records, as services/visibility.ts decides it: every record (the city), the
 * records whose subject is registered in a district, or those a street's own agencies supplied.
 */
export type GoldenVisibility =
  | { level: 'city' }
  | { level: 'district'; district: string }
  | { level: 'street'; street: string; agencies: string[] };

/** Restricts a query over golden_records aliased `g` to what `v` may see. */
export function whereVisible(q: Knex.QueryBuilder, v: GoldenVisibility): Knex.QueryBuilder {
  // A USCC's characters 3–8 are its registering authority's division.
  if (v.level === 'district') return q.whereRaw('substr(g.subject_uscc, 3, 6) = ?', [v.district]);
  if (v.level === 'street') {
    if (!v.agencies.length) return q.whereRaw('false'); // a street with no agencies of its own sees nothing
    return q.whereExists(function () {
      void this.select(1).from('record_sources as vs').join('batches as vb', 'vb.id', 'vs.batch_id')
        .whereRaw('vs.golden_id = g.id').whereIn('vb.agency', v.agencies);
    });
  }
  return q;
}

/** A record as stored, every column. */
export interface GoldenRecordRow extends GoldenState {
  natural_key: string; content_hash: string; status: string; created_at: Date; updated_at: Date;
}

/** The record, every column, locked for the transaction. */
export async function lockGolden(trx: Conn, id: number): Promise<GoldenRecordRow> {
  return (await trx('golden_records').where({ id }).forUpdate().first()) as GoldenRecordRow;
}

/** The state a next version is written from, locked for the transaction. */
export async function lockGoldenState(trx: Conn, id: number): Promise<GoldenState> {
  return (await trx('golden_records').where({ id }).forUpdate().first('id', 'dataset', 'version', 'fields', 'subject_uscc')) as GoldenState;
}

/** The record of this dataset and natural key, locked; undefined when there is none. */
export async function lockGoldenByKey(trx: Conn, dataset: string, naturalKey: string): Promise<GoldenState | undefined> {
  return (await trx('golden_records').where({ dataset, natural_key: naturalKey }).forUpdate()
    .first('id', 'dataset', 'version', 'fields', 'subject_uscc')) as GoldenState | undefined;
}

/** A visible record with its status, locked; undefined when there is none or the caller may not see it. */
export async function lockVisibleGolden(trx: Conn, id: number, restrict: GoldenRestriction): Promise<(GoldenState & { status: string }) | undefined> {
  const q = trx('golden_records as g').where('g.id', id);
  restrict(q);
  return (await q.forUpdate().first('g.id', 'g.dataset', 'g.status', 'g.version', 'g.fields', 'g.subject_uscc')) as
    (GoldenState & { status: string }) | undefined;
}

/** A visible record, every column; undefined when there is none or the caller may not see it. */
export async function visibleGolden(db: Conn, id: number, restrict: GoldenRestriction): Promise<GoldenRecordRow | undefined> {
  const q = db('golden_records as g').where('g.id', id);
  restrict(q);
  return (await q.first('g.*')) as GoldenRecordRow | undefined;
}

/** The record's content hash as it stands. */
export async function goldenContentHash(db: Conn, id: number): Promise<string> {
  return ((await db('golden_records').where({ id }).first('content_hash')) as { content_hash: string }).content_hash;
}

/** One version's values. */
export async function versionFields(db: Conn, goldenId: number, version: number): Promise<Record<string, string>> {
  return ((await db('golden_version_values').where({ golden_id: goldenId, version }).first('fields')) as { fields: Record<string, string> }).fields;
}

/** One version's content hash. */
export async function versionContentHash(db: Conn, goldenId: number, version: number): Promise<string> {
  return ((await db('golden_versions').where({ golden_id: goldenId, version }).first('content_hash')) as { content_hash: string }).content_hash;
}

/** The source row a version was made from. */
export async function versionSource(db: Conn, goldenId: number, version: number): Promise<{ batch_id: string; row_no: number }> {
  return (await db('golden_versions').where({ golden_id: goldenId, version }).first('batch_id', 'row_no')) as { batch_id: string; row_no: number };
}

export interface VersionRow {
  version: number; valid_from: Date; batch_id: string; row_no: number; fields: Record<string, string>; field_sources: Record<string, FieldSource> | null;
}

/** The record's versions in order, those written by `asOf` when given. */
export async function versionsOfRecord(db: Conn, goldenId: number, asOf?: Date): Promise<VersionRow[]> {
  return (await db('golden_version_values').where({ golden_id: goldenId }).modify((q) => {
    if (asOf) void q.where('valid_from', '<=', asOf);
  }).orderBy('version').select('version', 'valid_from', 'batch_id', 'row_no', 'fields', 'field_sources')) as VersionRow[];
}

/**
 * A record of its own with its first version, made from one source row (a steward keeping a row
 * apart); returns its id.
 */
export async function createGolden(
  trx: Conn,
  r: { dataset: string; naturalKey: string; subject: string | null; fields: Record<string, string>; contentHash: string },
  from: { batchId: string; rowNo: number },
): Promise<number> {
  const [created] = (await trx('golden_records')
    .insert({
      dataset: r.dataset,
      natural_key: r.naturalKey,
      subject_uscc: r.subject,
      fields: JSON.stringify(r.fields),
      content_hash: r.contentHash,
    })
    .returning('id')) as Array<{ id: number }>;
  await trx('golden_versions').insert({
    golden_id: created!.id,
    version: 1,
    fields: JSON.stringify(r.fields),
    content_hash: r.contentHash,
    batch_id: from.batchId,
    row_no: from.rowNo,
  });
  return created!.id;
}

/** The record merged into another (its values unchanged; its sources moved by the caller). */
export async function markMerged(trx: Conn, id: number): Promise<void> {
  await trx('golden_records').where({ id }).update({ status: 'merged', updated_at: trx.fn.now() });
}

/** A record as subscribers receive it. */
export interface DeliverableRecord {
  id: number; dataset: string; version: number; subject_uscc: string | null; fields: Record<string, unknown>; status: string;
}

export async function deliverableRecord(db: Conn, id: number): Promise<DeliverableRecord> {
  return (await db('golden_records').where({ id }).first('id', 'dataset', 'version', 'subject_uscc', 'fields', 'status')) as DeliverableRecord;
}

/** The agency and channel of the batch a version was made from: the record's provider then. */
export async function versionOrigin(db: Conn, goldenId: number, version: number): Promise<{ agency: string; channel: string }> {
  return (await db('golden_versions as v').join('batches as b', 'b.id', 'v.batch_id')
    .where({ 'v.golden_id': goldenId, 'v.version': version }).first('b.agency', 'b.channel')) as { agency: string; channel: string };
}

/** Active records of the dataset after `after`, by id, with their version (the expiry sweep's
 * keyset page); with `ended`, none that meets one of these bounds (ended.ts). */
export async function activeRecordsAfter(
  db: Conn, dataset: string, after: number, limit: number, ended: readonly EndedBefore[] = [],
): Promise<Array<{ id: number; version: number; subject_uscc: string | null; fields: Record<string, string> }>> {
  return (await activePage(db, dataset, after, limit, ended).select('g.id', 'g.version', 'g.subject_uscc', 'g.fields')) as
    Array<{ id: number; version: number; subject_uscc: string | null; fields: Record<string, string> }>;
}

/** Active records of the dataset after `after`, by id, of one subject when given (the public
 * view's keyset page); with `ended`, none that meets one of these bounds (ended.ts). */
export async function publicCandidatesAfter(
  db: Conn, dataset: string, after: number, limit: number, subject?: string, ended: readonly EndedBefore[] = [],
): Promise<Array<{ id: number; subject_uscc: string | null; fields: Record<string, string> }>> {
  return (await activePage(db, dataset, after, limit, ended)
    .modify((q) => {
      if (subject) void q.where('g.subject_uscc', subject);
    })
    .select('g.id', 'g.subject_uscc', 'g.fields')) as Array<{ id: number; subject_uscc: string | null; fields: Record<string, string> }>;
}

const activePage = (db: Conn, dataset: string, after: number, limit: number, ended: readonly EndedBefore[]) => db('golden_records as g')
  .where({ 'g.dataset': dataset, 'g.status': 'active' })
  .andWhere('g.id', '>', after)
  .modify((q) => {
    if (ended.length) void q.whereRaw(`not ${meetsEnded('g', '?')}`, [endedParam(ended)]);
  })
  .orderBy('g.id')
  .limit(limit);

export interface ExportedRecord {
  id: number; dataset: string; natural_key: string; subject_uscc: string | null; status: string; version: number; fields: Record<string, string>;
  sources: Array<{ batchId: string; rowNo: number; agency: string; channel: string; role: string }>;
}

/**
 * One page of the dataset's visible records after `after`, by id, with every source row (batch,
 * row, agency, channel, role). As of a moment: each record as its newest version then was, with the
 * sources it had then; records created later are left out.
 */
export async function exportPage(
  db: Knex, dataset: string, after: number, pageSize: number, restrict: GoldenRestriction, asOf?: Date,
): Promise<ExportedRecord[]> {
  let q = db('golden_records as g').where('g.dataset', dataset).andWhere('g.id', '>', after);
  restrict(q);
  q = q.orderBy('g.id').limit(pageSize);
  // History is appended, never overwritten: the newest version by then is the record as it was.
  q = asOf
    ? q.joinRaw(
      `join lateral (select gv.version, gv.fields from golden_version_values gv
                        where gv.golden_id = g.id and gv.valid_from <= ? order by gv.version desc limit 1) cur on true`,
      [asOf],
    )
    : q.joinRaw('cross join lateral (select g.version, g.fields) cur');
  return (await q.select(
    'g.id',
    'g.dataset',
    'g.natural_key',
    'g.subject_uscc',
    'g.status',
    'cur.version',
    'cur.fields',
    db.raw(
      `
             coalesce((select jsonb_agg(jsonb_build_object('batchId', s.batch_id, 'rowNo', s.row_no, 'agency', b.agency, 'channel', b.channel, 'role', s.role)
                                  order by s.batch_id, s.row_no)
                         from record_sources s join batches b on b.id = s.batch_id
                        where s.golden_id = g.id and s.created_at <= coalesce(?, now())), '[]') as sources`,
      [asOf ?? null],
    ),
  )) as ExportedRecord[];
}
