// Pushes every generated file through the API, one batch at a time unless told to run several at
// once, and makes a refusal a counted outcome: a file refused at upload (its layout, its header) or
// a batch that failed is reported with its code and message, and the run goes on with the others.
import path from 'node:path';
import { waitForBatch } from '../../services/upload.ts';
import type { ServiceContext } from '../../services/context.ts';
import type { Summary } from '../generate/truth.ts';
import { UploadRefused, uploadThroughApi } from './bench-factory.ts';
import type { Refusal } from './outcomes.ts';

export interface Uploaded {
  batchOfFile: Map<string, string>;
  refused: Map<string, Refusal>;
}

export async function uploadAll(
  ctx: ServiceContext, apiUrl: string, genDir: string, summary: Summary, log: (l: string) => void, concurrency = 1,
): Promise<Uploaded> {
  const outcomes: Array<{ batchId?: string; refusal?: Refusal }> = [];
  const one = async (i: number): Promise<void> => {
    const f = summary.files[i]!;
    let batchId: string;
    try {
      batchId = await uploadThroughApi(apiUrl, path.join(genDir, f.file), f.agency, f.channel);
    } catch (e) {
      if (!(e instanceof UploadRefused)) throw e;
      outcomes[i] = { refusal: { file: f.file, code: e.code, message: e.reason, rows: f.rows } };
      log(`  ${f.file}: REFUSED ${e.code} ${e.reason}`);
      return;
    }
    outcomes[i] = { batchId };
    try {
      // By default one batch at a time, so each step's time is its own.
      const batch = await waitForBatch(ctx, batchId);
      log(`  ${f.file}: ${batch.status} ${JSON.stringify(batch.counts)}`);
    } catch (e) {
      const message = e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e);
      outcomes[i]!.refusal = { file: f.file, code: 'CDF_BENCH_BATCH_FAILED', message, rows: f.rows };
      log(`  ${f.file}: FAILED ${message}`);
    }
  };
  // `concurrency` lanes, each taking the next file when its batch is done, as agencies upload
  // independently of each other.
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < summary.files.length) await one(next++);
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane));
  // In the files' order whatever order they finished in.
  const batchOfFile = new Map<string, string>();
  const refused = new Map<string, Refusal>();
  summary.files.forEach((f, i) => {
    const o = outcomes[i];
    if (o?.batchId) batchOfFile.set(f.file, o.batchId);
    if (o?.refusal) refused.set(f.file, o.refusal);
  });
  return { batchOfFile, refused };
}
