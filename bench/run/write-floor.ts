// The store's floor (--floor): how long PostgreSQL takes to write once what the run kept, each
// per-row table copied into an empty twin with every index the product reads it by, no cleaning,
// linking or comparing: an estimate of what any layout keeping these tables and indexes pays, so of
// how near the bare COPY a pipeline on this schema and this machine can come. An estimate, not a
// bound: one statement a table after the pipeline, and a step writing batch by batch was measured
// below it (sync, docs/scale.md, nineteenth round). Run on the run's own server, as the owner (it
// creates tables); each twin is dropped.
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

/** An empty twin of `table`: its columns, defaults and indexes, less the indexes `without`. */
export async function createTwin(db: Db, table: FloorTable, without: string[] = []): Promise<string> {
  const t = twin(table);
  await db.raw(`drop table if exists ${t}; create table ${t} (like ${table} including all)`);
  try {
    for (const name of without) await dropTwinIndex(db, table, name);
  } catch (e) {
    await dropTwin(db, table);
    throw e;
  }
  return t;
}

export async function dropTwin(db: Db, table: FloorTable): Promise<void> {
  await db.raw(`drop table if exists ${twin(table)}`);
}

/** Writes `table`'s rows into an empty twin (createTwin), returns the seconds the insert took, and
 * drops the twin whatever happens. */
export async function copyIntoTwin(db: Db, table: FloorTable, without: string[] = []): Promise<number> {
  const t = await createTwin(db, table, without);
  try {
    return await timed(db, `insert into ${t} select * from ${table}`);
  } finally {
    await dropTwin(db, table);
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
