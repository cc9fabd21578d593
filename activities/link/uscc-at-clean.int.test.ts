// A clean part's link by USCC must decide exactly what the link step's statements decide for the
// same rows (db/queries/pipeline/link.ts): the same subject, method, confidence and folded hash,
// and the same rows left open. Both run here on one cloned database against one registry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetDefinition, LINKED_SUBJECT } from '../../catalog/dataset-definition.ts';
import type { DatasetDefinition } from '../../catalog/dataset-definition.ts';
import { withPgClient } from '../../db/copy.ts';
import { linkByRegisteredUscc, linkByUnregisteredUscc, linkRegistryRowsByUscc } from '../../db/queries/pipeline/link.ts';
import { USCC_PLACEHOLDER } from '../../domain/codes/index.ts';
import type { CleanedRow } from '../../domain/clean/clean-row.ts';
import { nameKey } from '../../domain/link/name-key.ts';
import { createTestDatabase } from '../../test/helpers/factory.ts';
import type { TestDatabase } from '../../test/helpers/factory.ts';
import { seedBatch, seedCatalogVersion, seedLinkRow, seedRegistrySubject } from '../../test/helpers/query-seed.ts';
import { linkChunkByUscc } from './uscc-at-clean.ts';

let database: TestDatabase;
let catalog: number;
const U1 = '91120101MA05ABCD1X';
const U2 = '91120103MA05WXYZ2Y';
const N1 = '天津市和平区瑞华医药有限公司';
const held = { field: 'subject_uscc', code: 'CDF_CODE_INVALID', path: '/subject_uscc', value: 'x', zh: '校验位错误', en: 'wrong check character' };

/** Rows as clean hands them over: the registered name, another name, the name written without its
 * district, no name, an unregistered USCC, the placeholder, a natural person, a held USCC, none. */
const ROWS: Array<{ fields: Record<string, string>; name?: string; held?: boolean }> = [
  { fields: { subject_uscc: U1, subject_name: N1 }, name: N1 },
  { fields: { subject_uscc: U2, subject_name: '完全不同的公司' }, name: '完全不同的公司' },
  { fields: { subject_uscc: U1, subject_name: '天津瑞华医药有限公司' }, name: '天津瑞华医药有限公司' },
  { fields: { subject_uscc: U2 } },
  { fields: { subject_uscc: '91120199MA0NOTREG1', subject_name: N1 }, name: N1 },
  { fields: { subject_uscc: USCC_PLACEHOLDER, subject_name: N1 }, name: N1 },
  { fields: { subject_uscc: U1, subject_category: '自然人' } },
  { fields: { subject_uscc: `${U1.slice(0, 17)}Y`, subject_name: N1 }, name: N1, held: true },
  { fields: { subject_name: N1 }, name: N1 },
];

/** The rows with the registry's field names (uscc, name) instead of a disclosure's. */
const asRegistry = (rows: typeof ROWS): typeof ROWS => rows.map((r) => ({
  ...r, fields: Object.fromEntries(Object.entries(r.fields).map(([k, v]) => [k.replace(/^subject_/, ''), v])),
}));

const cleaned = (r: (typeof ROWS)[number], i: number): CleanedRow => ({
  fields: r.fields, rejects: [], changes: [], naturalKey: `k${i}`, contentHash: `h${i + 1}`,
  nameKey: r.name ? nameKey(r.name) : null, repKey: null, heldReject: r.held ? (held as CleanedRow['heldReject']) : null, nonconforming: [],
});

/** What the link step's statements set, per row (subject, method, confidence, hash). */
async function bySql(batchId: string, def: DatasetDefinition, rows: typeof ROWS) {
  await seedBatch(database.db, { id: batchId, catalogVersion: catalog });
  for (const [i, r] of rows.entries()) {
    await seedLinkRow(database.db, {
      batchId, rowNo: i + 1, fields: r.fields, nameKey: r.name ? nameKey(r.name) : null, heldReject: r.held ? held : undefined,
    });
    await database.db('clean_rows').where({ batch_id: batchId, row_no: i + 1 }).update({ content_hash: `h${i + 1}` });
  }
  const s = { batchId, subject: def.subject!, foldSubject: def.material.includes(LINKED_SUBJECT) };
  if (def.registry) {
    await linkRegistryRowsByUscc(database.db, s);
  } else {
    await linkByRegisteredUscc(database.db, s);
    await linkByUnregisteredUscc(database.db, s);
  }
  const linked = await database.db('clean_rows').where({ batch_id: batchId }).orderBy('row_no')
    .select('subject_uscc', 'link_method', 'link_confidence', 'content_hash');
  return linked.map((r: Record<string, unknown>) => [r.subject_uscc, r.link_method, r.link_confidence, r.content_hash]);
}

/** What a clean part's chunk sets for the same rows. */
async function byChunk(def: DatasetDefinition, given: typeof ROWS) {
  const rows = given.map(cleaned);
  const links = await withPgClient(database.db, (client) => linkChunkByUscc(client, def, rows));
  return rows.map((r, i) => {
    const l = links.get(i);
    return [l?.uscc ?? null, l?.method ?? null, l?.confidence ?? null, l?.contentHash ?? r.contentHash];
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  catalog = await seedCatalogVersion(database.db);
  await seedRegistrySubject(database.db, { uscc: U1, name: N1 });
  await seedRegistrySubject(database.db, { uscc: U2, name: '天津福源科技有限公司' });
});
afterAll(async () => database?.drop());

describe('a clean part links by USCC as the link step would', () => {
  it('decides every row of a disclosure dataset the same, the subject folded into the hash', async () => {
    const def = datasetDefinition('admin_penalty');
    expect(def.material).toContain(LINKED_SUBJECT);
    const sql = await bySql('uc_penalty', def, ROWS);
    expect(await byChunk(def, ROWS)).toEqual(sql);
    // The case the comparison rests on: registered, agreeing name, 1; another name 0.7; none 0.9.
    expect(sql.slice(0, 5).map((r) => r[2])).toEqual([1, 0.7, 1, 1, 0.9]);
    expect(sql.slice(5).map((r) => r[0])).toEqual([null, null, null, null]);
  });

  it('links the registry\'s own rows by the USCC they carry', async () => {
    const def = datasetDefinition('legal_person_registry');
    const rows = asRegistry(ROWS);
    const sql = await bySql('uc_registry', def, rows);
    expect(await byChunk(def, rows)).toEqual(sql);
    expect(sql[4]).toEqual(['91120199MA0NOTREG1', 'uscc', 1, 'h5']);
    expect(sql[5]![0]).toBeNull();
  });
});
