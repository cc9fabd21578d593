// `npm run bench -- --rows N [--registry SUBJECTS] [--seed S] [--mode default|agencies] [--workers W]
// [--concurrency C] [--keep] [--floor]`: runs the benchmark and writes bench/results/<date>-<rows>.json.
// Sizes: 10000 (quick), 100000, 1000000; 10000000 is the long run.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Shutdown } from '../runtime/shutdown.ts';
import { benchRoot, runBenchmark } from './run/benchmark.ts';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    registry: { type: 'string' },
    mode: { type: 'string', default: 'default' },
    keep: { type: 'boolean' },
    floor: { type: 'boolean' },
    workers: { type: 'string', default: '1' },
    concurrency: { type: 'string', default: '1' },
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
const mode = values.mode;
if (mode !== 'default' && mode !== 'agencies') {
  console.error('--mode 应为 default 或 agencies / --mode must be default or agencies');
  process.exit(2);
}
const workers = Number(values.workers);
if (!Number.isInteger(workers) || workers < 1 || workers > 16) {
  console.error('--workers 应为 1 到 16 的整数 / --workers must be an integer from 1 to 16');
  process.exit(2);
}
const concurrency = Number(values.concurrency);
if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16) {
  console.error('--concurrency 应为 1 到 16 的整数 / --concurrency must be an integer from 1 to 16');
  process.exit(2);
}
const subjects = values.registry ? Number(values.registry) : undefined;
if (subjects !== undefined && !(Number.isInteger(subjects) && subjects >= 200)) {
  console.error('--registry 应为不小于 200 的整数 / --registry must be an integer ≥ 200');
  process.exit(2);
}
const result = await runBenchmark({
  rows,
  seed: Number(values.seed),
  mode,
  ...(subjects ? { subjects } : {}),
  outDir: values.out ?? path.join(benchRoot, 'out'),
  keep: Boolean(values.keep),
  floor: Boolean(values.floor),
  concurrency,
  env: { CDF_WORKERS: String(workers) },
  shutdown,
});
const resultsDir = path.join(benchRoot, 'results');
mkdirSync(resultsDir, { recursive: true });
const suffix = `${mode === 'default' ? '' : `-${mode}`}${workers > 1 ? `-w${workers}` : ''}${concurrency > 1 ? `-c${concurrency}` : ''}`;
const file = path.join(resultsDir, `${result.date.slice(0, 10)}-${rows}${suffix}.json`);
writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result, null, 2));
const { conflicts: c, suspectedDuplicates: d, uncertainLinks: u } = result.stewards;
console.log(`模式 / mode: ${result.mode} · workers ${workers} · concurrency ${concurrency}`);
console.log(`用时 / wall ${result.pipeline.wallSeconds} s · COPY ${result.copy.wallSeconds} s · ratioToCopy ${result.ratioToCopy} · `
  + `peak RSS worker ${result.peakRssMb.worker} MB`);
console.log(`各步骤 行/秒 / rows/s per step: ${Object.entries(result.pipeline.steps).map(([s, v]) => `${s} ${v.rowsPerSecond}`).join(' · ')}`);
const cpu = result.cpu;
// Per step only when batches ran one at a time (--concurrency 1).
const perStepCpu = Object.entries(cpu.steps).map(([s, v]) => `${s} ${v.total} (busy ${Math.round(v.machineBusy * 100)} %) · `).join('');
const perRow = cpu.microsPerRow;
console.log(`CPU µs/行 / CPU µs a row: total ${perRow.total} (worker ${perRow.worker}, postgres ${perRow.postgres}, temporal ${perRow.temporal}) · `
  + `${perStepCpu}machine busy ${Math.round(cpu.machineBusy * 100)} % of ${cpu.cores} cores (factory ${Math.round(cpu.factoryBusy * 100)} %)`);
console.log(`数据管理员事项 / steward items: conflicts ${c.raised} (false ${c.false}, real ${c.real}); suspected duplicates ${d.raised} `
  + `(false ${d.false}, real ${d.real}, false per disclosure ${d.falsePerDisclosure.toFixed(4)}); `
  + `uncertain links ${u.raised} (resolvable by rule ${u.resolvableByRule})`);
console.log(`虚假冲突按字段 / false conflicts by field: ${JSON.stringify(c.falseByField)}`);
console.log(`误拒有效行 / valid rows rejected by reason: ${JSON.stringify(result.accuracy.validRejectedByReason)}`);
if (result.floor) {
  const f = result.floor;
  console.log(`存储下限 / the store's floor: ${f.totalSeconds} s = ${f.ratioToCopy}× COPY on one core `
    + `(${f.ratioToCopyWithoutSearch}× without the search indexes) · `
    + Object.entries(f.seconds).map(([t, s]) => `${t} ${s}`).join(' · '));
}
for (const r of result.uploads.refused) console.log(`拒收文件 / file refused: ${r.file} ${r.code} (${r.rows} rows) ${r.message}`);
console.log(`结果已写入 / result written to ${file}`);
