import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetDefinition } from '../../catalog/dataset-definition.ts';
import { isCdfError } from '../../domain/errors.ts';
import type { CdfError } from '../../domain/errors.ts';
import { buildRunEvents } from '../../domain/lineage/openlineage.ts';
import { lineageEndpoint } from './http.ts';
import { describeTarget, emitRunEvents, parseTarget } from './index.ts';

const at = (min: number) => new Date(Date.UTC(2026, 10, 23, 2, min));
const eventsOf = (id: string) => buildRunEvents({
  batch: {
    id, dataset: 'admin_penalty', agency: 'city_market_regulation', channel: 'agency_upload', fileName: 'p.csv', fileSha256: 'b'.repeat(64), catalogVersion: 1,
    headers: ['CF_WSH'], columnMap: ['decision_no'], status: 'done', step: null, createdAt: at(0), finishedAt: at(3), updatedAt: at(3), error: null,
    steps: [{ step: 'receive', stats: { received: 3 }, doneAt: at(1) }, { step: 'clean', stats: { accepted: 3, rejected: 0 }, doneAt: at(2) }],
  },
  dataset: datasetDefinition('admin_penalty'), subscriptions: [],
});

async function failure(p: Promise<unknown>): Promise<CdfError> {
  const e = await p.then(() => undefined, (x: unknown) => x);
  if (!isCdfError(e)) throw new Error(`expected a CdfError, got ${String(e)}`);
  return e;
}

describe('targets', () => {
  it('takes an http(s) URL for a server and anything else for a file', () => {
    expect(parseTarget('http://marquez:5000')).toEqual({ kind: 'http', url: 'http://marquez:5000' });
    expect(parseTarget('HTTPS://lineage.example/base/')).toEqual({ kind: 'http', url: 'HTTPS://lineage.example/base/' });
    expect(parseTarget('out/events.ndjson')).toEqual({ kind: 'file', path: 'out/events.ndjson' });
    expect(describeTarget(parseTarget('http://ol:s3cret@marquez:5000'))).not.toContain('s3cret');
  });

  it('posts to <base>/api/v1/lineage, turning credentials in the URL into a Basic header', () => {
    expect(lineageEndpoint('http://marquez:5000').url).toBe('http://marquez:5000/api/v1/lineage');
    expect(lineageEndpoint('http://gw/marquez//').url).toBe('http://gw/marquez/api/v1/lineage');
    const withUser = lineageEndpoint('https://ol:p%40ss@gw/');
    expect(withUser.url).toBe('https://gw/api/v1/lineage');
    expect(withUser.headers.authorization).toBe(`Basic ${Buffer.from('ol:p@ss').toString('base64')}`);
  });
});

describe('the file target', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cdf-ol-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('appends whole runs as NDJSON, even when many are written at once', async () => {
    const file = path.join(dir, 'nested', 'events.ndjson');
    await Promise.all(Array.from({ length: 20 }, (_, i) => emitRunEvents({ kind: 'file', path: file }, eventsOf(`b${i}`))));
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    const events = lines.map((l) => JSON.parse(l) as { run: { facets: { cdf_rowLineage: { batchId: string } } }; eventType: string });
    expect(events).toHaveLength(20 * 4);
    // Each run's four events stay together and in order.
    for (let i = 0; i < events.length; i += 4) {
      const run = events.slice(i, i + 4);
      expect(new Set(run.map((e) => e.run.facets.cdf_rowLineage.batchId)).size).toBe(1);
      expect(run.map((e) => e.eventType)).toEqual(['START', 'COMPLETE', 'START', 'COMPLETE']);
    }
  });

  it('says which file it could not write, in Chinese and English, as an error worth retrying', async () => {
    const e = await failure(emitRunEvents({ kind: 'file', path: dir }, eventsOf('b1'))); // a folder, not a file
    expect(e).toMatchObject({ code: 'CDF_OPENLINEAGE_FILE', kind: 'transient' });
    expect(e.messages.zh).toContain(`无法写入 OpenLineage 事件文件 ${dir}`);
    expect(e.messages.en).toContain(`cannot write the OpenLineage event file ${dir}`);
  });
});

describe('the HTTP target', () => {
  let server: Server;
  let base = '';
  let status = 201;
  const received: Array<{ url: string; type: string; body: { eventType: string } }> = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => { body += d.toString(); });
      req.on('end', () => {
        received.push({ url: req.url ?? '', type: req.headers['content-type'] ?? '', body: JSON.parse(body) as { eventType: string } });
        res.writeHead(status).end(status >= 400 ? 'namespace not allowed' : '');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('posts each event as JSON, in order', async () => {
    await emitRunEvents({ kind: 'http', url: base }, eventsOf('b1'));
    expect(received.map((r) => [r.url, r.type, r.body.eventType])).toEqual(
      ['START', 'COMPLETE', 'START', 'COMPLETE'].map((t) => ['/api/v1/lineage', 'application/json', t]),
    );
  });

  it('names the status a server refused an event with, and stops there', async () => {
    status = 422;
    received.length = 0;
    const e = await failure(emitRunEvents({ kind: 'http', url: base }, eventsOf('b1')));
    expect(received).toHaveLength(1);
    expect(e).toMatchObject({ code: 'CDF_OPENLINEAGE_REFUSED', kind: 'transient', context: { status: 422 } });
    expect(e.messages.zh).toBe(`OpenLineage 服务 ${base}/api/v1/lineage 拒收事件 admin_penalty.receive START：HTTP 422，namespace not allowed`);
    expect(e.messages.en).toBe(`the OpenLineage server ${base}/api/v1/lineage refused admin_penalty.receive START: HTTP 422, namespace not allowed`);
  });

  it('says so when nothing answers', async () => {
    const e = await failure(emitRunEvents({ kind: 'http', url: 'http://127.0.0.1:1' }, eventsOf('b1')));
    expect(e.code).toBe('CDF_OPENLINEAGE_UNREACHABLE');
    expect(e.messages.zh).toMatch(/^无法连接 OpenLineage 服务 http:\/\/127\.0\.0\.1:1\/api\/v1\/lineage/);
  });
});
