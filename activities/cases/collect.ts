// While a delivery streams, the records it shaped with measures are written out (a chunk at a
// time, so a large delivery holds at most one chunk in memory) to measure_case_pending; once the
// delivery is recorded they become cases (db/queries/cases.ts openPendingCases).
import type { DeliveryRecord } from '../../connectors/types.ts';
import type { Db } from '../../db/connect.ts';
import { openPendingCases, stagePendingCases } from '../../db/queries/cases.ts';
import type { PendingCase } from '../../db/queries/cases.ts';

const CHUNK = 1000;

/** Days a department has to answer when the configuration does not say (CDF_CASE_FEEDBACK_DAYS). */
export const DEFAULT_FEEDBACK_DAYS = 30;

export interface CaseCollector {
  /** The stream as the sink reads it, each record with measures noted on its way through. */
  watch(records: AsyncIterable<DeliveryRecord>): AsyncIterable<DeliveryRecord>;
  /** What is still buffered, written out (after the sink has read everything). */
  flush(): Promise<void>;
}

export function caseCollector(db: Db, key: string): CaseCollector {
  let buf: PendingCase[] = [];
  const flush = async () => {
    const out = buf;
    buf = [];
    await stagePendingCases(db, key, out);
  };
  return {
    watch: (records) => (async function* () {
      for await (const r of records) {
        if (r.op === 'upsert' && r.measures?.length) {
          buf.push({ goldenId: r.goldenId, version: r.version, subjectUscc: r.subjectUscc, measures: r.measures.map((m) => m.code) });
          if (buf.length >= CHUNK) await flush();
        }
        yield r;
      }
    })(),
    flush,
  };
}

/** The delivery's staged records as cases of its department (nothing when none were staged). */
export async function openDeliveryCases(db: Db, o: { key: string; department: string; dataset: string; feedbackDays?: number }): Promise<number> {
  return openPendingCases(db, { key: o.key, department: o.department, dataset: o.dataset, feedbackDays: o.feedbackDays ?? DEFAULT_FEEDBACK_DAYS });
}
