// The audit verification's reads on a cloned database, seeded with plain inserts: when the entries
// were written (all of them, or those before a broken link) and the entry at a sequence number.
import { beforeAll, expect, it } from 'vitest';
import type { Db } from '../connect.ts';
import { clonedDatabase } from '../../test/helpers/query-seed.ts';
import { auditEntryAt, auditSpan } from './audit-log.ts';

const database = clonedDatabase();
let db: Db;
beforeAll(() => {
  db = database.db;
});

it('reads the span of the entries, before a sequence number or all, and one entry', async () => {
  expect(await auditSpan(db)).toEqual({ first_at: null, last_at: null });
  await db('audit_log').insert([1, 2, 3].map((seq) => ({
    seq, at: `2026-0${seq}-01T00:00:00.000Z`, actor: `actor${seq}`, kind: 'upload', subject: `batch:${seq}`, payload: '{}', prev_hash: 'p', hash: `h${seq}`,
  })));
  expect(await auditSpan(db)).toEqual({ first_at: '2026-01-01T00:00:00.000Z', last_at: '2026-03-01T00:00:00.000Z' });
  expect(await auditSpan(db, 3)).toEqual({ first_at: '2026-01-01T00:00:00.000Z', last_at: '2026-02-01T00:00:00.000Z' });
  expect(await auditSpan(db, 1)).toEqual({ first_at: null, last_at: null });
  expect(await auditEntryAt(db, 2)).toEqual({ at: '2026-02-01T00:00:00.000Z', kind: 'upload', actor: 'actor2' });
  expect(await auditEntryAt(db, 9)).toBeUndefined();
});
