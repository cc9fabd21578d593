// The link statements meet the registry through its keys, one probe per row, whatever the
// proportions: a registry of 20,000 subjects against a batch of 8,000 open rows (a city's large
// daily file against its registry), where the plain joins hashed every registered subject for each
// batch. Each plan is read as PostgreSQL picks it, then the statement runs and its result is checked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetDefinition } from '../../../catalog/dataset-definition.ts';
import type { Db } from '../../connect.ts';
import { createTestDatabase } from '../../../test/helpers/factory.ts';
import type { TestDatabase } from '../../../test/helpers/factory.ts';
import { seedBatch, seedCatalogVersion } from '../../../test/helpers/query-seed.ts';
import { explainLinkByLegacyCode, explainLinkByRegisteredUscc, linkByLegacyCode, linkByRegisteredUscc } from './link.ts';
import type { LinkScope } from './link.ts';
import { explainFlagOneCodeTwoSubjects, flagOneCodeTwoSubjects } from './link-conflicts.ts';

let database: TestDatabase;
let db: Db;
let catalog: number;
const subject = datasetDefinition('admin_penalty').subject!;
const SUBJECTS = 20_000;
const ROWS = 8_000;
/** The i-th registered subject's USCC; its organisation code is the 9 digits of i. */
const uscc = (i: string) => `'91120000' || lpad((${i})::text, 9, '0') || 'X'`;
const readsWholeRegistry = /"Seq Scan"[^}]*"Relation Name":"registry_subjects"/;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  catalog = await seedCatalogVersion(db);
  await db.raw(`
    insert into registry_subjects (uscc, orgcode, regno, name, name_key, block_key, rep_key, golden_id, batch_id, row_no)
    select ${uscc('i')}, lpad(i::text, 9, '0'), null, '公司' || i, 'n' || i, 'n' || i, null, 0, 'registry', i
      from generate_series(1, ${SUBJECTS}) i`);
  await db.raw('analyze registry_subjects');
});
afterAll(async () => database?.drop());

/** A batch of ROWS open rows, row i naming subject 3i (rows past 6,666 name subjects the registry
 * does not hold) by `fields` (SQL of i), its name the subject's; analysed, as the link step sees it. */
async function openBatch(id: string, fields: string, linked = false): Promise<LinkScope> {
  await seedBatch(db, { id, catalogVersion: catalog });
  await db.raw(`
    insert into clean_rows (batch_id, row_no, fields, natural_key, content_hash, name_key, subject_uscc)
    select :id, i, ${fields}, 'K' || i, 'h' || i, 'n' || (i * 3), ${linked ? uscc('i * 3') : 'null'}
      from generate_series(1, ${ROWS}) i`, { id });
  await db.raw('analyze clean_rows');
  return { batchId: id, subject };
}

const countOf = async (table: string, where: Record<string, string>) =>
  Number(((await db(table).where(where).count({ n: '*' })) as Array<{ n: string }>)[0]!.n);
const linkedCount = (batchId: string, method: string) => countOf('clean_rows', { batch_id: batchId, link_method: method });

describe('the link step against a registry larger than the batch', () => {
  it('links legacy codes by probing the registry, never reading all of it', async () => {
    const s = await openBatch('plan_org', `jsonb_build_object('subject_orgcode', lpad((i * 3)::text, 9, '0'))`);
    const plan = JSON.stringify(await explainLinkByLegacyCode(db, s, 'orgcode'));
    expect(plan).toContain('"Index Name":"registry_subjects_orgcode_idx"');
    expect(plan).not.toMatch(readsWholeRegistry);
    await linkByLegacyCode(db, s, 'orgcode');
    expect(await linkedCount('plan_org', 'orgcode')).toBe(Math.floor(SUBJECTS / 3));
  });

  it('confirms written USCCs by probing the registry, never reading all of it', async () => {
    const s = await openBatch('plan_uscc', `jsonb_build_object('subject_uscc', ${uscc('i * 3')})`);
    const plan = JSON.stringify(await explainLinkByRegisteredUscc(db, s));
    expect(plan).toContain('"Index Name":"registry_subjects_pkey"');
    expect(plan).not.toMatch(readsWholeRegistry);
    await linkByRegisteredUscc(db, s);
    expect(await linkedCount('plan_uscc', 'uscc')).toBe(Math.floor(SUBJECTS / 3));
  });

  it('leaves registered subjects out of one code for two subjects by probing, never reading all of it', async () => {
    // Linked rows in pairs (rows 2k − 1 and 2k) carrying one organisation code under names unlike
    // each other: a conflict only where the subjects are not registered.
    const s = await openBatch('plan_occ', `jsonb_build_object('subject_orgcode', lpad(((i + 1) / 2)::text, 9, '0'))`, true);
    await db.raw(`update clean_rows set name_key = md5(row_no::text) where batch_id = 'plan_occ'`);
    await db.raw('analyze clean_rows');
    const plan = JSON.stringify(await explainFlagOneCodeTwoSubjects(db, s, ['subject_orgcode']));
    expect(plan).toContain('"Index Name":"registry_subjects_pkey"');
    expect(plan).not.toMatch(readsWholeRegistry);
    await flagOneCodeTwoSubjects(db, s, ['subject_orgcode']);
    const flagged = await countOf('code_conflicts', { batch_id: 'plan_occ' });
    // Row i names subject 3i: registered while 3i ≤ 20,000; rows 6,667 to 8,000 are not (667 pairs).
    expect(flagged).toBe(ROWS - Math.floor(SUBJECTS / 3));
  });
});
