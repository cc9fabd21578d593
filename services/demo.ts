// The demo a newcomer sees on first start (catalog/demo): its catalogue imported, then its files
// uploaded one after another through the ordinary upload path, with duplicates across channels,
// planted conflicts, invalid rows and subjects named by legacy codes or by name. Loading it twice
// changes nothing.
import path from 'node:path';
import { readCatalogFile } from '../catalog/catalog-file.ts';
import { DEMO_CATALOG, DEMO_EXTRACTS, demoFiles } from '../catalog/demo/load-demo.ts';
import type { DemoFile } from '../catalog/demo/load-demo.ts';
import type { Batch } from '../db/batches.ts';
import { importCatalog } from '../db/catalog.ts';
import type { Db } from '../db/connect.ts';
import type { SinkPlaces } from '../catalog/sink-policy.ts';
import type { ServiceContext } from './context.ts';
import { parseIdentity } from './identity.ts';
import { uploadFile, waitForBatch } from './upload.ts';

/** The demo catalogue, imported as `by` (the same content again is the same version). */
export function importDemoCatalog(db: Db, by: string, places: SinkPlaces): Promise<{ version: number; created: boolean }> {
  return importCatalog(db, readCatalogFile(DEMO_CATALOG).catalog, by, 'catalog/demo/catalog.yaml', places);
}

export interface DemoResult {
  catalogVersion: number;
  batches: Array<{ file: DemoFile; batch: Batch; duplicate: boolean }>;
}

export async function loadDemo(ctx: ServiceContext): Promise<DemoResult> {
  const { version } = await importDemoCatalog(ctx.db, 'admin@demo', ctx.config);
  const batches: DemoResult['batches'] = [];
  // One after another, authoritative uploads first: the order a city's day usually has.
  for (const file of demoFiles()) {
    const uploader = parseIdentity(`agency:${file.agency}@demo`);
    const r = await uploadFile(ctx, uploader, path.join(DEMO_EXTRACTS, file.file), { agency: file.agency, dataset: file.dataset, channel: file.channel });
    batches.push({ file, batch: await waitForBatch(ctx, r.batchId), duplicate: r.duplicate });
  }
  return { catalogVersion: version, batches };
}
