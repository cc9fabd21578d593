// Source rows: record_sources as the steward side changes and reads them (which record each source
// row belongs to and the role it plays there: chosen, duplicate, overruled, …), and the rows
// themselves as lineage shows them (batch, cells as received, clean changes). Every change of a role
// is appended to record_source_history by the table's trigger (migration 20261130120000), so lineage
// as of a moment reads what these wrote; one row's role is db/golden.ts (setRole, chooseSource).
import type { Knex } from 'knex';
import type { BatchOrigin } from '../batches.ts';

type Conn = Knex | Knex.Transaction;

export interface SourceRole { batch_id: string; row_no: number; golden_id: number; role: string }

/** Each row's record and role, inserted or changed (one statement for many rows). */
export async function setRoles(trx: Conn, roles: SourceRole[]): Promise<void> {
  if (!roles.length) return;
  await trx('record_sources')
    .insert(roles)
    .onConflict(['batch_id', 'row_no'])
    .merge(['golden_id', 'role']);
}

/** Every source of one record becomes a duplicate source of another (a merge). */
export async function moveSourcesAsDuplicates(trx: Conn, from: number, into: number): Promise<void> {
  await trx('record_sources').where({ golden_id: from }).update({ golden_id: into, role: 'duplicate' });
}

/** The record this row is the chosen source of; undefined when it is none's. */
export async function recordChosenFrom(trx: Conn, batchId: string, rowNo: number): Promise<number | undefined> {
  const src = (await trx('record_sources').where({ batch_id: batchId, row_no: rowNo, role: 'chosen' }).first('golden_id')) as
    { golden_id: number } | undefined;
  return src?.golden_id;
}


export interface SourceRowDetail {
  batch_id: string; row_no: number; headers: string[]; agency: string; channel: string; file_name: string; file_sha256: string; catalog_version: number;
  created_at: Date; column_map: Array<string | null>; fields: Record<string, string>; link_method: string | null; link_confidence: number | null;
  subject_uscc: string | null;
  cells: string[];
  /** A pulled batch's source, query and cursor range (batches.origin); null for an upload. */
  origin: BatchOrigin | null;
}

/** The source rows named, with their batch, cleaned fields, link and cells as received. */
export async function sourceRowDetails(db: Conn, pairs: Array<[string, number]>): Promise<SourceRowDetail[]> {
  return (await db('clean_rows as c')
    .join('batches as b', 'b.id', 'c.batch_id')
    .join('raw_rows as w', function () {
      this.on('w.batch_id', 'c.batch_id').andOn('w.row_no', 'c.row_no');
    })
    .whereIn(['c.batch_id', 'c.row_no'], pairs)
    .select(
      'c.batch_id', 'c.row_no', 'b.headers', 'b.agency', 'b.channel', 'b.file_name', 'b.file_sha256', 'b.catalog_version', 'b.created_at', 'b.column_map',
      'c.fields', 'c.link_method', 'c.link_confidence', 'c.subject_uscc', 'w.cells', 'b.origin',
    )) as SourceRowDetail[];
}

export interface CleanChange {
  batch_id: string; row_no: number; field: string; rule_id: string; rule_version: number; before: string | null; after: string | null;
}

/** What the clean rules changed in these rows (in one field when given), by row and field. */
export async function cleanChangesOfRows(db: Conn, pairs: Array<[string, number]>, field?: string): Promise<CleanChange[]> {
  return (await db('clean_changes')
    .whereIn(['batch_id', 'row_no'], pairs)
    .modify((q) => {
      if (field) void q.where('field', field);
    })
    .orderBy(['batch_id', 'row_no', 'field'])
    .select('batch_id', 'row_no', 'field', 'rule_id', 'rule_version', 'before', 'after')) as CleanChange[];
}
