// The orphan checks that stand in for the dropped per-row foreign keys: silent on a store the
// pipeline wrote, and naming the table of a row whose batch or record is missing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/factory.ts';
import type { TestDatabase } from '../../../test/helpers/factory.ts';
import { orphanCounts } from './integrity.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

describe('orphanCounts', () => {
  it('finds nothing in an empty store, and names the table of a row whose batch is missing', async () => {
    expect(await orphanCounts(t.db)).toEqual([]);
    await t.db('raw_rows').insert({ batch_id: 'no-such-batch', row_no: 1, cells: ['a'] });
    await t.db('record_sources').insert({ batch_id: 'no-such-batch', row_no: 1, golden_id: 424242, role: 'chosen' });
    expect(await orphanCounts(t.db)).toEqual([
      { table: 'raw_rows', rows: 1 },
      { table: 'record_sources', rows: 1 },
      { table: 'record_sources', rows: 1 },
    ]);
  });
});
