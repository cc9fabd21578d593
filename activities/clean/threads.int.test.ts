// A clean part run in a clean thread must write exactly what the same part writes on the worker's
// main thread: the same clean rows, refusals and rule changes, row for row. And a part that fails
// in a thread fails its activity with the thread's reason, leaving the pool able to run the next.
import Papa from 'papaparse';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetDefinition } from '../../catalog/dataset-definition.ts';
import { findBatch } from '../../db/batches.ts';
import { mapHeaders } from '../../domain/layout/headers.ts';
import { createTestDatabase } from '../../test/helpers/factory.ts';
import type { TestDatabase } from '../../test/helpers/factory.ts';
import { seedBatch, seedCatalogVersion, seedRegistrySubject } from '../../test/helpers/query-seed.ts';
import { cleanRange } from './range.ts';
import { CleanThreads } from './threads.ts';

const extract = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/admin_penalty_hand_written.csv');
const [headers, ...rows] = Papa.parse<string[]>(readFileSync(extract, 'utf8'), { skipEmptyLines: true }).data;

let database: TestDatabase;
let threads: CleanThreads;
let first: Awaited<ReturnType<typeof cleanRange>>;

async function seedRawBatch(id: string, catalogVersion: number): Promise<void> {
  const { db } = database;
  await seedBatch(db, { id, catalogVersion, status: 'running' });
  const columns = mapHeaders(datasetDefinition('admin_penalty'), headers!).columns;
  await db('batches').where({ id }).update({ headers: JSON.stringify(headers), column_map: JSON.stringify(columns) });
  // The file's rows, and each again with a broken date and a spaced document number: refusals and rule changes.
  const cells = [...rows, ...rows.map((r) => r.map((c, i) => (columns[i] === 'decision_date' ? '2025-13-45' : columns[i] === 'decision_no' ? ` ${c} ` : c)))];
  await db('raw_rows').insert(cells.map((c, i) => ({ batch_id: id, row_no: i + 1, cells: c })));
}

const written = async (batchId: string) => {
  const { db } = database;
  const strip = <T extends { batch_id?: string }>(r: T) => ({ ...r, batch_id: undefined });
  return {
    clean: (await db('clean_rows').where({ batch_id: batchId }).orderBy('row_no')).map(strip),
    rejects: (await db('rejects').where({ batch_id: batchId }).orderBy(['row_no', 'seq'])).map(strip),
    changes: (await db('clean_changes').where({ batch_id: batchId }).orderBy(['row_no', 'field', 'rule_id'])).map(strip),
  };
};

beforeAll(async () => {
  database = await createTestDatabase();
  const catalog = await seedCatalogVersion(database.db);
  await seedRawBatch('main', catalog);
  await seedRawBatch('thread', catalog);
  // The registry holds the subjects of the file's first rows: a chunk links those as it writes them.
  const columns = mapHeaders(datasetDefinition('admin_penalty'), headers!).columns;
  const [u, n] = [columns.indexOf('subject_uscc'), columns.indexOf('subject_name')];
  for (const r of rows.slice(0, 3)) await seedRegistrySubject(database.db, { uscc: r[u]!, name: r[n]! }).catch(() => undefined);
  threads = new CleanThreads(database.appUrl);
});

afterAll(async () => {
  await threads.close();
  await database.drop();
});

describe('clean threads', () => {
  it('write what the main thread writes, and report every chunk', async () => {
    const { db } = database;
    const start = { afterRow: 0, accepted: 0, rejected: 0 };
    const onMain = await cleanRange(db, (await findBatch(db, 'main'))!, 1_000, 3, { ...start }, () => undefined);
    const chunks: number[] = [];
    const inThread = await threads.run({ batchId: 'thread', to: 1_000, chunkRows: 3, progress: { ...start } }, (_p, c) => chunks.push(c.last));
    expect(inThread).toEqual(onMain);
    // Every copy with a broken date is refused (and the file's own faulty rows); the rest accepted.
    expect(onMain.accepted + onMain.rejected).toBe(rows.length * 2);
    expect(onMain.rejected).toBeGreaterThan(rows.length);
    expect(onMain.accepted).toBeGreaterThan(0);
    first = onMain;
    expect(chunks).toEqual(Array.from({ length: Math.ceil((rows.length * 2) / 3) }, (_, i) => Math.min((i + 1) * 3, rows.length * 2)));
    const [a, b] = [await written('main'), await written('thread')];
    expect(b).toEqual(a);
    expect(a.clean.length).toBe(onMain.accepted);
    expect(a.changes.some((c) => c.field === 'decision_no')).toBe(true);
    expect(a.clean.filter((r) => r.link_method === 'uscc').length).toBeGreaterThan(0);
  });

  it('fail a part with the thread\'s reason, and run the next part on a new thread', async () => {
    await expect(threads.run({ batchId: 'nowhere', to: 10, chunkRows: 5, progress: { afterRow: 0, accepted: 0, rejected: 0 } }, () => undefined))
      .rejects.toThrow('batch nowhere does not exist');
    const again = await threads.run({ batchId: 'thread', to: 1_000, chunkRows: 50, progress: { afterRow: 0, accepted: 0, rejected: 0 } }, () => undefined);
    expect(again).toEqual(first);
  });
});
