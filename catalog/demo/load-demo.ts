// The demo a newcomer sees on first start: the demo catalogue and a small generated data set
// (bench/generate, seed 72): its legal-person registry (200 subjects), then 61 penalty rows from
// eight files over the three channels, with duplicates across channels, planted conflicts, invalid
// rows and subjects named by legacy codes or by name. Loading it twice changes nothing.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Channel } from '../catalog-file.ts';
import { importCatalog } from '../../db/catalog.ts';
import type { Batch } from '../../db/batches.ts';
import type { ServiceContext } from '../../services/context.ts';
import { parseIdentity } from '../../services/identity.ts';
import { uploadFile, waitForBatch } from '../../services/upload.ts';
import { readCatalogFile } from '../catalog-file.ts';
import type { Db } from '../../db/connect.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
export const DEMO_CATALOG = path.join(here, 'catalog.yaml');
export const DEMO_EXTRACTS = path.join(here, 'extracts');

interface DemoFile { file: string; agency: string; channel: Channel; dataset: string }

/** The legal-person registry comes first: the link step resolves the penalties' subjects against it. */
export const DEMO_REGISTRY: DemoFile = { file: 'registry.csv', agency: 'city_market_regulation', channel: 'scheduled_pull', dataset: 'legal_person_registry' };

export function demoFiles(): DemoFile[] {
  const summary = JSON.parse(readFileSync(path.join(DEMO_EXTRACTS, 'truth-summary.json'), 'utf8')) as { files: Array<Omit<DemoFile, 'dataset'>> };
  return [DEMO_REGISTRY, ...summary.files.map((f) => ({ ...f, dataset: 'admin_penalty' }))];
}

/** The demo catalogue, imported as `by` (the same content again is the same version). */
export function importDemoCatalog(db: Db, by: string): Promise<{ version: number; created: boolean }> {
  return importCatalog(db, readCatalogFile(DEMO_CATALOG).catalog, by, 'catalog/demo/catalog.yaml');
}

export interface DemoResult {
  catalogVersion: number;
  batches: Array<{ file: DemoFile; batch: Batch; duplicate: boolean }>;
}

export async function loadDemo(ctx: ServiceContext): Promise<DemoResult> {
  const { version } = await importDemoCatalog(ctx.db, 'admin@demo');
  const batches: DemoResult['batches'] = [];
  // One after another, authoritative uploads first: the order a city's day usually has.
  for (const file of demoFiles()) {
    const uploader = parseIdentity(`agency:${file.agency}@demo`);
    const r = await uploadFile(ctx, uploader, path.join(DEMO_EXTRACTS, file.file), { agency: file.agency, dataset: file.dataset, channel: file.channel });
    batches.push({ file, batch: await waitForBatch(ctx, r.batchId), duplicate: r.duplicate });
  }
  return { catalogVersion: version, batches };
}
