// The API pull against a real local HTTP server (node:http on port 0) serving a paged API over an
// in-memory table: the shared pull contract twice — page numbers with a bearer token, and cursors
// with an HMAC signature — then what only an API pull does: retries of 503 and 429 (Retry-After),
// a refused token refused at once, records out of order, an API that ignores the page parameter.
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCdfError } from '../../domain/errors.ts';
import { name, pullConformance } from '../conformance/pull.suite.ts';
import type { PulledRecord } from '../types.ts';
import { httpPull } from './index.ts';

const TOKEN_ENV = 'CDF_PULL_TEST_TOKEN';
const KEY_ENV = 'CDF_PULL_TEST_HMAC_KEY';
const TOKEN = 'tok-Very-Secret-4711';
const KEY = 'key-Very-Secret-0815';
const BASE = Date.UTC(2025, 2, 1, 8, 0, 0);
const stamp = (seq: number): string => new Date(BASE + seq * 1000).toISOString();

interface Row { id: number; name: string; updatedAt: string }
type Mode = 'page' | 'cursor';

/** A paged API over `rows`, sorted by (updatedAt, id), filtered by updatedAfter. */
class Api {
  rows: Row[] = [];
  seq = 0;
  requests = 0;
  /** The next requests answered with this status (503, 429) instead. */
  failing: Array<{ status: number; retryAfter?: string }> = [];
  ignorePage = false;
  readonly sockets = new Set<Socket>();
  private server = http.createServer((req, res) => this.answer(req, res));
  constructor(readonly mode: Mode, readonly auth: 'bearer' | 'hmac') {
    this.server.keepAliveTimeout = 500;
    this.server.on('connection', (s: Socket) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
  }
  async start(): Promise<string> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }
  private order?: Row[];
  /** The rows changed: sort again on the next request (not on every one, so a 100k table serves fast). */
  touch(): void {
    this.order = undefined;
  }
  private after(since: string | null): Row[] {
    this.order ??= [...this.rows].sort((a, b) => (a.updatedAt < b.updatedAt ? -1 : a.updatedAt > b.updatedAt ? 1 : a.id - b.id));
    if (since === null) return this.order;
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.order[mid]!.updatedAt > since) hi = mid;
      else lo = mid + 1;
    }
    return this.order.slice(lo);
  }
  private authorised(req: http.IncomingMessage): boolean {
    if (this.auth === 'bearer') return req.headers.authorization === `Bearer ${TOKEN}`;
    const ts = String(req.headers['x-timestamp'] ?? '');
    const want = createHmac('sha256', KEY).update(`GET\n${req.url}\n${ts}`).digest('hex');
    return req.headers['x-signature'] === want && Math.abs(Date.now() / 1000 - Number(ts)) < 300;
  }
  private answer(req: http.IncomingMessage, res: http.ServerResponse): void {
    this.requests++;
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    const fail = this.failing.shift();
    if (fail) return send(fail.status, { message: 'busy' }, fail.retryAfter ? { 'retry-after': fail.retryAfter } : {});
    if (!this.authorised(req)) return send(401, { message: 'unauthorised' });
    const q = new URL(req.url!, 'http://x').searchParams;
    const since = q.get('updatedAfter');
    const sorted = this.after(since);
    if (this.mode === 'page') {
      const size = Number(q.get('pageSize') ?? 10);
      const page = this.ignorePage ? 1 : Number(q.get('page') ?? 1);
      return send(200, { code: 0, data: { list: sorted.slice((page - 1) * size, page * size), total: sorted.length } });
    }
    const limit = Number(q.get('limit') ?? 10);
    const after = q.get('cursor') ? (JSON.parse(Buffer.from(q.get('cursor')!, 'base64url').toString()) as [string, number]) : null;
    const rest = after ? sorted.filter((r) => r.updatedAt > after[0] || (r.updatedAt === after[0] && r.id > after[1])) : sorted;
    const items = rest.slice(0, limit);
    const last = items.at(-1);
    const next = rest.length > limit && last ? Buffer.from(JSON.stringify([last.updatedAt, last.id])).toString('base64url') : null;
    send(200, { data: { items, next } });
  }
}

const apis: Api[] = [];
async function api(mode: Mode, auth: 'bearer' | 'hmac', rows: number): Promise<{ api: Api; config: Record<string, unknown> }> {
  const a = new Api(mode, auth);
  apis.push(a);
  const base = await a.start();
  for (let id = 1; id <= rows; id++) a.rows.push({ id, name: name(id), updatedAt: stamp(id) });
  a.seq = rows;
  const config = mode === 'page'
    ? { url: `${base}/v1/penalties`, records: 'data.list', pagination: { kind: 'page', pageParam: 'page', sizeParam: 'pageSize', size: 1000 } }
    : {
      url: `${base}/v2/penalties`, records: 'data.items',
      pagination: { kind: 'cursor', param: 'cursor', next: 'data.next', sizeParam: 'limit', size: 1000 },
    };
  const authConfig = auth === 'bearer' ? { kind: 'bearer', tokenEnv: TOKEN_ENV } : { kind: 'hmac', keyEnv: KEY_ENV };
  return { api: a, config: { ...config, since: { param: 'updatedAfter', field: 'updatedAt' }, auth: authConfig, headers: { 'X-App-Id': 'cdf-test' } } };
}

beforeAll(() => {
  process.env[TOKEN_ENV] = TOKEN;
  process.env[KEY_ENV] = KEY;
});
afterAll(async () => {
  delete process.env[TOKEN_ENV];
  delete process.env[KEY_ENV];
  await Promise.all(apis.map((a) => a.close()));
});

const paged = (config: Record<string, unknown>, size: number) => ({ ...config, pagination: { ...(config.pagination as object), size } });

for (const [mode, auth] of [['page', 'bearer'], ['cursor', 'hmac']] as const) {
  pullConformance({
    connector: httpPull,
    label: `${mode} pagination, ${auth}`,
    source: async (rows) => {
      const { api: a, config } = await api(mode, auth, rows);
      return {
        config,
        insert: (count) => {
          for (let i = 0; i < count; i++) a.rows.push({ id: a.rows.length + 1, name: name(a.rows.length + 1), updatedAt: stamp(++a.seq) });
          a.touch();
          return Promise.resolve();
        },
        update: (ids, version) => {
          for (const id of ids) Object.assign(a.rows[id - 1]!, { name: name(id, version), updatedAt: stamp(++a.seq) });
          a.touch();
          return Promise.resolve();
        },
        held: () => Promise.resolve(a.sockets.size),
        drop: () => a.close(),
      };
    },
    paged,
    down: async () => {
      // A port that answered a moment ago and is now closed: the connection is refused.
      const { api: a, config } = await api(mode, 'bearer', 0);
      await a.close();
      return { config, secret: TOKEN };
    },
    failing: [
      { about: 'a token variable that is not set', code: 'CDF_PULL_CONFIG',
        config: () => ({ url: 'http://127.0.0.1:1/v1', records: 'data', auth: { kind: 'bearer', tokenEnv: 'CDF_PULL_TEST_UNSET' } }) },
      { about: 'a port where nothing answers', code: 'CDF_PULL_UNAVAILABLE', config: () => ({ url: 'http://127.0.0.1:1/v1', records: 'data' }) },
    ],
    badConfigs: [
      { config: { url: 'https://user:pw@api.example/v1', records: 'data.list' }, field: 'url' },
      { config: { url: 'https://api.example/v1', records: 'data.list', pagination: { kind: 'page', pageParam: 'page' } }, field: 'pagination.size' },
      { config: { url: 'https://api.example/v1', records: 'data', pagination: { kind: 'cursor', param: 'c', next: 'n', pageParam: 'p' } }, field: 'pagination.pageParam' },
      { config: { url: 'https://api.example/v1', records: 'data', auth: { kind: 'bearer', token: TOKEN } }, field: 'auth.token' },
      { config: { url: 'https://api.example/v1', records: 'data', auth: { kind: 'hmac' } }, field: 'auth.keyEnv' },
      { config: { url: 'https://api.example/v1', records: 'data', headers: { Authorization: 'Bearer x' } }, field: 'headers' },
      { config: { url: 'https://api.example/v1', records: 'data', since: { param: 'since' } }, field: 'since.field' },
    ],
    largeRows: 100_000,
  });
}

describe('http-pull', () => {
  const all = async (config: Record<string, unknown>, cursor: string | null = null): Promise<PulledRecord[]> => {
    const out: PulledRecord[] = [];
    for await (const r of httpPull.pull(config, { cursor })) out.push(r);
    return out;
  };

  it('retries a server that fails twice with 503, then reads every page', async () => {
    const { api: a, config } = await api('page', 'bearer', 25);
    a.failing = [{ status: 503 }, { status: 503 }];
    const got = await all(paged(config, 10));
    expect(got.map((r) => r.values.id)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    // Three pages and the empty one that ends them, and the two failures.
    expect(a.requests).toBe(6);
  });

  it('waits as long as a 429\'s Retry-After asks', async () => {
    const { api: a, config } = await api('cursor', 'hmac', 3);
    a.failing = [{ status: 429, retryAfter: '2' }];
    const started = Date.now();
    expect(await all(config)).toHaveLength(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
  });

  it('refuses a rejected token at once, saying so without the token', async () => {
    const { api: a, config } = await api('page', 'bearer', 3);
    process.env[TOKEN_ENV] = 'tok-Wrong-Secret-1234';
    try {
      await all(config);
      expect.unreachable('a refused token should throw');
    } catch (e) {
      expect(isCdfError(e) && e.code).toBe('CDF_PULL_REFUSED');
      if (!isCdfError(e)) return;
      expect(e.messages.en).toMatch(/token or signature was refused \(401\)/);
      expect(e.messages.zh).toContain('令牌或签名被拒绝');
      expect(JSON.stringify(e.toJSON())).not.toContain('Secret');
    } finally {
      process.env[TOKEN_ENV] = TOKEN;
    }
    expect(a.requests).toBe(1);
  });

  it('gives each record the largest position seen so far when the API returns them out of order', async () => {
    const server = http.createServer((_req, res) => res.end(JSON.stringify([{ id: 1, v: 5 }, { id: 2, v: 3 }, { id: 3, v: 9 }, { id: 4, v: 7 }])));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/all`;
      const got = await all({ url, records: '', since: { param: 'after', field: 'v' } });
      expect(got.map((r) => r.cursor)).toEqual(['5', '5', '9', '9']);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('refuses an API that ignores the page parameter rather than reading page 1 forever', async () => {
    const { api: a, config } = await api('page', 'bearer', 5);
    a.ignorePage = true;
    await expect(all(config)).rejects.toMatchObject({ code: 'CDF_PULL_REFUSED', messages: { en: expect.stringMatching(/page 2 repeats the page before/) } });
  });

  it('names the API and the request without secrets for lineage', async () => {
    const { config } = await api('page', 'bearer', 0);
    const url = String(config.url);
    expect(httpPull.origin({ ...config, url: `${url}?region=120101&appKey=abc` })).toEqual({
      source: url, query: 'GET /v1/penalties?region=120101&appKey=***&pageSize=1000&page={page}&updatedAfter={cursor}',
    });
  });
});
