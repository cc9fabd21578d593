// How the rows are read, page by page, so memory holds one page whatever the table holds.
// With a cursor: keyset pagination in (cursor, tiebreak) order — `where (c, t) > (last) and
// (c, t) <= (high-water mark) order by c, t limit n`, never OFFSET, which would reread and skip rows
// as the table changes. The high-water mark is the largest key when the pull starts: rows written
// while a long pull runs are the next pull's, rather than half read by this one. Rows whose cursor
// column is null are never read this way (they have no position).
// Without a cursor: one consistent read of everything — a PostgreSQL cursor in a read-only
// repeatable-read transaction fetched a page at a time; MySQL's rows streamed with back-pressure.
import type { Knex } from 'knex';
import type { SqlPullConfig } from './config.ts';
import { encodeCursor, keyOf, plainValues, temporalColumns } from './values.ts';
import type { Key } from './values.ts';
import type { PulledRecord } from '../types.ts';

/** Runs one statement with the pull's retries (index.ts turns its last failure into our error). */
export type Run = <T>(attempt: () => Promise<T>, page: number) => Promise<T>;

interface Result { rows: Array<Record<string, unknown>>; fields: unknown }

/** What the pull reads: the table, or the query as a subquery (the schema allows no `?` in it,
 * so knex finds no placeholder of its own there). */
export function base(db: Knex, c: SqlPullConfig): Knex.QueryBuilder {
  return c.table ? db.from(c.table) : db.from(db.raw(`(${c.query}) as cdf_pull`));
}

export async function exec(db: Knex, c: SqlPullConfig, qb: Knex.QueryBuilder | string, bindings: readonly unknown[] = []): Promise<Result> {
  const { sql, bindings: b } = typeof qb === 'string' ? { sql: qb, bindings } : qb.toSQL();
  const res = (await db.raw(sql, b as Knex.RawBinding[]).timeout(c.timeoutMs, { cancel: true })) as unknown;
  if (Array.isArray(res)) return { rows: res[0] as Result['rows'], fields: res[1] };
  return res as Result;
}

const keyColumns = (c: SqlPullConfig): string[] =>
  (c.cursor!.column === c.cursor!.tiebreak ? [c.cursor!.column] : [c.cursor!.column, c.cursor!.tiebreak]);

/** `(c, t) op (a, b)`, with the names quoted by knex. MySQL spelt out: its optimiser reads the
 * or-form as index ranges, and row comparisons not everywhere. */
function compare(c: SqlPullConfig, op: '>' | '<=', key: Key): [string, unknown[]] {
  const cols = keyColumns(c);
  if (cols.length === 1) return [`?? ${op} ?`, [cols[0], key[0]]];
  if (c.client === 'postgresql') return [`(??, ??) ${op} (?, ?)`, [cols[0], cols[1], key[0], key[1]]];
  const strict = op === '>' ? '>' : '<';
  return [`(?? ${strict} ? or (?? = ? and ?? ${op} ?))`, [cols[0], key[0], cols[0], key[0], cols[1], key[1]]];
}

export async function* keysetPages(db: Knex, c: SqlPullConfig, after: Key | null, run: Run, progress: () => void): AsyncGenerator<PulledRecord> {
  const cols = keyColumns(c);
  const { column, tiebreak } = c.cursor!;
  const top = await run(() => exec(db, c, base(db, c).select(cols).whereNotNull(column).orderBy(cols.map((x) => ({ column: x, order: 'desc' }))).limit(1)), 0);
  progress();
  if (!top.rows.length) return;
  const hwm = keyOf(top.rows[0]!, column, tiebreak);
  let from = after;
  for (let page = 1; ; page++) {
    let q = base(db, c).select('*');
    if (from) q = q.whereRaw(...compare(c, '>', from) as [string, Knex.RawBinding[]]);
    q = q.whereRaw(...compare(c, '<=', hwm) as [string, Knex.RawBinding[]]).orderBy(cols.map((x) => ({ column: x, order: 'asc' }))).limit(c.pageSize);
    const { rows, fields } = await run(() => exec(db, c, q), page);
    progress();
    const temporal = temporalColumns(c.client, fields);
    for (const row of rows) {
      from = keyOf(row, column, tiebreak);
      yield { values: plainValues(row, temporal), cursor: encodeCursor(from) };
    }
    if (rows.length < c.pageSize) return;
  }
}

/** Everything, once, in a PostgreSQL cursor: a consistent snapshot, one page in memory. */
export async function* pgFullRead(db: Knex, c: SqlPullConfig, run: Run, progress: () => void): AsyncGenerator<PulledRecord> {
  const { sql, bindings } = base(db, c).select('*').toSQL();
  const trx = await run(async () => {
    const t = await db.transaction({ isolationLevel: 'repeatable read', readOnly: true });
    try {
      await t.raw(`declare cdf_pull_cursor no scroll cursor for ${sql}`, bindings as Knex.RawBinding[]);
      return t;
    } catch (e) {
      await t.rollback().catch(() => undefined);
      throw e;
    }
  }, 0);
  try {
    for (let page = 1; ; page++) {
      // A failure inside the transaction ends it: the snapshot cannot be resumed, only restarted by the next pull.
      const res = (await trx.raw(`fetch forward ${Math.trunc(c.pageSize)} from cdf_pull_cursor`).timeout(c.timeoutMs, { cancel: true })) as Result;
      progress();
      const temporal = temporalColumns(c.client, res.fields);
      for (const row of res.rows) yield { values: plainValues(row, temporal), cursor: null };
      if (res.rows.length < c.pageSize) return;
    }
  } finally {
    await trx.rollback().catch(() => undefined);
  }
}

interface MysqlQuery {
  on(e: 'fields', f: (fields: unknown) => void): void;
  stream(o: { highWaterMark: number }): AsyncIterable<Record<string, unknown>>;
}
interface MysqlConn {
  query(sql: string, values: unknown[]): MysqlQuery;
  destroy(): void;
}

/** Everything, once, streamed from MySQL: the driver pauses the socket while a page waits to be read. */
export async function* mysqlFullRead(db: Knex, c: SqlPullConfig, run: Run, progress: () => void): AsyncGenerator<PulledRecord> {
  const { sql, bindings } = base(db, c).select('*').toSQL();
  const conn = await run(() => db.client.acquireConnection() as Promise<MysqlConn>, 0);
  let done = false;
  try {
    const query = conn.query(sql, [...bindings]);
    let temporal = temporalColumns(c.client, []);
    query.on('fields', (fields) => { temporal = temporalColumns(c.client, fields); });
    let n = 0;
    for await (const row of query.stream({ highWaterMark: Math.min(c.pageSize, 1000) })) {
      if (++n % c.pageSize === 1) progress();
      yield { values: plainValues(row, temporal), cursor: null };
    }
    done = true;
  } finally {
    // Stopped early, the rest of the result is still coming down this connection: close it.
    if (!done) conn.destroy();
    await db.client.releaseConnection(conn);
  }
}
