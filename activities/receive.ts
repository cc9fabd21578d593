// Step 0, receive: stream the landed file into immutable raw rows with COPY, in one transaction,
// so a worker that dies mid-file leaves nothing behind and the retry starts clean. Data starts
// after the header line the upload found; trailing footers (合计, 填报人…) are recorded, not stored.
// A file that turns out unreadable past its head (a bad byte, a quote that never closes, a limit
// crossed) fails the batch with a data error, never retried, and nothing of it is kept.
// Receive must not starve the worker: it heartbeats on a timer, not per row, and the source hands
// the event loop back between slices of the file, so other batches' tasks run meanwhile.
import { Context } from '@temporalio/activity';
import { dataRows } from '../domain/layout/layout-rows.ts';
import type { SourceRow } from '../connectors/types.ts';
import { sourceLimits, sources } from '../connectors/registry.ts';
import { namingFile } from '../connectors/check.ts';
import { copyText, CsvPieces, inTransaction, withPgClient } from '../db/copy.ts';
import { findBatch, mergeBatchCounts, mergeBatchLayout, setBatchStep } from '../db/batches.ts';
import { setBatchProgress } from '../db/agency.ts';
import { deleteRawRows, markReceived } from '../db/queries/pipeline/steps.ts';
import { dataError, notFoundError } from '../domain/errors.ts';
import type { ActivityDeps, BatchRef } from './deps.ts';
import { analyze, doneStats } from './step-once.ts';
import type { StepStats } from './step-once.ts';

const HEARTBEAT_MS = 1000;
/** PostgreSQL's refusals of text it cannot store (a byte sequence, a character): the file's fault. */
const UNSTORABLE_TEXT = new Set(['22021', '22P05']);

export async function receive(deps: ActivityDeps, { batchId }: BatchRef): Promise<StepStats> {
  const { db, config } = deps;
  const done = await doneStats(db, batchId, 'receive');
  if (done) return done;
  const batch = await findBatch(db, batchId);
  if (!batch) throw notFoundError('CDF_BATCH_UNKNOWN', { zh: `批次 ${batchId} 不存在`, en: `batch ${batchId} does not exist` });
  await setBatchStep(db, batchId, 'receive');
  const source = (await sources()).find((s) => s.id === batch.format)!;
  let received = 0;
  // The activity's context is taken now: the heartbeat timer's callbacks run outside it.
  const activity = Context.current();
  const heartbeat = () => activity.heartbeat({ received });
  const opened = await source.open(batch.landingPath, {
    sheet: batch.layout?.sheet, delimiter: batch.layout?.delimiter, limits: sourceLimits(config), fileName: batch.fileName, onProgress: heartbeat,
  }).catch((e: unknown) => Promise.reject(namingFile(e, batch.fileName)));
  // Batches from before layouts were recorded had their header on the first non-blank line.
  const header = batch.layout?.header ?? { index: 0, line: 0 };
  const data = dataRows(opened.lines(), { ...header, width: batch.headers.length, cells: batch.headers }, opened.gridded);
  if (!batch.layout) data.rows = skipFirst(data.rows);
  // Rows read so far, for the uploader's live progress: at most one write a tick, none in flight twice.
  let shown = 0;
  let showing = false;
  const show = () => {
    if (showing || received === shown) return;
    showing = true;
    shown = received;
    void setBatchProgress(db, batchId, { received }).catch(() => undefined).finally(() => { showing = false; });
  };
  // A timer, so a slow stretch (a long cell, a busy database) still heartbeats.
  const beat = setInterval(() => { heartbeat(); show(); }, HEARTBEAT_MS);
  async function* text(): AsyncGenerator<Buffer> {
    const pieces = new CsvPieces();
    for await (const row of data.rows) {
      if (++received > config.maxRows) throw tooManyRows(batch!.fileName, row.line, config.maxRows);
      const piece = pieces.add([batchId, row.rowNo, row.cells]);
      if (piece) yield piece;
    }
    const last = pieces.take();
    if (last.length) yield last;
  }
  try {
    await withPgClient(db, (client) => inTransaction(client, async () => {
      await deleteRawRows(client, batchId);
      await copyText(client, 'raw_rows', ['batch_id', 'row_no', 'cells'], text());
      // The upload read only the head: the footers are known now, at the end of the file.
      const { footers, lineShifts, lineShiftsComplete } = data;
      if (batch.layout) await mergeBatchLayout(client, batchId, { footers, lineShifts, lineShiftsComplete });
      await markReceived(client, batchId, { received });
    }));
  } catch (e) {
    throw namingFile(unstorable(e, batch.fileName), batch.fileName);
  } finally {
    clearInterval(beat);
    await opened.close();
  }
  await analyze(db, 'raw_rows');
  await mergeBatchCounts(db, batchId, { received });
  return { received };
}

function tooManyRows(fileName: string, line: number, max: number) {
  return dataError('CDF_FILE_LIMIT', {
    zh: `文件 ${fileName} 第 ${line} 行是第 ${max + 1} 个数据行，超过每个文件最多 ${max} 行的上限。请把文件拆成几个较小的文件分别上传`,
    en: `line ${line} of ${fileName} is data row ${max + 1}, over the limit of ${max} rows a file. Split the file into smaller ones and upload each`,
  }, { file: fileName, row: line, value: String(max) });
}

/** A text PostgreSQL refuses to store is the file's fault, not a passing one: never retried. */
function unstorable(e: unknown, fileName: string): unknown {
  const pg = e as { code?: string; where?: string; message?: string };
  if (!pg || typeof pg.code !== 'string' || !UNSTORABLE_TEXT.has(pg.code)) return e;
  const row = /line (\d+)/.exec(pg.where ?? '')?.[1];
  return dataError('CDF_FILE_ENCODING', {
    zh: `文件 ${fileName} ${row ? `第 ${row} 个数据行` : ''}含有数据库无法保存的字符（${pg.message}），文件可能已损坏或混有其他编码`,
    en: `${fileName} has ${row ? `in data row ${row} ` : ''}characters the database cannot store (${pg.message}): a damaged file or mixed encodings`,
  }, { file: fileName, row: row ? Number(row) : undefined });
}

/** Old batches: the first non-blank line was the header, and rows were numbered from it. */
async function* skipFirst(rows: AsyncGenerator<SourceRow>): AsyncGenerator<SourceRow> {
  let first: number | undefined;
  for await (const r of rows) {
    if (first === undefined) first = r.rowNo;
    else yield { ...r, rowNo: r.rowNo - first };
  }
}
