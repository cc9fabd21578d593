// The orphan checks that stand in for the dropped per-row foreign keys: silent on a store the
// pipeline wrote, and naming the table of a row whose batch or record is missing.
import { describe, expect, it } from 'vitest';
import { clonedDatabase } from '../../../test/helpers/query-seed.ts';
import { orphanCounts } from './integrity.ts';

const database = clonedDatabase();

describe('orphanCounts', () => {
  it('finds nothing in an empty store, and names the table of a row whose batch is missing', async () => {
    const { db } = database;
    expect(await orphanCounts(db)).toEqual([]);
    await db('raw_rows').insert({ batch_id: 'no-such-batch', row_no: 1, cells: ['a'] });
    await db('record_sources').insert({ batch_id: 'no-such-batch', row_no: 1, golden_id: 424242, role: 'chosen' });
    expect(await orphanCounts(db)).toEqual([
      { table: 'raw_rows', rows: 1 },
      { table: 'record_sources', rows: 1 },
      { table: 'record_sources', rows: 1 },
    ]);
  });
});
