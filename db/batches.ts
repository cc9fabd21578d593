// Queries on batches shared by activities, the API and the CLI.
import type { PoolClient } from 'pg';
import type { BatchLayout } from '../domain/layout/layout.ts';
import type { BatchCounts } from '../domain/pipeline.ts';

export type { BatchCounts } from '../domain/pipeline.ts';
import type { Db } from './connect.ts';


export interface Batch {
  id: string;
  dataset: string;
  agency: string;
  channel: string;
  fileName: string;
  fileSha256: string;
  fileBytes: number;
  format: string;
  encoding: string;
  headers: string[];
  columnMap: (string | null)[];
  /** Where the header is and which lines were skipped; null for batches from before layouts. */
  layout: BatchLayout | null;
  catalogVersion: number;
  landingPath: string;
  status: string;
  step: string | null;
  counts: BatchCounts;
  error: unknown;
  createdBy: string;
  createdAt: Date;
  finishedAt: Date | null;
  /** When the batch row last changed (for a failed batch: when it was marked failed). */
  updatedAt: Date;
  /** A pulled batch: the connector, source and query it was read with, and the cursor range. */
  origin: BatchOrigin | null;
}

export interface BatchOrigin {
  connector: string; source: string; query: string; cursorFrom: string | null; cursorTo: string | null; rows: number; full: boolean;
}

interface BatchRow {
  id: string; dataset: string; agency: string; channel: string; file_name: string; file_sha256: string; file_bytes: number;
  format: string; encoding: string; headers: string[]; column_map: (string | null)[]; layout: BatchLayout | null;
  catalog_version: number; landing_path: string;
  status: string; step: string | null; counts: BatchCounts; error: unknown; created_by: string; created_at: Date; finished_at: Date | null; updated_at: Date;
  origin?: BatchOrigin | null;
}

const toBatch = (r: BatchRow): Batch => ({
  id: r.id, dataset: r.dataset, agency: r.agency, channel: r.channel, fileName: r.file_name, fileSha256: r.file_sha256,
  fileBytes: r.file_bytes, format: r.format, encoding: r.encoding, headers: r.headers, columnMap: r.column_map, layout: r.layout,
  catalogVersion: r.catalog_version, landingPath: r.landing_path, status: r.status, step: r.step, counts: r.counts,
  error: r.error, createdBy: r.created_by, createdAt: r.created_at, finishedAt: r.finished_at, updatedAt: r.updated_at,
  origin: r.origin ?? null,
});

export async function findBatch(db: Db, id: string): Promise<Batch | undefined> {
  const row = (await db('batches').where({ id }).first()) as BatchRow | undefined;
  return row && toBatch(row);
}

/** `agencies`: only these agencies' batches (an empty list: none), for a caller's scope. */
export async function listBatches(db: Db, filter: { agency?: string; agencies?: readonly string[] }, limit = 100): Promise<Batch[]> {
  // A list leaves out the CSV line shifts (up to thousands a batch): only a report needs them.
  // node-pg keeps the last of two same-named columns, so this layout replaces batches.layout.
  const q = db('batches').select(db.raw(`batches.*, batches.layout - 'lineShifts' as layout`)).orderBy('created_at', 'desc').limit(limit);
  if (filter.agency) q.where({ agency: filter.agency });
  if (filter.agencies) q.whereIn('agency', filter.agencies.length ? [...filter.agencies] : ['']);
  return ((await q) as BatchRow[]).map(toBatch);
}

export async function setBatchStep(db: Db, id: string, step: string, status = 'running'): Promise<void> {
  await db('batches').where({ id }).update({ step, status, updated_at: db.fn.now() });
}

export async function mergeBatchCounts(db: Db, id: string, counts: BatchCounts): Promise<void> {
  await db('batches').where({ id }).update({ counts: db.raw('counts || ?::jsonb', [JSON.stringify(counts)]), updated_at: db.fn.now() });
}

/** Adds what receipt learns of the layout (footers, line shifts) inside receipt's transaction. */
export async function mergeBatchLayout(client: PoolClient, id: string, patch: Partial<BatchLayout>): Promise<void> {
  await client.query(`update batches set layout = coalesce(layout, '{}'::jsonb) || $2::jsonb, updated_at = now() where id = $1`,
    [id, JSON.stringify(patch)]);
}
