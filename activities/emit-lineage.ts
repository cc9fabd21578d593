// A finished batch's OpenLineage run events to the configured lineage server and/or file (built
// by db/lineage-events.ts from what the pipeline recorded). Its own activity, so a lineage server
// that is down delays nothing but itself: the workflow retries it with back-off while stewards'
// decisions go ahead; the events carry the same run ids on every attempt.
import { parseTarget, sendRunEvents } from '../connectors/openlineage/index.ts';
import type { OpenLineageTarget } from '../connectors/openlineage/index.ts';
import { runEventsOfBatch } from '../db/lineage-events.ts';
import type { Config } from '../runtime/config.ts';
import type { ActivityDeps, BatchRef } from './deps.ts';

export const configuredTargets = (config: Pick<Config, 'openLineageUrl' | 'openLineageFile'>): OpenLineageTarget[] => [
  ...(config.openLineageUrl ? [parseTarget(config.openLineageUrl)] : []),
  ...(config.openLineageFile ? [{ kind: 'file' as const, path: config.openLineageFile }] : []),
];

/** At the end of a batch: its events to every configured target; nothing when none is. */
export async function emitOpenLineage(deps: ActivityDeps, { batchId }: BatchRef): Promise<number> {
  const targets = configuredTargets(deps.config);
  if (!targets.length) return 0;
  return sendRunEvents(targets, await runEventsOfBatch(deps.db, batchId));
}
