// The connector list is derived from the folders: every connectors/<id>/manifest.json with an
// index.ts is a connector. Nothing to keep in sync by hand.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SinkConnector, SourceConnector } from './types.ts';

const root = path.dirname(fileURLToPath(import.meta.url));

export interface ConnectorManifest {
  id: string;
  kind: 'source' | 'sink';
  name: { zh: string; en: string };
  folder: string;
}

export function connectorManifests(): ConnectorManifest[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(root, d.name, 'manifest.json')))
    .map((d) => ({ ...(JSON.parse(readFileSync(path.join(root, d.name, 'manifest.json'), 'utf8')) as Omit<ConnectorManifest, 'folder'>), folder: d.name }));
}

async function load(kind: 'source' | 'sink'): Promise<Array<SourceConnector | SinkConnector>> {
  const manifests = connectorManifests().filter((m) => m.kind === kind);
  return Promise.all(manifests.map(async (m) => (await import(path.join(root, m.folder, 'index.ts'))).default as SourceConnector | SinkConnector));
}

export async function sources(): Promise<SourceConnector[]> {
  return (await load('source')) as SourceConnector[];
}

export async function sink(id: string): Promise<SinkConnector> {
  const found = ((await load('sink')) as SinkConnector[]).find((s) => s.id === id);
  if (!found) throw new Error(`no sink connector "${id}"`);
  return found;
}
