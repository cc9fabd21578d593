// Sends a batch's OpenLineage run events to a lineage target: an HTTP server speaking the
// OpenLineage API (Marquez; DataHub and OpenMetadata accept the same events) or an NDJSON file.
// There is no manifest.json here on purpose: the connector registry takes every folder with one
// for a subscription's source or sink, and this emitter is neither.
import type { RunEvent } from '../../domain/lineage/openlineage.ts';
import { appendEvents } from './file.ts';
import { postEvents } from './http.ts';
import { redactUrl } from '../../domain/redact.ts';

export type OpenLineageTarget = { kind: 'http'; url: string } | { kind: 'file'; path: string };

/** `--to` and the configuration name a target the same way: an http(s) URL, else a file path. */
export const parseTarget = (to: string): OpenLineageTarget => (/^https?:\/\//i.test(to) ? { kind: 'http', url: to } : { kind: 'file', path: to });

export async function emitRunEvents(target: OpenLineageTarget, events: RunEvent[]): Promise<void> {
  if (target.kind === 'http') await postEvents(target.url, events);
  else await appendEvents(target.path, events);
}

/** A target as it may be printed: a URL without its password. */
export const describeTarget = (t: OpenLineageTarget): string => (t.kind === 'http' ? redactUrl(t.url) : t.path);

/** Events to every target in turn; the number of events sent. */
export async function sendRunEvents(targets: readonly OpenLineageTarget[], events: RunEvent[]): Promise<number> {
  for (const t of targets) await emitRunEvents(t, events);
  return events.length;
}
