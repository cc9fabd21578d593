// The demo a newcomer sees on first start (catalog/demo): its catalogue imported, the registry
// pulled from a stand-in for the registration authority's database, then its files
// uploaded one after another through the ordinary upload path, with duplicates across channels,
// planted conflicts, invalid rows and subjects named by legacy codes or by name. Loading it twice
// changes nothing.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { readCatalogFile } from '../catalog/catalog-file.ts';
import { DEMO_CATALOG, DEMO_EXTRACTS, DEMO_REGISTRY, demoFiles } from '../catalog/demo/load-demo.ts';
import type { DemoFile } from '../catalog/demo/load-demo.ts';
import type { Batch } from '../db/batches.ts';
import { importCatalog } from '../db/catalog.ts';
import type { Db } from '../db/connect.ts';
import { DEMO_FRONT_TABLE, ensureDemoFront } from '../db/queries/demo-front.ts';
import type { FrontSubject } from '../db/queries/demo-front.ts';
import type { SinkPlaces } from '../catalog/sink-policy.ts';
import type { ServiceContext } from './context.ts';
import { parseIdentity } from './identity.ts';
import { runPull, syncPullSchedules } from './pulls/index.ts';
import { uploadFile, waitForBatch } from './upload.ts';

/** The demo catalogue, imported as `by` (the same content again is the same version). */
export function importDemoCatalog(db: Db, by: string, places: SinkPlaces): Promise<{ version: number; created: boolean }> {
  return importCatalog(db, readCatalogFile(DEMO_CATALOG).catalog, by, 'catalog/demo/catalog.yaml', places);
}

export interface DemoResult {
  catalogVersion: number;
  batches: Array<{ file: DemoFile; batch: Batch; duplicate: boolean }>;
}

/** The demo registry as the registration authority's system holds it (its own column names). */
function frontSubjects(): FrontSubject[] {
  // A CSV reader, not a split on commas: a registered name may hold one.
  const text = readFileSync(path.join(DEMO_EXTRACTS, DEMO_REGISTRY.file), 'utf8');
  return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data.map((r) => ({
    uniscid: r.uscc!, entname: r.name!, regno: r.regno ?? '', orgcode: r.orgcode ?? '', lerep: r.legal_rep ?? '', regorg_div: r.district ?? '',
  }));
}

/** The registry, pulled from the stand-in for the registration authority's database as its schedule
 * would: the demo shows a pull becoming a batch. A second load finds nothing new and makes none. */
async function pullDemoRegistry(ctx: ServiceContext): Promise<DemoResult['batches']> {
  await ensureDemoFront(ctx.db, frontSubjects());
  await syncPullSchedules(ctx.temporal, ctx.db, ctx.config);
  const operator = parseIdentity('admin@demo');
  const run = await runPull(ctx, operator, { agency: DEMO_REGISTRY.agency, dataset: DEMO_REGISTRY.dataset, wait: true });
  const batchId = run.result?.batchId;
  if (!batchId) return [];
  return [{ file: { ...DEMO_REGISTRY, file: DEMO_FRONT_TABLE }, batch: await waitForBatch(ctx, batchId), duplicate: Boolean(run.result?.duplicate) }];
}

export async function loadDemo(ctx: ServiceContext): Promise<DemoResult> {
  const { version } = await importDemoCatalog(ctx.db, 'admin@demo', ctx.config);
  // One after another, authoritative uploads first: the order a city's day usually has. The
  // registry comes first, pulled: the link step resolves the penalties' subjects against it.
  const batches: DemoResult['batches'] = await pullDemoRegistry(ctx);
  for (const file of demoFiles().filter((f) => f !== DEMO_REGISTRY)) {
    const uploader = parseIdentity(`agency:${file.agency}@demo`);
    const r = await uploadFile(ctx, uploader, path.join(DEMO_EXTRACTS, file.file), { agency: file.agency, dataset: file.dataset, channel: file.channel });
    batches.push({ file, batch: await waitForBatch(ctx, r.batchId), duplicate: r.duplicate });
  }
  return { catalogVersion: version, batches };
}
