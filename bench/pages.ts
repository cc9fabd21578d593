// `npm run bench:pages -- --records 1000000 [--seed S] [--runs 20] [--keep] [--data DIR]`: page
// timings at N golden records (bench/pages/run.ts). Writes bench/results/pages-<date>.json and
// prints a table: endpoint, median, p95, rows in the page, verdict against 300 ms (a list page) or
// 1 s (a first screen). `--keep` keeps the seeded folder; `--data DIR` reuses a kept one.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Shutdown } from '../runtime/shutdown.ts';
import { runPages } from './pages/run.ts';
import { table } from './pages/table.ts';
import { benchRoot } from './run/benchmark.ts';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    runs: { type: 'string', default: '20' },
    warmups: { type: 'string', default: '2' },
    'explain-ms': { type: 'string', default: '100' },
    keep: { type: 'boolean' },
    data: { type: 'string' },
  },
});
const records = Number(values.records);
const runs = Number(values.runs);
if (!Number.isInteger(records) || records < 1000 || !Number.isInteger(runs) || runs < 1) {
  console.error('--records 应为不小于 1000 的整数，--runs 为正整数 / --records must be an integer ≥ 1000 and --runs a positive integer');
  process.exit(2);
}
const shutdown = new Shutdown();
shutdown.exitOnSignals(console.error);
const seed = Number(values.seed);
const dataDir = path.resolve(values.data ?? path.join(benchRoot, 'out', `pages-${records}-${seed}`));
let result;
try {
  result = await runPages({
    records, seed, runs, warmups: Number(values.warmups), dataDir, keep: Boolean(values.keep || values.data), explainMs: Number(values['explain-ms']),
    log: (l) => console.log(l), shutdown,
  });
} catch (e) {
  // Whatever failed, the PostgreSQL, Temporal, worker and API this run started are stopped.
  console.error(e);
  await shutdown.run(console.error);
  process.exit(1);
}
const dir = path.join(benchRoot, 'results');
mkdirSync(dir, { recursive: true });
const file = path.join(dir, `pages-${result.date.slice(0, 10)}-${records}.json`);
writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
console.log(table([...result.firstScreens, ...result.lists]));
if (result.missing.length) console.log(`尚不存在的接口 / endpoints missing: ${result.missing.join(', ')}`);
for (const o of result.overBudget) {
  console.log(`超出预算 / over budget: ${decodeURIComponent(o.path)} as ${o.role}: median ${o.medianMs} ms, p95 ${o.p95Ms} ms (budget ${o.budgetMs} ms)`);
}
console.log(`结果已写入 / result written to ${file}`);
process.exit(0);
