// A batch's progress as a stream of events for the uploader's page (GET /api/batches/:id/events):
// the server reads the batch row (one primary-key read) about every 500 ms and sends an event
// whenever what it would show changed (rows read, cleaned, accepted, rejected, the step, the
// status), ending with the final state once the batch is done or failed. The caller's scope is
// checked once, before the first event, by the same rule as GET /api/batches/:id.
import { batchProgress } from '../../db/agency.ts';
import type { Db } from '../../db/connect.ts';
import type { Bilingual } from '../../domain/errors.ts';
import { figuresOf } from '../batches.ts';
import type { BatchFigures } from '../batches.ts';
import { STEP_NAMES } from '../labels.ts';

export interface ProgressEvent {
  batchId: string;
  status: string;
  step: string | null;
  stepName: Bilingual | null;
  /** Rows read from the file so far (the total once receipt is done). */
  received: number;
  /** Rows cleaned so far, and of them accepted and rejected. */
  cleaned: number;
  accepted: number;
  rejected: number;
  /** The last event: the batch is done or failed; figures and error are then set. */
  final: boolean;
  figures: BatchFigures | null;
  error: unknown;
}

const FINAL = new Set(['done', 'failed']);

export interface StreamOptions {
  /** Stops the stream (the client went away). */
  signal: AbortSignal;
  intervalMs?: number;
  /** A comment line is due after this long without an event, so proxies keep the stream open. */
  keepAliveMs?: number;
}

const sleep = (ms: number, signal: AbortSignal) => new Promise<void>((resolve) => {
  const t = setTimeout(done, ms);
  function done() {
    clearTimeout(t);
    signal.removeEventListener('abort', done);
    resolve();
  }
  signal.addEventListener('abort', done, { once: true });
});

/** `batch` is one getBatch returned (scope checked). Yields an event on each change, `null` as a keep-alive. */
export async function* batchEvents(
  db: Db, batch: { id: string; agency: string; dataset: string }, opts: StreamOptions,
): AsyncGenerator<ProgressEvent | null> {
  const interval = opts.intervalMs ?? 500;
  const keepAlive = opts.keepAliveMs ?? 15_000;
  let last = '';
  let quiet = 0;
  while (!opts.signal.aborted) {
    const p = await batchProgress(db, batch.id);
    if (!p) return;
    const c = p.counts;
    const progress = p.progress ?? {};
    const final = FINAL.has(p.status);
    const step = final ? p.status : p.step;
    const event: ProgressEvent = {
      batchId: batch.id, status: p.status, step, stepName: step && step in STEP_NAMES ? STEP_NAMES[step as keyof typeof STEP_NAMES] : null,
      received: c.received ?? progress.received ?? 0,
      cleaned: c.accepted !== undefined ? (c.accepted + (c.rejected ?? 0)) : (progress.cleaned ?? 0),
      accepted: c.accepted ?? progress.accepted ?? 0,
      rejected: c.rejected ?? progress.rejected ?? 0,
      final,
      figures: final ? figuresOf({ ...batch, counts: c }) : null,
      error: p.status === 'failed' ? p.error : null,
    };
    const shown = JSON.stringify(event);
    if (shown !== last) {
      last = shown;
      quiet = 0;
      yield event;
    } else if ((quiet += interval) >= keepAlive) {
      quiet = 0;
      yield null;
    }
    if (final) return;
    await sleep(interval, opts.signal);
  }
}
