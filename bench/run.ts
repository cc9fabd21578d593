// `npm run bench -- --rows N [--seed S] [--keep]`: runs the benchmark and writes
// bench/results/<date>-<rows>.json. Sizes: 10000 (quick), 100000, 1000000; 10000000 is the long run.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Shutdown } from '../runtime/shutdown.ts';
import { benchRoot, runBenchmark } from './run/benchmark.ts';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '10000' }, seed: { type: 'string', default: '1' }, keep: { type: 'boolean' }, out: { type: 'string' } } });
const rows = Number(values.rows);
if (!Number.isInteger(rows) || rows < 100) {
  console.error('--rows 应为不小于 100 的整数 / --rows must be an integer ≥ 100');
  process.exit(2);
}
// Interrupted, the run stops the PostgreSQL, Temporal, worker and API it started before exiting.
const shutdown = new Shutdown();
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    shutdown.requested = true;
    void shutdown.run(console.error).then(() => process.exit(130));
  });
}
const result = await runBenchmark({ rows, seed: Number(values.seed), outDir: values.out ?? path.join(benchRoot, 'out'), keep: Boolean(values.keep), shutdown });
const resultsDir = path.join(benchRoot, 'results');
mkdirSync(resultsDir, { recursive: true });
const file = path.join(resultsDir, `${result.date.slice(0, 10)}-${rows}.json`);
writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result, null, 2));
console.log(`结果已写入 / result written to ${file}`);
