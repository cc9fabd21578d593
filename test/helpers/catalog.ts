// The demo catalogue with one more subscription, imported through `cdf catalog import` as an
// admin would: for tests of a sink the demo does not configure.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { DEMO_CATALOG } from '../../catalog/demo/load-demo.ts';
import { runCdf } from './cli.ts';
import type { TestFactory } from './factory.ts';

export interface ExtraSubscription { id: string; name: { zh: string; en: string }; dataset: string; sink: string; config: Record<string, unknown> }

export async function importDemoCatalogWith(f: TestFactory, subscription: ExtraSubscription): Promise<{ code: number; stderr: string }> {
  const catalog = parse(readFileSync(DEMO_CATALOG, 'utf8')) as { subscriptions: unknown[] };
  catalog.subscriptions.push(subscription);
  const file = path.join(f.config.dataDir, 'catalog.yaml');
  writeFileSync(file, stringify(catalog));
  return runCdf(['catalog', 'import', file], f.env);
}
