// The demo's stand-in for the registration authority's table, in the exchange area, on a cloned
// database: made and filled once.
import { beforeAll, expect, it } from 'vitest';
import type { Db } from '../connect.ts';
import { clonedDatabase } from '../../test/helpers/query-seed.ts';
import { DEMO_FRONT_TABLE, ensureDemoFront } from './demo-front.ts';

const database = clonedDatabase();
let db: Db;
beforeAll(() => {
  db = database.db;
});
const subject = { uniscid: '91120101300010016K', entname: '天津市和平区海河食品有限公司', regno: '', orgcode: '', lerep: '张建国', regorg_div: '120101' };

it('fills an empty table once, each row with an id and an update time to pull by', async () => {
  expect(await ensureDemoFront(db, [subject])).toBe(true);
  expect(await ensureDemoFront(db, [subject, { ...subject, uniscid: '91120104300010024R' }])).toBe(false);
  const rows = (await db(DEMO_FRONT_TABLE).select('*')) as Array<{ id: string; updated_at: Date; entname: string }>;
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ entname: subject.entname });
  expect(rows[0]!.updated_at).toBeInstanceOf(Date);
});
