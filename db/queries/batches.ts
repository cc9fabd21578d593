// batches as services and the steward side read and record them beside db/batches.ts (the whole
// batch as the API shows it): the agency a batch came from (for the caller's scope), the catalogue
// version it was received under, and an upload recorded once per file.
import type { Knex } from 'knex';

type Conn = Knex | Knex.Transaction;

/** What makes two uploads the same batch: the same file from the same agency, dataset and channel. */
export interface BatchKey { agency: string; dataset: string; channel: string; file_sha256: string }

/** The agency the batch came from; undefined when there is no such batch. */
export async function batchAgency(db: Conn, id: string): Promise<string | undefined> {
  const batch = (await db('batches').where({ id }).first('agency')) as { agency: string } | undefined;
  return batch?.agency;
}

/** The catalogue version the batch was received under. */
export async function batchCatalogVersion(db: Conn, id: string): Promise<number> {
  return ((await db('batches').where({ id }).first('catalog_version')) as { catalog_version: number }).catalog_version;
}

/** The batch recorded for this file; undefined when there is none. */
export async function batchIdByKey(db: Conn, key: BatchKey): Promise<string | undefined> {
  return ((await db('batches').where(key).first('id')) as { id: string } | undefined)?.id;
}

export interface NewBatch extends BatchKey {
  id: string; file_name: string; file_bytes: number; format: string; encoding: string; headers: string; column_map: string; layout: string;
  catalog_version: number; landing_path: string; created_by: string;
  /** A pulled batch: the source, query and cursor range it was read with (JSON text). */
  origin?: string;
}

/** The batch recorded, unless the same file was recorded already (concurrently): true when this call recorded it. */
export async function insertBatchOnce(db: Conn, b: NewBatch): Promise<boolean> {
  const inserted = await db('batches').insert(b).onConflict(['agency', 'dataset', 'channel', 'file_sha256']).ignore().returning('id');
  return inserted.length > 0;
}

/** Batches recorded at least `seconds` ago (by the database's clock, which stamped them) that no
 * workflow has begun: status received, oldest first, up to `limit`. Those whose upload met Temporal
 * down (workflows/start-stranded.ts). */
export async function strandedBatchIds(db: Conn, seconds: number, limit: number): Promise<string[]> {
  const rows = (await db('batches').where('status', 'received').andWhereRaw(`created_at < now() - make_interval(secs => ?)`, [seconds])
    .orderBy('created_at').limit(limit).select('id')) as Array<{ id: string }>;
  return rows.map((r) => r.id);
}
