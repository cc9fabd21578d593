// Delivering golden records to every active subscription of their dataset, once per idempotency
// key (subscription:batch, or subscription:batch:reason for what changes a record outside its
// batch's own distribute step: a steward's decision, a credit repair, the end of publication). A
// key already recorded is not sent again; what it carried is counted as delivered. What each
// subscription may receive is the catalogue's decision (domain/distribute/policy.ts): a provider's
// conditional share needs the subscriber's grant, a public subscription gets masked records while
// their publicity runs, regions and filters narrow, and a department's measures are attached.
import { datasetDefinition } from '../catalog/dataset-definition.ts';
import type { CatalogFile, Subscription } from '../catalog/catalog-file.ts';
import { endedBoundsFor, publicationFor } from '../catalog/publication/rules.ts';
import { fileSinkDir, sinkRefusal } from '../catalog/sink-policy.ts';
import type { SinkPlaces } from '../catalog/sink-policy.ts';
import { sink } from '../connectors/registry.ts';
import type { DeliveryRecord } from '../connectors/types.ts';
import { activeCatalog } from '../db/catalog.ts';
import type { Db } from '../db/connect.ts';
import { activeSubscriptions, completedDelivery, earlierUndelivered, recordDelivery, recordFailedAttempt } from '../db/queries/deliveries.ts';
import type { SubscriptionRow } from '../db/queries/deliveries.ts';
import { deliverableRecord, versionOrigin } from '../db/queries/golden.ts';
import type { ChosenScope } from '../db/queries/pipeline/distribute.ts';
import { matchMeasures, recordFilter, regionDivisions, sharePermit } from '../domain/distribute/policy.ts';
import type { Origin } from '../domain/distribute/policy.ts';
import { transientError } from '../domain/errors.ts';
import { publicFields } from '../domain/publication/public-view.ts';
import { caseCollector, openDeliveryCases } from './cases/collect.ts';

export interface GoldenRow { id: number; dataset: string; version: number; subject_uscc: string | null; fields: Record<string, unknown>; status: string }

/** A golden record as subscribers receive it: withdrawn (repaired, merged) records are tombstones. */
export const toDeliveryRecord = (g: GoldenRow): DeliveryRecord => ({
  op: g.status === 'active' ? 'upsert' : 'tombstone',
  goldenId: g.id,
  version: g.version,
  dataset: g.dataset,
  subjectUscc: g.subject_uscc,
  fields: g.fields,
});

export interface Delivered { subscriptions: number; records: number; tombstones: number; withheld: number }

const toSubscription = (r: SubscriptionRow): Subscription => ({
  id: r.id, name: { zh: r.name_zh, en: r.name_en }, dataset: r.dataset, sink: r.sink, config: r.config,
  ...(r.subscriber ? { subscriber: r.subscriber } : {}), regions: r.regions, filter: r.filter, public: r.public,
});

/** A change set for one subscription. Given what the subscription can never receive (the
 * divisions its regions admit alone, the bounds past which a public record's publication is surely
 * over), a source may give null for such a record, unread: it is withheld. */
export type ChangeSet = (scope: ChosenScope) => AsyncIterable<DeliveryRecord | null>;

/** What one subscription receives of a change set, and a count of what it may not. */
function shaped(
  keep: (r: DeliveryRecord) => boolean,
  shape: (r: DeliveryRecord) => DeliveryRecord | null,
  records: AsyncIterable<DeliveryRecord | null>,
  tally: { withheld: number },
): AsyncIterable<DeliveryRecord> {
  return (async function* () {
    for await (const r of records) {
      const out = r && keep(r) ? shape(r) : null;
      if (out) yield out;
      else tally.withheld++;
    }
  })();
}

/**
 * A subscriber receives batches in the order they were synced: a batch whose change set would
 * overtake an earlier batch's undelivered one (the subscriber was down for it) is not sent; its
 * attempt fails for that subscriber alone and Temporal retries it after the earlier one. Batches
 * synced before the subscription existed, and failed batches, are not waited for (earlierUndelivered).
 */
async function assertNothingEarlierPending(db: Db, subscriptionId: string, dataset: string, batchId: string): Promise<void> {
  const earlier = await earlierUndelivered(db, subscriptionId, dataset, batchId);
  if (earlier) {
    throw transientError('CDF_DELIVERY_ORDER', {
      zh: `订阅 ${subscriptionId} 尚未收到更早的批次 ${earlier}，本批次 ${batchId} 随后按序分发`,
      en: `subscription ${subscriptionId} has not yet received the earlier batch ${earlier}: batch ${batchId} follows it`,
    }, { subscription: subscriptionId, batch: batchId, earlier });
  }
}

export async function deliverToSubscriptions(
  // The worker's configuration: where sinks may write, and how long a department has to answer a measure's case.
  db: Db, places: SinkPlaces & { caseFeedbackDays?: number }, dataset: string, batchId: string | null, reason: string | null, origin: Origin | null,
  records: ChangeSet,
  opts: { today: string; only?: (s: Subscription) => boolean },
): Promise<Delivered> {
  const rows = await activeSubscriptions(db, dataset);
  const subs = rows.map(toSubscription).filter(opts.only ?? (() => true));
  const total: Delivered = { subscriptions: subs.length, records: 0, tombstones: 0, withheld: 0 };
  if (!subs.length) return total;
  const catalog = (await activeCatalog(db)).content;
  const today = opts.today;
  const def = datasetDefinition(dataset);
  const failures: string[] = [];
  for (const sub of subs) {
    const key = [sub.id, batchId ?? 'day', reason].filter(Boolean).join(':');
    // A subscriber that is down fails its own delivery only: the others go ahead, and the attempt
    // is recorded (how many, the last error) where operators and auditors see deliveries.
    let result: Omit<Delivered, 'subscriptions'>;
    try {
      result = await deliverOne(db, { places, dataset, def, catalog, today, batchId, reason, origin, records }, sub, key);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      failures.push(`${sub.id}: ${message}`);
      const attempts = await recordFailedAttempt(db, { subscriptionId: sub.id, batchId, key, message });
      if (attempts === ALERT_AFTER_ATTEMPTS) {
        console.error(
          `[告警 / alert] 订阅 ${sub.id} 已连续 ${ALERT_AFTER_ATTEMPTS} 次投递失败（${key}）/ ` +
            `subscription ${sub.id} failed ${ALERT_AFTER_ATTEMPTS} deliveries in a row (${key}): ${message}`,
        );
      }
      continue;
    }
    total.records += result.records;
    total.tombstones += result.tombstones;
    total.withheld += result.withheld;
  }
  // Temporal retries the step (a transient error: the subscriber may come back); what was
  // delivered is recorded and is not sent again.
  if (failures.length) {
    // Each failure is already bilingual (subscription: zh / en): listed once, in the English half.
    throw transientError('CDF_DELIVERY_FAILED', {
      zh: `${failures.length} 个订阅投递未完成，将重试`,
      en: `delivery incomplete, to be retried: ${failures.join('; ')}`,
    }, { failures });
  }
  return total;
}

/** After this many failed attempts in a row a delivery raises an alert in the worker's log; the
 * retries go on (a subscriber that comes back catches up in order). */
const ALERT_AFTER_ATTEMPTS = 10;

interface Round {
  places: SinkPlaces & { caseFeedbackDays?: number }; dataset: string; def: ReturnType<typeof datasetDefinition>; catalog: CatalogFile; today: string;
  batchId: string | null; reason: string | null; origin: Origin | null; records: ChangeSet;
}

async function deliverOne(db: Db, r: Round, sub: Subscription, key: string): Promise<Omit<Delivered, 'subscriptions'>> {
  // A department's measures open cases once its delivery is recorded (an attempt that stopped in
  // between opens them now); a public subscription is no department and gets no measures.
  const cases = sub.subscriber && !sub.public ? caseCollector(db, key) : null;
  const openCases = async () => {
    if (cases) await openDeliveryCases(db, { key, department: sub.subscriber!, dataset: r.dataset, feedbackDays: r.places.caseFeedbackDays });
  };
  const done = await completedDelivery(db, key);
  if (done) {
    await openCases();
    return done;
  }
  if (r.batchId && !r.reason) await assertNothingEarlierPending(db, sub.id, r.dataset, r.batchId);
  const { catalog, def, today, origin } = r;
  // No origin: a change set of tombstones from many providers (the end of publication), which no
  // share rule may hold back.
  const permit = origin ? sharePermit(catalog, sub, origin, today) : { ok: true as const };
  const tally = { withheld: 0 };
  let sent = { location: null as string | null, records: 0, tombstones: 0 };
  if (permit.ok) {
    const inScope = recordFilter(catalog, sub, origin ?? { agency: '', channel: '' });
    const published = publicationFor(def.publication.period);
    const shape = (rec: DeliveryRecord): DeliveryRecord | null => {
      if (rec.op === 'tombstone') return rec;
      const fields = rec.fields as Record<string, string>;
      if (sub.public) {
        // Published only while its period runs; the daily sweep sends the tombstone when it ends.
        const p = published(fields, today);
        return p?.published ? { ...rec, fields: publicFields(def, fields), publishUntil: p.until } : null;
      }
      const measures = matchMeasures(catalog, sub, fields, today);
      return measures ? { ...rec, measures } : rec;
    };
    const config = { dir: fileSinkDir(r.places, sub.id, sub.config ?? {}), dataset: r.dataset, ...sub.config };
    // The operator's bounds again, as at the catalogue import: the configuration may have narrowed since.
    const refused = sinkRefusal(r.places, sub, config);
    if (refused) throw refused;
    const scope: ChosenScope = {
      divisions: origin ? regionDivisions(catalog, sub, origin) : null,
      ended: sub.public ? endedBoundsFor(def.publication.period)(today) : [],
    };
    const stream = shaped(inScope, shape, r.records(scope), tally);
    sent = await (await sink(sub.sink)).deliver(config, key, cases ? cases.watch(stream) : stream, r.places);
    await cases?.flush();
  }
  // A failing attempt recorded before is now done; a delivery already done stays as it was.
  await recordDelivery(db, {
    subscription_id: sub.id, batch_id: r.batchId, idempotency_key: key, records: sent.records, tombstones: sent.tombstones, withheld: tally.withheld,
    location: sent.location, status: permit.ok ? 'delivered' : `withheld:${permit.reason}`, acknowledged: permit.ok,
  });
  await openCases();
  return { records: sent.records, tombstones: sent.tombstones, withheld: tally.withheld };
}

/** One record's current state to every subscription, under subscription:batch:reason. The record's
 * provider is the agency of the source row it now stands on; `today` is the caller's clock's day. */
export async function deliverRecord(
  db: Db, places: SinkPlaces, batchId: string, goldenId: number, reason: string, today: string,
): Promise<number> {
  const g: GoldenRow = await deliverableRecord(db, goldenId);
  const origin: Origin = await versionOrigin(db, goldenId, g.version);
  const one = async function* () { yield toDeliveryRecord(g); };
  const r = await deliverToSubscriptions(db, places, g.dataset, batchId, reason, origin, one, { today });
  return r.records + r.tombstones;
}
