// The store's floor (--floor): how long PostgreSQL takes to write once what the run kept, each
// per-row table copied into an empty twin with every index the product reads it by, no cleaning,
// linking or comparing. Any layout that keeps these tables and indexes pays at least this, so it
// tells how near the bare COPY a pipeline on this schema and this machine can come. Run after the
// pipeline, on the run's own server, as the owner (it creates tables); each twin is dropped.
import type { Db } from '../../db/connect.ts';

/** The tables a data row is written to, in the order the pipeline writes them. */
export const FLOOR_TABLES = ['raw_rows', 'clean_rows', 'clean_changes', 'golden_records', 'golden_versions', 'record_sources'] as const;
export type FloorTable = (typeof FLOOR_TABLES)[number];

/** Indexes that serve the auditor's search, not the pipeline: the floor is also told without them. */
const SEARCH_INDEXES = ['golden_records_docno_search_idx', 'golden_records_name_trgm_idx'];

export interface WriteFloor {
  /** Seconds to write each table's rows once into its empty twin. */
  seconds: Record<FloorTable, number>;
  /** golden_records again, into a twin without the search indexes. */
  goldenWithoutSearchSeconds: number;
  totalSeconds: number;
}

const twin = (table: string) => `floor_${table}`;

async function timed(db: Db, sql: string): Promise<number> {
  const started = process.hrtime.bigint();
  await db.raw(sql);
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** Writes `table`'s rows into an empty twin (its columns, defaults and indexes, less `without`),
 * returns the seconds the insert took, and drops the twin whatever happens. `beforeInsert` sees
 * the twin as it is written into (the test counts its indexes). */
export async function copyIntoTwin(
  db: Db, table: FloorTable, without: string[] = [], beforeInsert?: (twin: string) => Promise<void>,
): Promise<number> {
  const t = twin(table);
  await db.raw(`drop table if exists ${t}; create table ${t} (like ${table} including all)`);
  try {
    for (const name of without) await dropTwinIndex(db, table, name);
    await beforeInsert?.(t);
    return await timed(db, `insert into ${t} select * from ${table}`);
  } finally {
    await db.raw(`drop table if exists ${t}`);
  }
}

/** Drops the twin's copy of one of the table's indexes. `like … including all` names a copy by its
 * columns, so the copy is found by its definition, which differs in the two names only. */
async function dropTwinIndex(db: Db, table: string, index: string): Promise<void> {
  const { rows } = await db.raw<{ rows: Array<{ name: string; def: string }> }>(
    `select c.relname as name, pg_get_indexdef(i.indexrelid) as def from pg_index i join pg_class c on c.oid = i.indexrelid
      where i.indrelid = ?::regclass or i.indexrelid = ?::regclass`, [twin(table), index]);
  const body = (def: string) => def.replace(/^CREATE (UNIQUE )?INDEX \S+ ON \S+ /, '');
  const original = rows.find((r) => r.name === index);
  const copy = original && rows.find((r) => r.name !== index && body(r.def) === body(original.def));
  if (!copy) throw new Error(`floor: ${table} has no index ${index} to leave out`);
  await db.raw(`drop index ${copy.name}`);
}

/** Every per-row table written once, one after another, and golden_records without its search indexes. */
export async function writeFloor(db: Db): Promise<WriteFloor> {
  const seconds = {} as Record<FloorTable, number>;
  for (const t of FLOOR_TABLES) seconds[t] = await copyIntoTwin(db, t);
  const goldenWithoutSearchSeconds = await copyIntoTwin(db, 'golden_records', SEARCH_INDEXES);
  const totalSeconds = Object.values(seconds).reduce((a, b) => a + b, 0);
  return { seconds, goldenWithoutSearchSeconds, totalSeconds };
}
