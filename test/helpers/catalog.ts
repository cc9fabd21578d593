// The demo catalogue with one more subscription (and grants or measures), imported through
// `cdf catalog import` as an admin would: for tests of a sink or a rule the demo does not configure.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { DEMO_CATALOG } from '../../catalog/demo/load-demo.ts';
import { runCdf } from './cli.ts';
import type { TestFactory } from './factory.ts';

export interface ExtraSubscription {
  id: string; name: { zh: string; en: string }; dataset: string; sink: string; config: Record<string, unknown>;
  subscriber?: string; regions?: string[]; filter?: Record<string, string | string[]>; public?: boolean;
}

type Section = 'subscriptions' | 'grants' | 'measures';

/** `more` adds to a section; `instead` replaces one (the demo's grants, say, for a test of grants). */
export async function importDemoCatalogWith(
  f: TestFactory, subscription: ExtraSubscription | null, more: Partial<Record<Section, unknown[]>> = {}, instead: Partial<Record<Section, unknown[]>> = {},
): Promise<{ code: number; stderr: string }> {
  const catalog = parse(readFileSync(DEMO_CATALOG, 'utf8')) as Record<Section, unknown[]>;
  if (subscription) catalog.subscriptions.push(subscription);
  for (const [k, v] of Object.entries(more) as Array<[Section, unknown[]]>) catalog[k] = [...(catalog[k] ?? []), ...v];
  Object.assign(catalog, instead);
  const file = path.join(f.config.dataDir, 'catalog.yaml');
  writeFileSync(file, stringify(catalog));
  return runCdf(['catalog', 'import', file], f.env);
}
