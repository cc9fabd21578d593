// A webhook subscriber on a real local HTTP server: it is down for the first attempt, Temporal
// retries the distribute step, and the subscriber receives the batch's records signed, under the
// same idempotency key, and acknowledges them once.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sign } from '../connectors/webhook/index.ts';
import { parseIdentity } from '../services/identity.ts';
import { uploadFile, waitForBatch } from '../services/upload.ts';
import { importDemoCatalogWith } from './helpers/catalog.ts';
import { deliveredBySubscription } from './helpers/deliveries.ts';
import { createTestFactory } from './helpers/factory.ts';
import type { TestFactory } from './helpers/factory.ts';
import { HAND_WRITTEN_EXTRACT } from './helpers/fixtures.ts';

const SECRET = 'shared-secret-for-tests';
let f: TestFactory;
let server: Server;
const received: Array<{ key: string; status: number; signed: boolean; lines: number }> = [];

beforeAll(async () => {
  process.env.CDF_TEST_WEBHOOK_SECRET = SECRET; // the in-process worker reads it
  let calls = 0;
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => { body += d.toString(); });
    req.on('end', () => {
      const status = ++calls === 1 ? 503 : 200; // down at first
      received.push({ key: String(req.headers['x-cdf-idempotency-key']), status, signed: req.headers['x-cdf-signature'] === sign(SECRET, body), lines: body.trim().split('\n').length });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  f = await createTestFactory();
  expect((await importDemoCatalogWith(f, {
    id: 'city_bureau_hook', name: { zh: '市局业务系统（Webhook）', en: 'City bureau system (webhook)' }, subscriber: 'city_ecology', dataset: 'admin_penalty', sink: 'webhook',
    config: { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/changes`, secretEnv: 'CDF_TEST_WEBHOOK_SECRET', pageSize: 5 },
  })).code).toBe(0);
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
  expect(await f.database.db('deliveries').where({ subscription_id: 'city_bureau_hook' }).select('records', 'status')).toEqual([{ records: 8, status: 'delivered' }]);
}, 60_000);
