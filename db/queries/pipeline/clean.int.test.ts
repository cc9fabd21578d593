// Clean's registry lookup on a cloned database: which of a chunk's USCCs the registry holds, under
// which name, and a plan that probes the registry's key instead of reading the whole registry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withPgClient } from '../../copy.ts';
import { nameKey } from '../../../domain/link/name-key.ts';
import { createTestDatabase } from '../../../test/helpers/factory.ts';
import type { TestDatabase } from '../../../test/helpers/factory.ts';
import { seedRegistrySubject } from '../../../test/helpers/query-seed.ts';
import { analyze } from './steps.ts';
import { explainRegisteredUsccs, registeredUsccs } from './clean.ts';

let database: TestDatabase;
const U1 = '91120101MA05ABCD1X';
const U2 = '91120103MA05WXYZ2Y';
const N1 = '天津市和平区瑞华医药有限公司';
/** The generated subjects' USCCs: 18 characters, none a real check character (the lookup does not check). */
const generated = (n: number) => `9112${String(n).padStart(14, '0')}`;
const SUBJECTS = 40_000;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedRegistrySubject(database.db, { uscc: U1, name: N1 });
  await seedRegistrySubject(database.db, { uscc: U2, name: '天津福源科技有限公司' });
  await database.db.raw(`
    insert into registry_subjects (uscc, orgcode, name, name_key, block_key, golden_id, batch_id, row_no)
    select '9112' || lpad(g::text, 14, '0'), lpad(g::text, 9, '0'), '主体' || g, '主体' || g, '主体' || g, 0, 'registry', g
      from generate_series(1, ?) g`, [SUBJECTS]);
  await analyze(database.db, 'registry_subjects');
});
afterAll(async () => database?.drop());

describe('registeredUsccs', () => {
  it('finds each held USCC at its place in the chunk, repeated ones each time, with whether the names agree', async () => {
    const usccs = [U1, '91120199MA0NOTREG1', U2, U1, U1];
    const names = [nameKey(N1), nameKey(N1), nameKey('完全不同的公司'), null, nameKey('天津瑞华医药有限公司')];
    const found = await withPgClient(database.db, (c) => registeredUsccs(c, usccs, names));
    expect(found.sort((a, b) => a.i - b.i)).toEqual([
      { i: 0, uscc: U1, sameName: true },
      { i: 2, uscc: U2, sameName: false },
      { i: 3, uscc: U1, sameName: true },
      { i: 4, uscc: U1, sameName: true },
    ]);
    expect(await withPgClient(database.db, (c) => registeredUsccs(c, [], []))).toEqual([]);
  });

  it('probes the registry by its key for a chunk of thousands, never reading the whole registry', async () => {
    // A chunk's worth of USCCs, most of them registered, as in a disclosure file. Joined to the
    // chunk directly, this statement hashed every registered subject for every chunk.
    // Every ninth subject's USCC, all registered (the last is subject 35,992 of 40,000).
    const usccs = Array.from({ length: 4_000 }, (_, i) => generated(1 + i * 9));
    const plan = JSON.stringify(await withPgClient(database.db, (c) => explainRegisteredUsccs(c, usccs, usccs.map(() => null))));
    expect(plan).toContain('"Index Name":"registry_subjects_pkey"');
    expect(plan).not.toMatch(/"Seq Scan"[^}]*"Relation Name":"registry_subjects"/);
    const found = await withPgClient(database.db, (c) => registeredUsccs(c, usccs, usccs.map(() => null)));
    expect(found).toHaveLength(4_000);
  });

  it('answers from the key alone once the registry is all-visible: no subject row is fetched from the heap', async () => {
    // The registry stands in load order, not by code: a heap fetch per code is a random page read.
    await database.db.raw('vacuum (analyze) registry_subjects');
    const usccs = Array.from({ length: 4_000 }, (_, i) => generated(2 + i * 9));
    const plan = JSON.stringify(await withPgClient(database.db, (c) => explainRegisteredUsccs(c, usccs, usccs.map(() => null))));
    expect(plan).toMatch(/"Node Type":"Index Only Scan"[^{}]*"Index Name":"registry_subjects_pkey"/);
    expect(plan).not.toMatch(/"Node Type":"Index Scan"[^{}]*"Relation Name":"registry_subjects"/);
  });
});
