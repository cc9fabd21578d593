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
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const html = req.url?.includes('agency=b');
    res.writeHead(html ? 502 : 400, { 'content-type': html ? 'text/html' : 'application/json' });
    res.end(html ? '<html>bad gateway</html>' : JSON.stringify({ code: 'CDF_FILE_HEADER', message: '第1行不是表头' }));
  });
});

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'cdf-uploads-'));
  for (const f of ['a.csv', 'b.csv']) await writeFile(path.join(dir, f), '天津市…汇总表\n');
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
