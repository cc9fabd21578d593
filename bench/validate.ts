// `npm run bench:validate -- --rows 1000000`: one penalty CSV of N rows through receive and
// clean (validation) on the real factory; reports rows per second of each and the peak memory of
// the worker and API, into bench/results/<date>-validate-<rows>.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Shutdown } from '../runtime/shutdown.ts';
import { waitForBatch, workflowIdFor } from '../services/upload.ts';
import { writePenaltyCsv } from './generate/uniform-penalty-csv.ts';
import { startBenchFactory, uploadThroughApi } from './run/bench-factory.ts';
import { benchRoot } from './run/benchmark.ts';
import { peakRssMb, stepSeconds } from './run/measure.ts';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' } } });
const rows = Number(values.rows);
const out = path.join(benchRoot, 'out');
const file = path.join(out, `penalty-${rows}.csv`);
mkdirSync(out, { recursive: true });
await writePenaltyCsv(file, rows);

const shutdown = new Shutdown();
for (const s of ['SIGINT', 'SIGTERM'] as const) process.on(s, () => void shutdown.run(console.error).then(() => process.exit(130)));
const { factory, ctx, close } = await startBenchFactory({ outDir: out, log: console.log, shutdown });
try {
  const batchId = await uploadThroughApi(factory.apiUrl, file, 'city_market_regulation');
  const batch = await waitForBatch(ctx, batchId);
  const steps = await stepSeconds(ctx.temporal, [workflowIdFor(batchId)]);
  const result = {
    rows, date: new Date().toISOString(), counts: batch.counts,
    receive: { seconds: steps.receive, rowsPerSecond: Math.round(rows / steps.receive!) },
    validate: { seconds: steps.clean, rowsPerSecond: Math.round(rows / steps.clean!) },
    peakRssMb: { worker: peakRssMb(factory.processes.worker.pid!), api: peakRssMb(factory.processes.api.pid!) },
  };
  mkdirSync(path.join(benchRoot, 'results'), { recursive: true });
  writeFileSync(path.join(benchRoot, 'results', `${result.date.slice(0, 10)}-validate-${rows}.json`), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
} finally {
  await close();
}
