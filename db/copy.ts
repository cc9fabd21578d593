// Bulk loading through COPY FROM STDIN: the fastest way rows enter PostgreSQL. Rows are encoded
// as CSV; a text[] column is written as an array literal inside one CSV field.
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { from as copyFrom } from 'pg-copy-streams';
import type { PoolClient } from 'pg';
import type { Db } from './connect.ts';

export type CopyValue = string | number | null | readonly string[];

const csvField = (s: string): string => `"${s.replace(/"/g, '""')}"`;
const arrayLiteral = (cells: readonly string[]): string =>
  `{${cells.map((c) => `"${c.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;

export function encodeCsvRow(values: readonly CopyValue[]): string {
  return values.map((v) => {
    if (v === null) return '';
    if (typeof v === 'number') return String(v);
    if (typeof v === 'string') return csvField(v);
    return csvField(arrayLiteral(v));
  }).join(',') + '\n';
}

/** Runs fn with a raw pg client from the knex pool (inside trx when given). */
export async function withPgClient<T>(db: Db, fn: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = (await db.client.acquireConnection()) as PoolClient;
  try {
    return await fn(client);
  } finally {
    await db.client.releaseConnection(client);
  }
}

/** COPYs rows into table(columns). Empty strings stay empty strings; null is NULL. */
export async function copyRows(
  client: PoolClient,
  table: string,
  columns: readonly string[],
  rows: AsyncIterable<readonly CopyValue[]> | Iterable<readonly CopyValue[]>,
): Promise<void> {
  const sql = `copy ${table} (${columns.join(', ')}) from stdin with (format csv)`;
  const stream = client.query(copyFrom(sql));
  async function* encode() {
    for await (const row of rows) yield encodeCsvRow(row);
  }
  await pipeline(Readable.from(encode()), stream);
}

/** Runs fn inside BEGIN … COMMIT on a raw client; any error rolls everything back. */
export async function inTransaction<T>(client: PoolClient, fn: () => Promise<T>): Promise<T> {
  await client.query('begin');
  try {
    const result = await fn();
    await client.query('commit');
    return result;
  } catch (e) {
    await client.query('rollback').catch(() => undefined);
    throw e;
  }
}
