// The webhook sink against a real local HTTP server that acts as a subscriber should: it checks the
// signature and keeps each page once under its idempotency key, so a page sent again is no second
// effect. The retry-and-catch-up story through Temporal is test/webhook.test.ts's.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SinkPlaces } from '../../catalog/sink-policy.ts';
import { isCdfError } from '../../domain/errors.ts';
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
// The listener is on 127.0.0.1: allowed only because the list names that address itself.
const places: SinkPlaces = { dataDir: '/unused', fileSinkRoots: [], webhookHosts: ['127.0.0.1'], secretEnvAllow: [SECRET_ENV] };

beforeAll(async () => {
  process.env[SECRET_ENV] = SECRET;
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => { body += d.toString(); });
    req.on('end', () => {
      const key = String(req.headers[KEY_HEADER]);
      const signed = req.headers[SIGNATURE_HEADER] === sign(SECRET, body);
      requests.push({ path: req.url ?? '', key, signed });
      if (req.url === '/moved') return void res.writeHead(302, { location: '/elsewhere' }).end();
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
  const result = await webhookSink.deliver({ url, secretEnv: SECRET_ENV, pageSize: 2 }, 'sub:b9', five(), places);
  expect(result).toEqual({ location: url, records: 5, tombstones: 0 });
  const sent = ['sub:b9#1', 'sub:b9#2', 'sub:b9#3'].map((key) => ({ path: '/paged', key, signed: true }));
  expect(requests.filter((r) => r.path === '/paged')).toEqual(sent);
});

async function* one() {
  yield { op: 'upsert' as const, goldenId: 1, version: 1, dataset: 'admin_penalty', subjectUscc: null, fields: {} };
}
async function refusal(config: Record<string, unknown>, bounds: SinkPlaces): Promise<unknown> {
  try {
    await webhookSink.deliver(config, 'hook:b1', one(), bounds);
  } catch (e) {
    return e;
  }
  return undefined;
}

it('posts to no host the allow-list does not name, nor to a name that resolves to a loopback address the list does not name', async () => {
  const port = new URL(base).port;
  const before = requests.length;
  const unlisted = await refusal({ url: `${base}/x`, secretEnv: SECRET_ENV }, { ...places, webhookHosts: [] });
  expect(isCdfError(unlisted) && unlisted.code).toBe('CDF_SINK_NOT_ALLOWED');
  expect(isCdfError(unlisted) && unlisted.messages.en).toContain('the host 127.0.0.1 is not in the allow-list');
  // "localhost" is listed, but it resolves to 127.0.0.1, which is not: DNS cannot smuggle loopback in.
  const smuggled = await refusal({ url: `http://localhost:${port}/x`, secretEnv: SECRET_ENV }, { ...places, webhookHosts: ['localhost'] });
  expect(isCdfError(smuggled) && smuggled.code).toBe('CDF_SINK_NOT_ALLOWED');
  expect(isCdfError(smuggled) && smuggled.messages.en).toMatch(/resolves to the private or local address (127\.0\.0\.1|::1)/);
  // An IPv4 address written as IPv6 is another host to the list, and not a public address.
  const mapped = await refusal({ url: `http://[::ffff:127.0.0.1]:${port}/x`, secretEnv: SECRET_ENV }, places);
  expect(isCdfError(mapped) && mapped.code).toBe('CDF_SINK_NOT_ALLOWED');
  expect(requests.length).toBe(before);
});

it('posts through a name when the list names the name and the loopback addresses it resolves to', async () => {
  const url = `http://localhost:${new URL(base).port}/by-name`;
  const named = { ...places, webhookHosts: ['localhost', '127.0.0.1', '::1'] };
  expect(await webhookSink.deliver({ url, secretEnv: SECRET_ENV }, 'hook:b2', one(), named)).toMatchObject({ records: 1 });
  expect(requests.filter((r) => r.path === '/by-name').map((r) => r.key)).toEqual(['hook:b2#1']);
});

it('reads its secret only from a variable the allow-list names', async () => {
  process.env.CDF_CONFORMANCE_OTHER = 'x';
  try {
    const e = await refusal({ url: `${base}/x`, secretEnv: 'CDF_CONFORMANCE_OTHER' }, places);
    expect(isCdfError(e) && e.code).toBe('CDF_SINK_NOT_ALLOWED');
    expect(isCdfError(e) && e.messages.en).toContain('the environment variable CDF_CONFORMANCE_OTHER may not be read');
  } finally {
    delete process.env.CDF_CONFORMANCE_OTHER;
  }
});

it('follows no redirect: a 3xx fails the delivery and the place it points to is never asked', async () => {
  const e = await refusal({ url: `${base}/moved`, secretEnv: SECRET_ENV }, places);
  expect(e instanceof Error && e.message).toContain('answered 302 to hook:b1#1: redirects are not followed');
  expect(requests.filter((r) => r.path === '/elsewhere')).toEqual([]);
});

let targets = 0;
sinkConformance({
  connector: webhookSink,
  target: () => {
    const url = `${base}/target-${++targets}`;
    return Promise.resolve({
      config: { url, secretEnv: SECRET_ENV, pageSize: 2, dir: '/unused/outbox', dataset: 'admin_penalty' },
      location: () => url,
      places,
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
    { url: 'http://127.0.0.1:9999/changes', secretEnv: 'CDF_SINK_TEST_WEBHOOK_SECRET', pageSize: 5 },
    { url: 'https://bureau.example.gov.cn/credit/changes' },
  ],
  badCatalogConfig: { config: { url: 'bureau.example.gov.cn/changes', secretEnv: 'CDF_SINK_TEST_WEBHOOK_SECRET' }, field: 'url' },
});
