// The clean step's statements: the row ranges a batch is cleaned in, a chunk of raw rows, a
// chunk's earlier output (deleted before the chunk is written again), the step's figures, and the
// registry's subjects for the USCCs a chunk's rows carry (linked as they are cleaned).
import type { Knex } from 'knex';
import type { PoolClient } from 'pg';
import { rejectedRowCount } from '../reports.ts';
import { SAME_NAME_SIMILARITY, sameName } from './link.ts';

type Conn = Knex | Knex.Transaction;

/** Row numbers from..to, both included. */
export interface RowRange { from: number; to: number }

/** The batch's rows split into ranges of about partRows rows, by row number (rows are numbered
 * as read, so the numbers are dense apart from a few skipped lines). */
export async function rowRanges(db: Conn, batchId: string, partRows: number): Promise<RowRange[]> {
  const { rows } = await db.raw<{ rows: Array<{ lo: number | null; hi: number | null; n: number }> }>(
    'select min(row_no) as lo, max(row_no) as hi, count(*)::int as n from raw_rows where batch_id = ?', [batchId]);
  const { lo, hi, n } = rows[0]!;
  if (lo === null || hi === null || n === 0) return [];
  const parts = Math.max(1, Math.ceil(n / partRows));
  const width = Math.ceil((hi - lo + 1) / parts);
  return Array.from({ length: parts }, (_, i) => ({ from: lo + i * width, to: Math.min(hi, lo + (i + 1) * width - 1) }))
    .filter((r) => r.from <= r.to);
}

/** Up to `limit` raw rows after row `after`, up to row `to`. The cells come as JSON text: parsed
 * by V8's JSON.parse, ten times faster than node-postgres decoding the array literal (0.6 µs
 * against 5.6 µs for a 26-cell row). */
export async function rawRowsAfter(client: PoolClient, batchId: string, after: number, to: number, limit: number) {
  const { rows } = await client.query<{ row_no: number; cells: string }>(
    `select row_no, array_to_json(cells)::text as cells from raw_rows
      where batch_id = $1 and row_no > $2 and row_no <= $3 order by row_no limit $4`, [batchId, after, to, limit]);
  return rows.map((r) => ({ row_no: r.row_no, cells: JSON.parse(r.cells) as string[] }));
}

/** What an earlier attempt wrote for rows first..last: a chunk is written again whole. */
export async function deleteCleanOutput(client: PoolClient, batchId: string, first: number, last: number): Promise<void> {
  for (const t of ['clean_changes', 'rejects', 'clean_rows']) {
    await client.query(`delete from ${t} where batch_id = $1 and row_no between $2 and $3`, [batchId, first, last]);
  }
}

/** The step's figures: rows accepted, and rows refused (a row refused for several reasons once). */
export async function cleanCounts(db: Conn, batchId: string): Promise<{ accepted: number; rejected: number }> {
  const { rows } = await db.raw<{ rows: Array<{ n: number }> }>('select count(*)::int as n from clean_rows where batch_id = ?', [batchId]);
  return { accepted: rows[0]!.n, rejected: await rejectedRowCount(db, batchId) };
}

/** A USCC the registry holds, for the row at `i` of the lookup, and whether the registered name
 * agrees with the row's (link.ts, sameName). */
export interface RegisteredUscc { i: number; uscc: string; sameName: boolean }

/** Which of a chunk's USCCs the registry holds: one index probe each, in one statement. */
export async function registeredUsccs(client: PoolClient, usccs: string[], nameKeys: Array<string | null>): Promise<RegisteredUscc[]> {
  if (!usccs.length) return [];
  const { rows } = await client.query<{ i: string; uscc: string; same: boolean }>(REGISTERED, [usccs, nameKeys, SAME_NAME_SIMILARITY]);
  return rows.map((r) => ({ i: Number(r.i) - 1, uscc: r.uscc, sameName: r.same }));
}

/** The plan of registeredUsccs for these arguments (JSON), for the test that holds it to the index. */
export async function explainRegisteredUsccs(client: PoolClient, usccs: string[], nameKeys: Array<string | null>): Promise<unknown> {
  const { rows } = await client.query<{ 'QUERY PLAN': unknown }>(`explain (format json) ${REGISTERED}`, [usccs, nameKeys, SAME_NAME_SIMILARITY]);
  return rows[0]!['QUERY PLAN'];
}

// The registry is read through its key with the chunk's USCCs as one array (PostgreSQL 17 and later
// walk the index once for the sorted array). Joined to the chunk's rows directly, the planner
// hashed the whole registry for every chunk instead: chunks of about 4,000 USCCs against 333,333
// subjects, 160 ms a chunk on average and 33 s of a million-row run; probed by the key, 34 ms and 7 s.
const REGISTERED = `
  select c.i, r.uscc, ${sameName('$3')} as same
    from unnest($1::text[], $2::text[]) with ordinality c(uscc, name_key, i)
    join (select uscc, name_key from registry_subjects where uscc = any($1::text[])) r on r.uscc = c.uscc`;
