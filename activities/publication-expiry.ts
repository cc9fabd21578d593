// The end of publication (期满撤下): a record's publicity period ends on a date, with no event to
// carry it. Once a day this sweep finds the published records whose last day of publication fell
// since the previous sweep and sends each public subscription their tombstones, under one key per
// subscription and day, so a sweep run twice on a day delivers once. The public view already hides
// them on read; the sweep is for subscribers holding copies (the credit website's own database).
import { Context } from '@temporalio/activity';
import { datasetDefinition } from '../catalog/dataset-definition.ts';
import { endedBoundsFor, publicationFor } from '../catalog/publication/rules.ts';
import type { DeliveryRecord } from '../connectors/types.ts';
import type { Db } from '../db/connect.ts';
import { lastSweepBefore, publicSubscriptionDatasets, recordSweep, sweptOn } from '../db/queries/deliveries.ts';
import { activeRecordsAfter } from '../db/queries/golden.ts';
import { deliverToSubscriptions } from './deliver.ts';
import type { ActivityDeps } from './deps.ts';

export interface ExpiryInput { today?: string }
export interface ExpiryOutcome { day: string; since: string | null; expired: number; delivered: number }

const PAGE = 5000;

/** Active records of the dataset whose publication ended in [since, today): keyset pages by id.
 * What surely ended before `since` (endedBefore), which an earlier sweep already tombstoned, is
 * left out by the store: a daily sweep ships and parses only what may have ended since. */
async function* endedRecords(db: Db, dataset: string, since: string | null, today: string, seen: Set<number>): AsyncGenerator<DeliveryRecord> {
  const { period } = datasetDefinition(dataset).publication;
  const published = publicationFor(period);
  const endedEarlier = since ? endedBoundsFor(period)(since) : [];
  let after = 0;
  for (;;) {
    const page = await activeRecordsAfter(db, dataset, after, PAGE, endedEarlier);
    for (const g of page) {
      const p = published(g.fields, today);
      if (p && !p.published && (!since || p.until >= since)) {
        seen.add(g.id);
        yield { op: 'tombstone', goldenId: g.id, version: g.version, dataset, subjectUscc: g.subject_uscc, fields: {}, publishUntil: p.until };
      }
    }
    if (page.length < PAGE) return;
    after = page[page.length - 1]!.id;
    Context.current().heartbeat({ dataset, after });
  }
}

export async function expirePublications(deps: ActivityDeps, input: ExpiryInput): Promise<ExpiryOutcome> {
  const { db, config } = deps;
  const today = input.today ?? deps.clock.today();
  // The first sweep ends everything already past; later ones what ended since the last sweep day.
  const since = (await lastSweepBefore(db, today)) ?? null;
  const done = await sweptOn(db, today);
  if (done !== undefined) return { day: today, since, expired: done, delivered: 0 };
  const datasets = await publicSubscriptionDatasets(db);
  const seen = new Set<number>();
  let delivered = 0;
  for (const dataset of datasets) {
    if (!datasetDefinition(dataset).publication.public) continue;
    // Tombstones only: the end of publication is never withheld, whoever supplied the record.
    const r = await deliverToSubscriptions(db, config, dataset, null, `expiry-${today}`, null, () => endedRecords(db, dataset, since, today, seen), {
      today,
      only: (s) => Boolean(s.public),
    });
    delivered += r.tombstones;
  }
  const expired = seen.size;
  await recordSweep(db, today, expired);
  return { day: today, since, expired, delivered };
}
