// The steps' own statements on a cloned database: a step's marker written once and read back,
// the batch row two attempts serialise on, statistics of the planned columns only, and receive's
// statements on a pg client inside its transaction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../connect.ts';
import { inTransaction, withPgClient } from '../../copy.ts';
import { createTestDatabase } from '../../../test/helpers/factory.ts';
import type { TestDatabase } from '../../../test/helpers/factory.ts';
import { seedBatch, seedCatalogVersion, seedCleanRow } from '../../../test/helpers/query-seed.ts';
import { analyze, deleteRawRows, doneStats, lockBatchRow, markDone, markReceived } from './steps.ts';

let database: TestDatabase;
let db: Db;
const B = 'st';

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  const catalog = await seedCatalogVersion(db);
  await seedBatch(db, { id: B, catalogVersion: catalog });
  await seedBatch(db, { id: 'st_other', catalogVersion: catalog });
});
afterAll(async () => database?.drop());

describe('a step\'s marker', () => {
  it('is absent until the step is marked done, and the first stats recorded stand', async () => {
    expect(await doneStats(db, B, 'link')).toBeUndefined();
    await markDone(db, B, 'link', { linked: 3 });
    await db.transaction(async (trx) => markDone(trx, B, 'link', { linked: 99 }));
    expect(await doneStats(db, B, 'link')).toEqual({ linked: 3 });
    expect(await doneStats(db, B, 'compare')).toBeUndefined();
    expect(await doneStats(db, 'st_other', 'link')).toBeUndefined();
  });
});

describe('the batch row lock', () => {
  it('holds the batch row until the transaction ends, and no other batch\'s', async () => {
    await db.transaction(async (trx) => {
      await lockBatchRow(trx, B);
      await db.transaction(async (other) => {
        await expect(other.raw('select 1 from batches where id = ? for update nowait', [B])).rejects.toMatchObject({ code: '55P03' });
      });
      await db.transaction(async (other) => {
        await other.raw('select 1 from batches where id = ? for update nowait', ['st_other']);
      });
    });
    await db.transaction(async (other) => {
      await other.raw('select 1 from batches where id = ? for update nowait', [B]);
    });
  });
});

describe('analyze', () => {
  it('gathers statistics of the columns steps plan on, not of the wide document columns', async () => {
    for (const rowNo of [1, 2, 3]) await seedCleanRow(db, { batchId: B, rowNo, fields: { n: `${rowNo}` } });
    await analyze(db, 'clean_rows');
    const { rows } = await db.raw<{ rows: Array<{ attname: string }> }>(
      `select attname from pg_stats where schemaname = current_schema() and tablename = 'clean_rows' order by attname`);
    const columns = rows.map((r) => r.attname);
    expect(columns).toEqual(expect.arrayContaining(['batch_id', 'row_no', 'natural_key', 'content_hash']));
    expect(columns).not.toContain('fields');
  });

  // Sync analyses golden_records inside its transaction once it has made many records, and not
  // again after the commit (activities/sync.ts): what the inner ANALYZE saw must be what stays.
  it('inside a transaction, counts the transaction\'s own new rows, and what it gathered outlives the commit', async () => {
    await db.transaction(async (trx) => {
      await trx.raw(`insert into clean_rows (batch_id, row_no, fields, natural_key, content_hash)
        select ?, n, '{}'::jsonb, 'k' || n, 'h' from generate_series(100, 2099) n`, [B]);
      await analyze(trx, 'clean_rows');
    });
    const { rows } = await db.raw<{ rows: Array<{ reltuples: number; keys: number | null }> }>(
      `select c.reltuples::int as reltuples,
              (select s.n_distinct from pg_stats s where s.schemaname = current_schema() and s.tablename = 'clean_rows'
                and s.attname = 'natural_key') as keys
         from pg_class c where c.oid = 'clean_rows'::regclass`);
    expect(rows[0]!.reltuples).toBeGreaterThanOrEqual(2_000);
    // Every key distinct: n_distinct -1 ("as many as rows"), gathered over the 2,000 new rows.
    expect(Number(rows[0]!.keys)).toBe(-1);
  });
});

describe('receive\'s statements', () => {
  it('delete the batch\'s raw rows and write the receive marker once, on a pg client in a transaction', async () => {
    await db('raw_rows').insert([{ batch_id: B, row_no: 1, cells: ['a'] }, { batch_id: 'st_other', row_no: 1, cells: ['b'] }]);
    await withPgClient(db, (client) => inTransaction(client, async () => {
      await deleteRawRows(client, B);
      await markReceived(client, B, { received: 2 });
      await markReceived(client, B, { received: 5 });
    }));
    expect(await db('raw_rows').orderBy('batch_id').pluck('batch_id')).toEqual(['st_other']);
    expect(await doneStats(db, B, 'receive')).toEqual({ received: 2 });
  });
});
