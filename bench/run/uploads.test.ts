// A refused upload is a counted outcome with its code and message, never a crash of the run.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ServiceContext } from '../../services/context.ts';
import type { Summary } from '../generate/truth.ts';
import { uploadAll } from './uploads.ts';

let dir = '';
let inFlight = 0;
let mostInFlight = 0;
const server = createServer((req, res) => {
  inFlight++;
  mostInFlight = Math.max(mostInFlight, inFlight);
  req.resume();
  // Held a moment, so uploads sent together are seen together.
  req.on('end', () => setTimeout(() => {
    inFlight--;
    const html = req.url?.includes('agency=b');
    res.writeHead(html ? 502 : 400, { 'content-type': html ? 'text/html' : 'application/json' });
    res.end(html ? '<html>bad gateway</html>' : JSON.stringify({ code: 'CDF_FILE_HEADER', message: '第1行不是表头' }));
  }, 50));
});

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'cdf-uploads-'));
  for (const f of ['a.csv', 'b.csv', 'c.csv']) await writeFile(path.join(dir, f), '天津市…汇总表\n');
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  server.close();
  await rm(dir, { recursive: true, force: true });
});

it('reports each refused file with its code, message and rows, and goes on', async () => {
  const summary = { files: [
    { file: 'a.csv', truth: '', channel: 'agency_upload', agency: 'a', encoding: 'utf-8', rows: 12 },
    { file: 'b.csv', truth: '', channel: 'agency_upload', agency: 'b', encoding: 'utf-8', rows: 3 },
  ] } as unknown as Summary;
  const lines: string[] = [];
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { batchOfFile, refused } = await uploadAll({} as ServiceContext, url, dir, summary, (l) => lines.push(l));
  expect(batchOfFile.size).toBe(0);
  expect([...refused.values()]).toEqual([
    { file: 'a.csv', code: 'CDF_FILE_HEADER', message: '第1行不是表头', rows: 12 },
    { file: 'b.csv', code: 'HTTP_502', message: '<html>bad gateway</html>', rows: 3 },
  ]);
  expect(lines.join('\n')).toContain('a.csv: REFUSED CDF_FILE_HEADER');
});

it('keeps as many uploads in flight as it is told, and lists the outcomes in the files\' order', async () => {
  const files = ['c.csv', 'b.csv', 'a.csv'].map((file) => ({ file, truth: '', channel: 'agency_upload', agency: file[0], encoding: 'utf-8', rows: 1 }));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const seen: number[] = [];
  for (const concurrency of [1, 2]) {
    mostInFlight = 0;
    const { refused } = await uploadAll({} as ServiceContext, url, dir, { files } as unknown as Summary, () => undefined, concurrency);
    seen.push(mostInFlight);
    expect([...refused.keys()]).toEqual(['c.csv', 'b.csv', 'a.csv']);
  }
  expect(seen).toEqual([1, 2]);
});
