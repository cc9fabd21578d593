// A webhook subscriber on a real local HTTP server: it is down for the first attempt, Temporal
// retries the distribute step, and the subscriber receives the batch's records signed, under the
// same idempotency key, and acknowledges them once. Down for longer, while two batches arrive, it
// catches up in order: the later batch never overtakes the earlier one.
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sign } from '../connectors/webhook/index.ts';
import { parseIdentity } from '../services/identity.ts';
import { uploadFile, waitForBatch } from '../services/upload.ts';
import { importDemoCatalogWith } from './helpers/catalog.ts';
import { runCdf } from './helpers/cli.ts';
import { deliveredBySubscription } from './helpers/deliveries.ts';
import { createTestFactory } from './helpers/factory.ts';
import type { TestFactory } from './helpers/factory.ts';
import { HAND_WRITTEN_EXTRACT } from './helpers/fixtures.ts';
import path from 'node:path';
import { waitFor } from '../runtime/wait.ts';

const SECRET = 'shared-secret-for-tests';
let f: TestFactory;
let server: Server;
const received: Array<{ key: string; status: number; signed: boolean; lines: number }> = [];
let refuseNext = 1; // down at first
let down = false;

beforeAll(async () => {
  process.env.CDF_SINK_TEST_WEBHOOK_SECRET = SECRET; // the in-process worker reads it
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => { body += d.toString(); });
    req.on('end', () => {
      const status = refuseNext > 0 || down ? 503 : 200;
      refuseNext--;
      received.push({
        key: String(req.headers['x-cdf-idempotency-key']),
        status,
        signed: req.headers['x-cdf-signature'] === sign(SECRET, body),
        lines: body.trim().split('\n').length,
      });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  // The listener is on 127.0.0.1: a webhook may post there only because the allow-list names it.
  f = await createTestFactory({ env: { CDF_WEBHOOK_HOSTS: '127.0.0.1' } });
  expect(
    (
      await importDemoCatalogWith(f, {
        id: 'city_bureau_hook',
        name: { zh: '市局业务系统（Webhook）', en: 'City bureau system (webhook)' },
        subscriber: 'city_ecology',
        dataset: 'admin_penalty',
        sink: 'webhook',
        config: { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/changes`, secretEnv: 'CDF_SINK_TEST_WEBHOOK_SECRET', pageSize: 5 },
      })
    ).code,
  ).toBe(0);
}, 60_000);
afterAll(async () => {
  await f?.close();
  server?.close();
});

it('delivers signed pages to a subscriber that was down, under the same keys, acknowledged once', async () => {
  const up = await uploadFile(f.ctx, parseIdentity('admin@test'), HAND_WRITTEN_EXTRACT, { agency: 'city_market_regulation', dataset: 'admin_penalty' });
  const batch = await waitForBatch(f.ctx, up.batchId);
  // 8 records to the webhook, as to the city platform's file drop.
  expect(await deliveredBySubscription(f.database.db, up.batchId)).toMatchObject({ city_bureau_hook: 8, city_credit_platform: 8 });
  expect(batch.status).toBe('done');
  const key = `city_bureau_hook:${up.batchId}`;
  expect(received[0]).toMatchObject({ key: `${key}#1`, status: 503 });
  const acknowledged = received.filter((r) => r.status === 200);
  expect(acknowledged.map((r) => r.key)).toEqual([`${key}#1`, `${key}#2`]);
  expect(acknowledged.map((r) => r.lines)).toEqual([5, 3]);
  expect(received.every((r) => r.signed)).toBe(true);
  expect(await f.database.db('deliveries').where({ subscription_id: 'city_bureau_hook' }).select('records', 'status')).toEqual([
    { records: 8, status: 'delivered' },
  ]);
}, 60_000);

it('catches a subscriber that was down up in order: a later batch waits for the earlier one', async () => {
  const db = f.database.db;
  const who = parseIdentity('admin@test');
  const csv = (name: string, no: number) => {
    const file = path.join(f.config.dataDir, name);
    const lines = readFileSync(HAND_WRITTEN_EXTRACT, 'utf8').trim().split('\n');
    // The hand-written extract with other document numbers: new records, a batch of its own.
    writeFileSync(file, [lines[0], ...lines.slice(1).map((l) => l.replace(/罚([〔\[（(])2025([〕\]）)])1(\d\d)号/, `罚$12025$2${no}$3号`))].join('\n'));
    return file;
  };
  received.length = 0;
  down = true;
  const a = await uploadFile(f.ctx, who, csv('a.csv', 5), { agency: 'city_market_regulation', dataset: 'admin_penalty' });
  await waitFor('batch A to try the webhook', async () => received.some((r) => r.key.startsWith(`city_bureau_hook:${a.batchId}`)), 30_000);
  const b = await uploadFile(f.ctx, who, csv('b.csv', 6), { agency: 'city_market_regulation', dataset: 'admin_penalty' });
  // B gets as far as distribute and delivers to the others, but holds back its webhook pages.
  await waitFor(
    'batch B to deliver to the others',
    async () =>
      Boolean(
        await db('deliveries')
          .where({ idempotency_key: `city_credit_platform:${b.batchId}` })
          .first('id'),
      ),
    30_000,
  );
  const failing = await db('deliveries').where({ idempotency_key: `city_bureau_hook:${a.batchId}` }).first('status', 'attempts', 'last_error');
  expect(failing).toMatchObject({ status: 'failing' });
  expect(failing.last_error).toContain('503');
  // Operators see it: the failing delivery, its attempts and error, on the command line.
  const listed = JSON.parse((await runCdf(['deliveries', '--status', 'failing', '--json'], f.env)).stdout) as Array<{
    key: string;
    attempts: number;
    lastError: string;
  }>;
  expect(listed.map((d) => d.key)).toContain(`city_bureau_hook:${a.batchId}`);
  expect((await runCdf(['deliveries', '--status', 'lost'], f.env)).stderr).toContain('状态应为 delivered、withheld、failing 之一，实为 "lost"');
  down = false;
  expect((await waitForBatch(f.ctx, a.batchId)).status).toBe('done');
  expect((await waitForBatch(f.ctx, b.batchId)).status).toBe('done');
  const keys = received.map((r) => `${r.key.split(':')[1]!.split('#')[0] === a.batchId ? 'A' : 'B'}${r.status}`);
  // Every B request comes after A's last; B was never refused because it never asked while down.
  expect(keys.lastIndexOf('A200')).toBeLessThan(keys.indexOf('B200'));
  expect(keys.filter((k) => k === 'B503')).toEqual([]);
  expect(keys.filter((k) => k === 'A503').length).toBeGreaterThanOrEqual(1);
  expect(
    await db('deliveries').where({ subscription_id: 'city_bureau_hook' }).whereIn('batch_id', [a.batchId, b.batchId]).orderBy('id').select('status', 'records'),
  ).toEqual([
    { status: 'delivered', records: 8 },
    { status: 'delivered', records: 8 },
  ]);
}, 120_000);
