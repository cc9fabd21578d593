// OpenLineage export against a real local HTTP server standing in for Marquez: a finished batch is
// sent to the configured server and file without anyone asking (the server refuses the first
// event, and the retried finish delivers them all), and `cdf lineage --batch ID --openlineage`
// prints, sends or appends the same twelve events — START and COMPLETE for each of the six steps —
// every one valid against our run-event schema.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunEvent } from '../domain/lineage/openlineage.ts';
import { schemaValidator } from '../schemas/ajv.ts';
import { parseIdentity } from '../services/identity.ts';
import { sendBatchOpenLineage } from '../services/openlineage.ts';
import { uploadFile, waitForBatch } from '../services/upload.ts';
import { DEMO_CATALOG } from '../catalog/demo/load-demo.ts';
import { runCdf } from './helpers/cli.ts';
import { createTestFactory } from './helpers/factory.ts';
import type { TestFactory } from './helpers/factory.ts';
import { HAND_WRITTEN_EXTRACT } from './helpers/fixtures.ts';

const STEPS = ['receive', 'clean', 'link', 'compare', 'sync', 'distribute'];
const EXPECTED = STEPS.flatMap((s) => [`admin_penalty.${s}:START`, `admin_penalty.${s}:COMPLETE`]);
const validate = schemaValidator('openlineage/run-event.schema.json');

let f: TestFactory;
let server: Server;
let base = '';
let batchId = '';
const dir = mkdtempSync(path.join(os.tmpdir(), 'cdf-openlineage-'));
const autoFile = path.join(dir, 'auto', 'events.ndjson');
/** What the stand-in Marquez received, by path; the first event on /auto is refused. */
const received = new Map<string, Array<{ status: number; event: RunEvent }>>();

const accepted = (p: string): RunEvent[] => (received.get(p) ?? []).filter((r) => r.status < 300).map((r) => r.event);
const shape = (events: RunEvent[]) => events.map((e) => `${e.job.name}:${e.eventType}`);
const expectValid = (events: unknown[]) => {
  for (const e of events) expect(validate(e), JSON.stringify(validate.errors)).toBe(true);
};
const readNdjson = (file: string): RunEvent[] => readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as RunEvent);

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => { body += d.toString(); });
    req.on('end', () => {
      const list = received.get(req.url ?? '') ?? [];
      received.set(req.url ?? '', list);
      const status = req.url === '/down/api/v1/lineage' || (req.url === '/auto/api/v1/lineage' && list.length === 0) ? 503 : 201;
      list.push({ status, event: JSON.parse(body) as RunEvent });
      res.writeHead(status, { 'content-type': 'application/json' }).end(status === 503 ? '{"error":"starting up"}' : '{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  f = await createTestFactory({ env: { CDF_OPENLINEAGE_URL: `${base}/auto`, CDF_OPENLINEAGE_FILE: autoFile } });
  expect((await runCdf(['catalog', 'import', DEMO_CATALOG], f.env)).code).toBe(0);
  const up = await uploadFile(f.ctx, parseIdentity('admin@test'), HAND_WRITTEN_EXTRACT, { agency: 'city_market_regulation', dataset: 'admin_penalty' });
  batchId = up.batchId;
  expect((await waitForBatch(f.ctx, batchId)).status).toBe('done');
  // The batch is marked done before its events are sent (and retried after the refusal). The
  // targets are sent one after another: the file may be written just after the server received.
  const fileLines = () => (existsSync(autoFile) ? readFileSync(autoFile, 'utf8').split('\n').filter(Boolean).length : 0);
  for (let i = 0; accepted('/auto/api/v1/lineage').length < 12 || fileLines() < 12; i++) {
    if (i > 600) throw new Error('the configured OpenLineage server and file never received the batch');
    await new Promise((r) => setTimeout(r, 100));
  }
}, 120_000);
afterAll(async () => {
  await f?.close();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  rmSync(dir, { recursive: true, force: true });
});

it('sends every finished batch to the configured server and file, unasked, retrying after a refusal', () => {
  const all = received.get('/auto/api/v1/lineage')!;
  expect(all[0]!.status).toBe(503);
  const events = accepted('/auto/api/v1/lineage');
  expect(shape(events)).toEqual(EXPECTED);
  expectValid(events);
  expect(events.every((e) => e.run.facets.cdf_rowLineage?.batchId === batchId)).toBe(true);
  const receive = events[1]!;
  expect(receive.run.facets.cdf_rowLineage).toMatchObject({
    api: `/api/lineage/batches/${batchId}`,
    cli: `cdf lineage --batch ${batchId}`,
    rowCounts: { received: 12 },
  });
  expect(receive.inputs[0]).toMatchObject({ namespace: 'file://city_market_regulation' });
  expect(events[11]!.outputs.map((o) => o.name)).toContain('public_disclosure_outbox');
  // The file got the run too (whole, once per successful finish).
  const fromFile = readNdjson(autoFile);
  expect(shape(fromFile)).toEqual(EXPECTED);
  expectValid(fromFile);
});

it('gives the same events, with the same run ids, every time a batch is exported', async () => {
  expect(await sendBatchOpenLineage(f.database.db, batchId, [{ kind: 'http', url: `${base}/marquez/` }])).toBe(12);
  const events = accepted('/marquez/api/v1/lineage');
  expect(events).toHaveLength(12);
  expectValid(events);
  expect(events).toEqual(accepted('/auto/api/v1/lineage'));
  expect(new Set(events.map((e) => e.run.runId)).size).toBe(6);
});

it('prints the events as NDJSON, appends them to a file or posts them to a server from the command line', async () => {
  const printed = await runCdf(['lineage', '--batch', batchId, '--openlineage'], f.env);
  expect(printed.code).toBe(0);
  const lines = printed.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as RunEvent);
  expect(shape(lines)).toEqual(EXPECTED);
  expectValid(lines);

  const file = path.join(dir, 'cli', 'run.ndjson');
  const toFile = await runCdf(['lineage', '--batch', batchId, '--openlineage', '--to', file], f.env);
  expect(toFile.code).toBe(0);
  expect(toFile.stdout).toContain(`已将批次 ${batchId} 的 12 个 OpenLineage 事件发送至 ${file}`);
  expect(readNdjson(file)).toEqual(lines);

  const toServer = await runCdf(['lineage', '--batch', batchId, '--openlineage', '--to', `${base}/cli`, '--json'], f.env);
  expect(toServer.code).toBe(0);
  expect(JSON.parse(toServer.stdout)).toEqual({ batchId, events: 12, to: `${base}/cli` });
  expect(accepted('/cli/api/v1/lineage')).toEqual(lines);
});

it('refuses clearly: a server answering 503, an agency, a malformed request', async () => {
  const down = await runCdf(['lineage', '--batch', batchId, '--openlineage', '--to', `${base}/down`], f.env);
  expect(down.code).toBe(1);
  expect(down.stderr).toContain(`错误 [CDF_OPENLINEAGE_REFUSED]: OpenLineage 服务 ${base}/down/api/v1/lineage 拒收事件 admin_penalty.receive START：HTTP 503`);
  const en = await runCdf(['lineage', '--batch', batchId, '--openlineage', '--to', `${base}/down`, '--lang', 'en'], f.env);
  expect(en.stderr).toContain('refused admin_penalty.receive START: HTTP 503');
  expect((await runCdf(['lineage', '--batch', batchId, '--openlineage', '--as', 'agency:city_market_regulation'], f.env)).code).toBe(1);
  expect((await runCdf(['lineage', '--batch', batchId, '--openlineage', '--row', '2'], f.env)).code).toBe(2);
  expect((await runCdf(['lineage', '--openlineage'], f.env)).code).toBe(2);
  expect((await runCdf(['lineage', '--batch', 'no_such_batch', '--openlineage'], f.env)).code).toBe(1);
});
