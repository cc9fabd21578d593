// `npm run bench:pull -- --rows N [--seed S] [--keep]`: pulls N generated admin_penalty rows from a
// MariaDB table, a PostgreSQL table and a paged JSON API, uploads the same rows as a CSV for the
// baseline, pulls again after 1 % changed, and writes bench/results/<date>-pull-<rows>.json.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Shutdown } from '../runtime/shutdown.ts';
import { runPullBenchmark, writeResult } from './pull/run.ts';
import { resultTable } from './pull/table.ts';
import { benchRoot } from './run/benchmark.ts';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1' },
    keep: { type: 'boolean' },
    out: { type: 'string' },
  },
});
const rows = Number(values.rows);
if (!Number.isInteger(rows) || rows < 100) {
  console.error('--rows 应为不小于 100 的整数 / --rows must be an integer ≥ 100');
  process.exit(2);
}
// Interrupted, the run stops the PostgreSQL, Temporal, worker and API it started before exiting.
const shutdown = new Shutdown();
shutdown.exitOnSignals(console.error);
const outDir = values.out ?? path.join(benchRoot, 'out');
const result = await runPullBenchmark({ rows, seed: Number(values.seed), outDir, keep: Boolean(values.keep), shutdown });
const resultsDir = path.join(benchRoot, 'results');
mkdirSync(resultsDir, { recursive: true });
const file = writeResult(resultsDir, result);
console.log(resultTable(result));
console.log('机器共享，计时有噪声：请看与上传之比 / timings on a shared machine are noisy: compare the ratios to the upload');
console.log(`结果已写入 / result written to ${file}`);
