// `npm run bench:validate -- --rows 1000000`: one penalty CSV of N rows through receive and
// clean (validation) on the real factory; reports rows per second of each and the worker's peak
// memory, into bench/results/<date>-validate-<rows>.json.
import { mkdirSync, openAsBlob, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkCatalog, parseCatalogText } from '../catalog/catalog-file.ts';
import { DEMO_CATALOG } from '../catalog/demo/load-demo.ts';
import { importCatalog } from '../db/catalog.ts';
import { loadConfig } from '../runtime/config.ts';
import { startFactory } from '../runtime/factory.ts';
import { freePort } from '../runtime/ports.ts';
import { Shutdown } from '../runtime/shutdown.ts';
import { openContext } from '../services/context.ts';
import { waitForBatch, workflowIdFor } from '../services/upload.ts';
import { writePenaltyCsv } from './generate/uniform-penalty-csv.ts';
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
const runDir = path.join(out, `validate-${process.pid}`);
const env = { ...process.env, CDF_DATA_DIR: path.join(runDir, 'var'), CDF_PG_PORT: String(await freePort()), CDF_TEMPORAL_PORT: String(await freePort()), CDF_TEMPORAL_UI_PORT: String(await freePort()), CDF_PORT: String(await freePort()) };
const config = loadConfig(env);
const factory = await startFactory(config, console.log, shutdown);
const ctx = await openContext(config, factory.postgres.databaseUrl, factory.temporal.address);
try {
  await importCatalog(ctx.db, checkCatalog(parseCatalogText(readFileSync(DEMO_CATALOG, 'utf8'), 'catalog.yaml'), 'catalog.yaml'), 'admin@bench', 'demo');
  const form = new FormData();
  form.append('file', await openAsBlob(file), path.basename(file));
  const res = await fetch(`${factory.apiUrl}/api/uploads?agency=city_market_regulation&dataset=admin_penalty`, { method: 'POST', headers: { 'x-cdf-identity': 'admin@bench' }, body: form });
  const { batchId } = (await res.json()) as { batchId: string };
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
  await ctx.close();
  await factory.stop();
  rmSync(runDir, { recursive: true, force: true });
}
