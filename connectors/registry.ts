// The connector list is derived from the folders: every connectors/<id>/manifest.json with an
// index.ts is a connector. Nothing to keep in sync by hand.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectorManifests } from '../schemas/connector-config.ts';
import type { PullConnector, SinkConnector, SourceConnector, SourceLimits } from './types.ts';

// The manifests are read (and their config schemas loaded) in schemas/connector-config.ts, below
// the catalogue, so the catalogue import can check a subscription's sink config against them.
export { configProblems, configSchema, connectorManifests, manifestOf } from '../schemas/connector-config.ts';
export type { ConnectorManifest } from '../schemas/connector-config.ts';

const root = path.dirname(fileURLToPath(import.meta.url));

async function load(kind: 'source' | 'sink' | 'pull'): Promise<Array<SourceConnector | SinkConnector | PullConnector>> {
  const manifests = connectorManifests().filter((m) => m.kind === kind);
  type Connector = SourceConnector | SinkConnector | PullConnector;
  return Promise.all(manifests.map(async (m) => (await import(path.join(root, m.folder, 'index.ts'))).default as Connector));
}

export async function sources(): Promise<SourceConnector[]> {
  return (await load('source')) as SourceConnector[];
}

export async function sink(id: string): Promise<SinkConnector> {
  const found = ((await load('sink')) as SinkConnector[]).find((s) => s.id === id);
  if (!found) throw new Error(`no sink connector "${id}"`);
  return found;
}

export async function puller(id: string): Promise<PullConnector> {
  const found = ((await load('pull')) as PullConnector[]).find((s) => s.id === id);
  if (!found) throw new Error(`no pull connector "${id}"`);
  return found;
}

/** The limits every source is opened with, picked from the configuration (runtime/config.ts's fields
 * of the same names), so the API and the worker refuse the same file for the same reason. */
export const sourceLimits = (c: Required<SourceLimits>): Required<SourceLimits> => ({
  maxRows: c.maxRows, maxColumns: c.maxColumns, maxCellBytes: c.maxCellBytes,
  xlsxMaxInflatedBytes: c.xlsxMaxInflatedBytes, xlsxMaxRatio: c.xlsxMaxRatio, xlsxMaxSharedStrings: c.xlsxMaxSharedStrings,
});
