// Where the demo is: the demo catalogue and a small generated data set (bench/generate, seed 72):
// its legal-person registry (200 subjects), then 61 penalty rows from eight files over the three
// channels. Loading it is services/demo.ts's work.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Channel } from '../catalog-file.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
export const DEMO_CATALOG = path.join(here, 'catalog.yaml');
export const DEMO_EXTRACTS = path.join(here, 'extracts');

export interface DemoFile { file: string; agency: string; channel: Channel; dataset: string }

/** The legal-person registry comes first: the link step resolves the penalties' subjects against it. */
export const DEMO_REGISTRY: DemoFile = { file: 'registry.csv', agency: 'city_market_regulation', channel: 'scheduled_pull', dataset: 'legal_person_registry' };

export function demoFiles(): DemoFile[] {
  const summary = JSON.parse(readFileSync(path.join(DEMO_EXTRACTS, 'truth-summary.json'), 'utf8')) as { files: Array<Omit<DemoFile, 'dataset'>> };
  return [DEMO_REGISTRY, ...summary.files.map((f) => ({ ...f, dataset: 'admin_penalty' }))];
}
