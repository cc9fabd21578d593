// The benchmark's API source, run as a child process so its JSON work is not timed with the
// factory's: a paged JSON API (node:http) over the rows in an NDJSON file, by page number and
// `since` (each record's `seq`, increasing with every change), sorted by seq. The parent asks it,
// over IPC, to change 1 % of the rows (an incremental pull's input) and to stop.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CHANGE_EVERY, CHANGED_REMARK } from './rows.ts';

type Rec = Record<string, string | number> & { id: number; seq: number };

const file = process.argv[2]!;
const rows: Rec[] = readFileSync(file, 'utf8').split('\n').filter(Boolean)
  .map((l, k) => ({ id: k + 1, seq: k + 1, ...(JSON.parse(l) as Record<string, string>) }));
let order: Rec[] = rows;
let lastSeq = rows.length;

/** The first index whose seq is above `since` (order is sorted by seq). */
function firstAfter(since: number): number {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (order[mid]!.seq <= since) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname !== '/penalties') {
    res.writeHead(404).end();
    return;
  }
  const page = Number(url.searchParams.get('page') ?? 1);
  const size = Number(url.searchParams.get('size') ?? 1000);
  const since = url.searchParams.has('since') ? Number(url.searchParams.get('since')) : 0;
  const from = firstAfter(since) + (page - 1) * size;
  const body = JSON.stringify({ code: 0, data: order.slice(from, from + size) });
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(body);
});

process.on('message', (m: { type: string }) => {
  if (m.type === 'change') {
    let n = 0;
    for (const r of rows) {
      if (r.id % CHANGE_EVERY !== 0) continue;
      r.bz = CHANGED_REMARK;
      r.seq = ++lastSeq;
      n++;
    }
    order = [...rows].sort((a, b) => a.seq - b.seq);
    process.send!({ type: 'changed', rows: n });
  } else if (m.type === 'stop') {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  }
});

server.listen(0, '127.0.0.1', () => {
  process.send!({ type: 'ready', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/penalties`, rows: rows.length });
});
