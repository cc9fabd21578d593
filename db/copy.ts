// Bulk loading through COPY FROM STDIN: the fastest way rows enter PostgreSQL. Rows are encoded
// as CSV; a text[] column is written as an array literal inside one CSV field.
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { from as copyFrom } from 'pg-copy-streams';
import type { PoolClient } from 'pg';
import type { Db } from './connect.ts';

export type CopyValue = string | number | null | readonly string[];

const csvField = (s: string): string => (s.includes('"') ? `"${s.replace(/"/g, '""')}"` : `"${s}"`);
// An array literal's element in its CSV field: quoted for the array ("…"), its quotes and
// backslashes escaped for the array (\" \\), and every quote then doubled for CSV. Built in one
// pass: receive encodes millions of rows and most cells need no escaping.
const arrayElement = (c: string): string =>
  (c.includes('"') || c.includes('\\') ? `""${c.replace(/\\/g, '\\\\').replace(/"/g, '\\""')}""` : `""${c}""`);
const arrayField = (cells: readonly string[]): string => `"{${cells.map(arrayElement).join(',')}}"`;

export function encodeCsvRow(values: readonly CopyValue[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i > 0) line += ',';
    if (v === null) continue;
    if (typeof v === 'number') line += String(v);
    else if (typeof v === 'string') line += csvField(v);
    else line += arrayField(v as readonly string[]);
  }
  return line + '\n';
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

/** A piece of COPY data: rows go out about 64 KB at a time, not one write a row. */
const PIECE_BYTES = 65_536;

/** CSV lines gathered into pieces of COPY data, for every writer of it (clean's tables through
 * copyRows, receive's raw rows). Each line is written into the piece's bytes as it comes. Pieces
 * grown as strings with `+=` and turned into bytes by the stream cost 18-21 µs a row for 20,000
 * penalty rows of clean_rows (about 1 KB each; lines joined instead, 15-30), written as bytes
 * 5.5-5.9 µs. */
export class CsvPieces {
  // Room for a full piece and a long line after it: a piece goes out once it passes 64 KB. Made
  // when the first line of a piece comes, so taking the last piece makes no new one.
  private bytes: Buffer | undefined;
  private at = 0;

  /** Adds a row; returns a piece when one is full. */
  add(values: readonly CopyValue[]): Buffer | undefined {
    const line = encodeCsvRow(values);
    // A UTF-16 unit takes at most 3 bytes in UTF-8: room for that, or the piece goes out first.
    const most = line.length * 3;
    const full = this.bytes && this.at + most > this.bytes.length ? this.take() : undefined;
    this.bytes ??= Buffer.allocUnsafe(Math.max(2 * PIECE_BYTES, most));
    this.at += this.bytes.write(line, this.at);
    return full ?? (this.at >= PIECE_BYTES ? this.take() : undefined);
  }

  /** What is gathered and not yet given out, as one piece (empty when nothing). A piece given out
   * is never written again: the stream may still hold it. */
  take(): Buffer {
    const piece = this.bytes ? this.bytes.subarray(0, this.at) : Buffer.alloc(0);
    this.bytes = undefined;
    this.at = 0;
    return piece;
  }
}

/** COPYs rows into table(columns). Empty strings stay empty strings; null is NULL. */
export async function copyRows(
  client: PoolClient,
  table: string,
  columns: readonly string[],
  rows: AsyncIterable<readonly CopyValue[]> | Iterable<readonly CopyValue[]>,
): Promise<void> {
  async function* encode() {
    const pieces = new CsvPieces();
    // Rows in hand are read as they are: `for await` would wait a tick for every one of them.
    if (Symbol.iterator in rows) {
      for (const row of rows) {
        const piece = pieces.add(row);
        if (piece) yield piece;
      }
    } else {
      for await (const row of rows) {
        const piece = pieces.add(row);
        if (piece) yield piece;
      }
    }
    const last = pieces.take();
    if (last.length) yield last;
  }
  await copyText(client, table, columns, encode());
}

/** COPYs CSV text (format csv, as encodeCsvRow writes it) into table(columns), piece by piece. */
export async function copyText(
  client: PoolClient, table: string, columns: readonly string[], text: AsyncIterable<string | Buffer>,
): Promise<void> {
  const sql = `copy ${table} (${columns.join(', ')}) from stdin with (format csv)`;
  await pipeline(Readable.from(text), client.query(copyFrom(sql)));
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
