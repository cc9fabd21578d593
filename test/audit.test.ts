// The audit log as an auditor relies on it: catalogue versions, uploads, finished batches and
// steward decisions are appended as a hash chain; `cdf audit verify` recomputes it and names the first
// broken link when a row is altered or removed directly in PostgreSQL.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_CATALOG } from '../catalog/demo/load-demo.ts';
import { verifyAuditChain } from '../services/audit.ts';
import { parseIdentity } from '../services/identity.ts';
import { uploadFile, waitForBatch } from '../services/upload.ts';
import { runCdf } from './helpers/cli.ts';
import { createTestFactory } from './helpers/factory.ts';
import type { TestFactory } from './helpers/factory.ts';
import { HAND_WRITTEN_EXTRACT } from './helpers/fixtures.ts';

let f: TestFactory;
beforeAll(async () => {
  f = await createTestFactory();
  expect((await runCdf(['catalog', 'import', DEMO_CATALOG], f.env)).code).toBe(0);
  const up = await uploadFile(f.ctx, parseIdentity('admin@test'), HAND_WRITTEN_EXTRACT, { agency: 'city_market_regulation', dataset: 'admin_penalty' });
  await waitForBatch(f.ctx, up.batchId);
  const task = (await f.database.db('steward_tasks').where({ kind: 'conflict' }).first('id')) as { id: number };
  expect((await runCdf(['conflicts', 'resolve', String(task.id), '--take', 'A', '--note', '以原决定为准'], f.env)).code).toBe(0);
}, 60_000);
afterAll(async () => f?.close());

it('appends catalogue versions, uploads, finished batches and decisions as one chain, which verifies', async () => {
  const kinds = (await f.database.db('audit_log').orderBy('seq').select('kind')).map((r: { kind: string }) => r.kind);
  expect(kinds).toEqual(['catalog_version', 'upload', 'batch_done', 'steward_decision']);
  const upload = (await f.database.db('audit_log').where({ kind: 'upload' }).first()) as { actor: string; payload: Record<string, unknown> };
  expect(upload).toMatchObject({ actor: 'test', payload: { agency: 'city_market_regulation', dataset: 'admin_penalty', duplicate: false } });
  const r = await runCdf(['audit', 'verify'], f.env);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('审计链完整：共 4 条');
  expect((await runCdf(['audit', 'verify', '--as', 'agency:city_market_regulation'], f.env)).code).toBe(1);
});

it('names the first broken link when an entry is altered in PostgreSQL', async () => {
  const db = f.database.db;
  await db.raw(`update audit_log set payload = jsonb_set(payload, '{note}', '"改过的理由"') where kind = 'steward_decision'`);
  const r = await runCdf(['audit', 'verify'], f.env);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('审计链在第 4 条处断开：第 4 条记录的内容与其哈希不符（已被改动）');
  const en = await runCdf(['audit', 'verify', '--json'], f.env);
  expect(JSON.parse(en.stdout)).toMatchObject({ entries: 3, broken: { seq: 4, reason: 'hash' } });
  // The answer a page shows as it is: the result named, the entry found at the break, the period verified.
  const v = await verifyAuditChain(db, parseIdentity('auditor@a'));
  expect(v).toMatchObject({
    result: 'broken', resultName: { zh: '审计链断开', en: 'the audit chain is broken' }, entries: 3,
    broken: { seq: 4, reason: 'hash', kind: 'steward_decision', actor: 'cli' },
  });
  const entries = (await db('audit_log').orderBy('seq').select('at')) as Array<{ at: string }>;
  expect([v.firstAt, v.lastAt, v.broken!.at]).toEqual([entries[0]!.at, entries[2]!.at, entries[3]!.at]);
});

it('names a removed entry too', async () => {
  const db = f.database.db;
  await db('audit_log').where({ seq: 2 }).delete();
  const r = await runCdf(['audit', 'verify', '--lang', 'en'], f.env);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('the audit chain is broken at entry 2: entry 2 is missing (the next is 3)');
});
