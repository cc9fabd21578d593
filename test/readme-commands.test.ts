// The README's "try" lines are what a newcomer types first: each `npx cdf …` and `curl …` line in its
// bash blocks is run here, as written, against a factory holding the demo (what ./start.sh loads),
// so a line that stops working fails the suite instead of the newcomer. Placeholders (<批次ID>, FILE…)
// become real ids from the demo; a placeholder this test does not know fails it, so a new line is
// taught here when it is added. Optional parts ([--format csv]) are run included, and `A|B` takes A.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { CatalogFile } from '../catalog/catalog-file.ts';
import { DEMO_CATALOG, DEMO_EXTRACTS } from '../catalog/demo/load-demo.ts';
import { buildApp } from '../server/app.ts';
import { ensureDemoAccounts } from '../services/auth/demo-accounts.ts';
import { loadDemo } from '../services/demo.ts';
import { repoRoot, runCdf } from './helpers/cli.ts';
import { createTestFactory } from './helpers/factory.ts';
import type { TestFactory } from './helpers/factory.ts';

/** Every `npx cdf` and `curl` line of the README's bash blocks, comments removed, `a && b` split. */
export function tryLines(markdown: string): string[] {
  const blocks = [...markdown.matchAll(/```bash\n([\s\S]*?)```/g)].map((m) => m[1]!);
  return blocks
    .flatMap((b) => b.split('\n'))
    .map((l) => l.replace(/\s+#\s.*$/, '').trim())
    .flatMap((l) => l.split(' && '))
    .filter((l) => l.startsWith('npx cdf ') || l.startsWith('curl '));
}

/** Words as a POSIX shell splits them (double quotes only: the README uses no others). */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}

let f: TestFactory;
let apiUrl: string;
let closeApi: () => Promise<unknown>;
let demoLoadedAt: number;
const ids: Record<string, string> = {};

beforeAll(async () => {
  f = await createTestFactory();
  await loadDemo(f.ctx);
  demoLoadedAt = Date.now();
  await ensureDemoAccounts(f.ctx.db, f.config.dataDir);
  const db = f.database.db;
  const batch = (await db('batches').where({ dataset: 'admin_penalty' }).orderBy('created_at').first('id')) as { id: string };
  // A penalty decided long enough ago to be repairable, with a fine whose lineage the README traces.
  const record = (await db('golden_records').where({ dataset: 'admin_penalty', status: 'active' }).whereRaw(`coalesce(fields->>'fine_amount', '') <> ''`)
    .orderByRaw(`fields->>'decision_date'`).first('id')) as { id: number };
  const conflict = (await db('steward_tasks').where({ kind: 'conflict', status: 'open' }).orderBy('id').first('id')) as { id: number };
  Object.assign(ids, { batch: batch.id, record: String(record.id), conflict: String(conflict.id) });
  const app = await buildApp(f.ctx);
  await app.listen({ host: '127.0.0.1', port: 0 });
  apiUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  closeApi = () => app.close();
});
afterAll(async () => {
  await closeApi?.();
  await f?.close();
});

it('finds the try lines (a README without them would pass the test below by saying nothing)', () => {
  const lines = tryLines(readFileSync(path.join(repoRoot, 'README.md'), 'utf8'));
  expect(lines.length).toBeGreaterThanOrEqual(20);
  expect(lines).toContain('npx cdf audit verify');
  expect(lines.some((l) => l.startsWith('curl http://127.0.0.1:8600/api/public/'))).toBe(true);
});

it('points only at files inside the repository, and every one it links exists', () => {
  const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  expect(readme).not.toMatch(/\.\.\/|DESIGN\.md|\]\(\/|file:\/\/|\/(home|work|Users)\//);
  const links = [...readme.matchAll(/\]\(([^)#]+)\)/g)].map((m) => m[1]!).filter((l) => !/^https?:/.test(l));
  expect(links.length).toBeGreaterThan(2);
  for (const l of links) expect({ link: l, exists: existsSync(path.join(repoRoot, l)) }).toEqual({ link: l, exists: true });
});

it('answers `catalog diff` on a demo with one version by naming the version there is', async () => {
  const r = await runCdf(['catalog', 'diff', '1', '2'], f.env);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('目录版本 2 不存在：只有版本 1，还没有可比较的另一个版本');
  const en = await runCdf(['catalog', 'diff', '1', '2', '--lang', 'en'], f.env);
  expect(en.stderr).toContain('catalogue version 2 does not exist: there is only version 1, nothing to compare it with yet');
});

it('runs every try line of the README on the demo', async () => {
  // The README's diff compares two versions: a changed import makes the second, as the line above it says.
  const changed = parse(readFileSync(DEMO_CATALOG, 'utf8')) as CatalogFile;
  changed.entries.find((e) => e.agency === 'city_ecology')!.frequency = 'daily';
  writeFileSync(path.join(f.config.dataDir, 'changed.yaml'), stringify(changed));
  expect((await runCdf(['catalog', 'import', path.join(f.config.dataDir, 'changed.yaml'), '--json'], f.env)).stdout).toContain('"version": 2');
  const lines = tryLines(readFileSync(path.join(repoRoot, 'README.md'), 'utf8'));
  const outFile = path.join(f.config.dataDir, 'openlineage.ndjson');
  let token = '';
  const done: string[] = [];
  for (const line of lines) {
    const w = words(line).flatMap((t) => {
      const bare = t.replace(/^\[/, '').replace(/\]$/, '');
      return bare.includes('|') && !bare.startsWith('<') ? [bare.split('|')[0]!] : [bare];
    });
    const args = w.map((t, i) => {
      const before = w[i - 1];
      const known: Record<string, string | undefined> = {
        '<批次ID>': ids.batch, '<记录ID>': ids.record, '<ID>': ids.conflict, '<组织机构代码/注册号/税号>': '845232794', '<版本1>': '1', '<版本2>': '2',
        FILE: before === '--to' ? outFile : before === 'upload' ? path.join(DEMO_EXTRACTS, 'admin_penalty_city_market_regulation.csv') : undefined,
        N: before === '--row' ? '1' : undefined,
        'Authorization: Bearer cdf_…': `Authorization: Bearer ${token}`,
        'file=@extract.csv': `file=@${path.join(DEMO_EXTRACTS, 'admin_penalty_city_market_regulation.csv')}`,
      };
      if (t in known) {
        if (known[t] === undefined) throw new Error(`README line "${line}": no value for placeholder ${t} after ${before}`);
        return known[t];
      }
      if (before !== '--take' && /^<.*>$|^[A-Z]+$/.test(t)) throw new Error(`README line "${line}": unknown placeholder ${t}; teach test/readme-commands.test.ts its value`);
      return t.replace('http://127.0.0.1:8600', apiUrl);
    });
    // "As of a minute ago" needs the demo to be a minute old, as it is when a newcomer reads that far.
    if (args.some((a) => a.startsWith('now-1m'))) await new Promise((r) => setTimeout(r, Math.max(0, demoLoadedAt + 61_000 - Date.now())));
    if (args[0] === 'curl') {
      const r = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
        execFile('curl', ['-sS', '-w', '\n%{http_code}', ...args.slice(1)], { cwd: repoRoot }, (err, stdout, stderr) =>
          resolve({ code: err ? 1 : 0, stdout, stderr })),
      );
      expect({ line, code: r.code, stderr: r.stderr }).toEqual({ line, code: 0, stderr: '' });
      expect({ line, status: r.stdout.trim().split('\n').at(-1) }).toEqual({ line, status: '200' });
    } else {
      const r = await runCdf(args.slice(2), f.env);
      expect({ line, code: r.code, stderr: r.stderr }).toEqual({ line, code: 0, stderr: '' });
      expect({ line, printed: r.stdout.trim().length > 0 }).toEqual({ line, printed: true });
      token = /cdf_[A-Za-z0-9_-]+/.exec(r.stdout)?.[0] ?? token;
      // As of a minute ago the demo's records were there: the lineage says "as of", the export has rows under its header.
      if (args.includes('--as-of')) expect(r.stdout, line).toMatch(args[2] === 'lineage' ? /截至 / : /\n\d+,津/);
    }
    done.push(line);
  }
  expect(statSync(outFile).size).toBeGreaterThan(0);
  expect(done.length).toBe(lines.length);
});
