// The webhook sink against a real local HTTP server that acts as a subscriber should: it checks the
// signature and keeps each page once under its idempotency key, so a page sent again is no second
// effect. The retry-and-catch-up story through Temporal is test/webhook.test.ts's.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SINK_CONFIG } from '../check.ts';
import { sinkConformance } from '../conformance/sink.suite.ts';
import type { Arrival } from '../conformance/sink.suite.ts';
import { KEY_HEADER, SIGNATURE_HEADER, sign, webhookSink } from './index.ts';

const SECRET_ENV = 'CDF_CONFORMANCE_WEBHOOK_SECRET';
const SECRET = 'conformance-secret';
let server: Server;
let base = '';
/** Per endpoint path: the pages kept, by idempotency key, and every request seen. */
const pages = new Map<string, Map<string, string[]>>();
const requests: Array<{ path: string; key: string; signed: boolean }> = [];

beforeAll(async () => {
  process.env[SECRET_ENV] = SECRET;
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => { body += d.toString(); });
    req.on('end', () => {
      const key = String(req.headers[KEY_HEADER]);
      const signed = req.headers[SIGNATURE_HEADER] === sign(SECRET, body);
      requests.push({ path: req.url ?? '', key, signed });
      if (!signed) return void res.writeHead(401).end();
      const kept = pages.get(req.url ?? '') ?? new Map<string, string[]>();
      pages.set(req.url ?? '', kept);
      if (!kept.has(key)) kept.set(key, body.trim().split('\n'));
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  delete process.env[SECRET_ENV];
  await new Promise((r) => server.close(r));
});

it('signs every page and sends pages of pageSize under key#page', async () => {
  async function* five() {
    for (let i = 1; i <= 5; i++) {
      yield { op: 'upsert' as const, goldenId: i, version: 1, dataset: 'admin_penalty', subjectUscc: null, fields: {} };
    }
  }
  const url = `${base}/paged`;
  const result = await webhookSink.deliver({ url, secretEnv: SECRET_ENV, pageSize: 2 }, 'sub:b9', five());
  expect(result).toEqual({ location: url, records: 5, tombstones: 0 });
  const sent = ['sub:b9#1', 'sub:b9#2', 'sub:b9#3'].map((key) => ({ path: '/paged', key, signed: true }));
  expect(requests.filter((r) => r.path === '/paged')).toEqual(sent);
});

let targets = 0;
sinkConformance({
  connector: webhookSink,
  target: () => {
    const url = `${base}/target-${++targets}`;
    return Promise.resolve({
      config: { url, secretEnv: SECRET_ENV, pageSize: 2, dir: '/unused/outbox', dataset: 'admin_penalty' },
      location: () => url,
      arrivals: () => Promise.resolve([...(pages.get(new URL(url).pathname)?.values() ?? [])].flat()
        .map((l) => JSON.parse(l) as Arrival).map(({ goldenId, version, op }) => ({ goldenId, version, op }))),
    });
  },
  failing: [
    { about: 'a URL that is not http(s)', config: () => ({ url: 'ftp://example.org/changes', secretEnv: SECRET_ENV }), code: SINK_CONFIG },
    { about: 'a URL that does not parse', config: () => ({ url: 'http//example.org', secretEnv: SECRET_ENV }), code: SINK_CONFIG },
    {
      about: 'a secret that is not set',
      config: () => ({ url: `${base}/x`, secretEnv: 'CDF_CONFORMANCE_UNSET_SECRET' }),
      code: SINK_CONFIG,
    },
  ],
  // test/webhook.test.ts's subscription, and the least a subscription needs.
  catalogConfigs: [
    { url: 'http://127.0.0.1:9999/changes', secretEnv: 'CDF_TEST_WEBHOOK_SECRET', pageSize: 5 },
    { url: 'https://bureau.example.gov.cn/credit/changes' },
  ],
  badCatalogConfig: { config: { url: 'bureau.example.gov.cn/changes', secretEnv: 'CDF_TEST_WEBHOOK_SECRET' }, field: 'url' },
});
