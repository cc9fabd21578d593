// `npm run bench -- --rows N [--registry SUBJECTS] [--seed S] [--keep]`: runs the benchmark and writes
// bench/results/<date>-<rows>.json. Sizes: 10000 (quick), 100000, 1000000; 10000000 is the long run.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Shutdown } from '../runtime/shutdown.ts';
import { benchRoot, runBenchmark } from './run/benchmark.ts';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '10000' }, seed: { type: 'string', default: '1' }, registry: { type: 'string' }, keep: { type: 'boolean' }, out: { type: 'string' } } });
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
const subjects = values.registry ? Number(values.registry) : undefined;
if (subjects !== undefined && !(Number.isInteger(subjects) && subjects >= 200)) {
  console.error('--registry 应为不小于 200 的整数 / --registry must be an integer ≥ 200');
  process.exit(2);
}
const result = await runBenchmark({ rows, seed: Number(values.seed), ...(subjects ? { subjects } : {}), outDir: values.out ?? path.join(benchRoot, 'out'), keep: Boolean(values.keep), shutdown });
const resultsDir = path.join(benchRoot, 'results');
mkdirSync(resultsDir, { recursive: true });
const file = path.join(resultsDir, `${result.date.slice(0, 10)}-${rows}.json`);
writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result, null, 2));
console.log(`结果已写入 / result written to ${file}`);
