// Receiving an extract: check the catalogue allows this agency to send this dataset through this
// channel, land the file, read only its first lines (finding the header below any title, unit or
// note lines) to refuse a wrong file before any row is stored, record the batch and start its
// workflow. The same file from the same agency, dataset and channel
// is one batch (the database's unique key decides, also between concurrent uploads), processed
// once: its workflow id derives from the batch id. Batch ids are random, so a workflow id is never
// reused by another database (a reset data folder, a test database) on the same Temporal server.
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { CHANNEL_NAMES } from '../catalog/catalog-file.ts';
import type { Channel } from '../catalog/catalog-file.ts';
import { datasetDefinition } from '../catalog/dataset-definition.ts';
import { readHeadLines } from '../domain/layout/layout-rows.ts';
import { readHead } from '../connectors/read-head.ts';
import { namingFile } from '../connectors/check.ts';
import { DEFAULT_DELIMITER, DELIMITERS } from '../connectors/csv/index.ts';
import type { BatchLayout } from '../domain/layout/layout.ts';
import { sourceLimits, sources } from '../connectors/registry.ts';
import type { SourceLimits } from '../connectors/types.ts';
import { findBatch } from '../db/batches.ts';
import type { Batch } from '../db/batches.ts';
import { activeCatalog } from '../db/catalog.ts';
import { appendAudit } from '../db/audit.ts';
import { batchIdByKey, insertBatchOnce } from '../db/queries/batches.ts';
import { dataError, forbiddenError, isCdfError } from '../domain/errors.ts';
import { ingestBatch } from '../workflows/index.ts';
import type { ServiceContext } from './context.ts';
import { chooseHeader } from './header-choice.ts';
import { requireAgencyScope } from './identity.ts';
import type { Identity } from './identity.ts';
import { landFile } from './landing.ts';

export interface UploadRequest {
  fileName: string;
  content: Readable;
  agency: string;
  dataset: string;
  channel?: Channel;
}

export interface UploadResult {
  batchId: string;
  workflowId: string;
  /** True when this exact file had already been received: nothing is processed again. */
  duplicate: boolean;
  batch: Batch;
}

export const workflowIdFor = (batchId: string): string => `ingest-${batchId}`;

function allowedEntry(catalog: Awaited<ReturnType<typeof activeCatalog>>, req: UploadRequest): Channel {
  const entries = catalog.content.entries.filter((e) => e.agency === req.agency && e.dataset === req.dataset);
  const agency = catalog.content.agencies.find((a) => a.code === req.agency);
  if (!agency) {
    throw forbiddenError('CDF_AGENCY_UNKNOWN', {
      zh: `目录（版本 ${catalog.id}）中没有数源单位 ${req.agency}`,
      en: `the catalogue (version ${catalog.id}) has no agency ${req.agency}`,
    });
  }
  if (!entries.length) {
    throw forbiddenError('CDF_NOT_ASSIGNED', {
      zh: `目录（版本 ${catalog.id}）未分配数据集 ${req.dataset} 给 ${agency.name.zh}，不能上传`,
      en: `the catalogue (version ${catalog.id}) does not assign dataset ${req.dataset} to ${agency.name.en}; upload refused`,
    });
  }
  if (req.channel) {
    if (!entries.some((e) => e.channel === req.channel)) {
      throw forbiddenError('CDF_CHANNEL_NOT_ASSIGNED', {
        zh: `${agency.name.zh} 的 ${req.dataset} 应通过 ${entries.map((e) => CHANNEL_NAMES[e.channel].zh).join('、')} 报送，而非 ${CHANNEL_NAMES[req.channel].zh}`,
        en:
          `${agency.name.en} supplies ${req.dataset} through ${entries.map((e) => CHANNEL_NAMES[e.channel].en).join(', ')}, ` +
          `not ${CHANNEL_NAMES[req.channel].en}`,
      });
    }
    return req.channel;
  }
  return entries[0]!.channel;
}

/** Reads the first lines only; refuses a file that cannot become this dataset. */
async function inspect(filePath: string, fileName: string, dataset: string, limits: SourceLimits) {
  const head = await readHead(filePath);
  if (head.length === 0) throw dataError('CDF_FILE_EMPTY', { zh: `文件 ${fileName} 是空的`, en: `file ${fileName} is empty` }, { file: fileName });
  const source = (await sources()).find((s) => s.accepts(fileName, head));
  if (!source) {
    // D0 CF 11 E0 starts an OLE2 file: an Excel 97–2003 workbook, or an encrypted .xlsx.
    if (/\.(xls|et)$/i.test(fileName) || head.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
      throw dataError('CDF_FILE_OLD_EXCEL', {
        zh: `文件 ${fileName} 是旧版 Excel 97-2003 工作簿或带密码的工作簿，不能直接读取。请在 Excel 或 WPS 中去掉密码并“另存为”Excel 工作簿（.xlsx）或 CSV UTF-8（逗号分隔）后重新上传`,
        en:
          `${fileName} is an Excel 97-2003 workbook or a password-protected one, which cannot be read. ` +
          'In Excel or WPS remove the password and "Save as" an Excel workbook (.xlsx) or CSV UTF-8 (comma-delimited), then upload again',
      }, { file: fileName });
    }
    // After the OLE2 check: its header is padded with NUL bytes too.
    if (isUtf16(head)) {
      throw dataError('CDF_FILE_ENCODING', {
        zh: `文件 ${fileName} 是 UTF-16 编码（Excel“Unicode 文本”），不能读取：应为 UTF-8、GBK 或 GB18030 编码的 CSV。请另存为 CSV UTF-8（逗号分隔）后重新上传`,
        en: `${fileName} is in UTF-16 (Excel's "Unicode text"), which cannot be read: expected a CSV in UTF-8, GBK or GB18030. ` +
          'Save it as CSV UTF-8 (comma-delimited) and upload again',
      }, { file: fileName });
    }
    throw dataError('CDF_FILE_FORMAT', {
      zh: `无法读取文件 ${fileName}：应为 CSV（UTF-8、GBK 或 GB18030 编码，逗号分隔）或 Excel 工作簿（.xlsx），表头在前 30 个非空行之内，且内容须与扩展名相符`,
      en: `cannot read ${fileName}: expected a CSV file (UTF-8, GBK or GB18030, comma-separated) or an Excel workbook (.xlsx), ` +
        'with the header within the first 30 non-empty lines, whose content matches its extension',
    }, { file: fileName });
  }
  // A workbook may open with an instructions sheet (填报说明): the data is on the first of its first
  // few visible sheets with a header; the refusal, when none has one, is the first sheet's.
  let refusal: unknown;
  // A text file is read with the standard's comma; only when no line of its head is a header so may
  // a header line split on tab, ; or | choose that delimiter. The data never votes: a 处罚类别 cell
  // 警告;罚款;没收违法所得 is one cell of a comma file.
  const text = source.id === 'csv';
  for (let sheet = 0; sheet < (text ? 1 : MAX_SHEETS_TRIED); sheet++) {
    for (const delimiter of text ? DELIMITERS : [undefined]) {
      const opened = await source.open(filePath, { sheet, fileName, limits, delimiter });
      try {
        if (opened.sheet && !opened.sheet.found) throw refusal;
        const lines = await readHeadLines(opened.lines());
        const choice = chooseHeader(fileName, dataset, lines);
        let layout: BatchLayout = opened.sheet && sheet > 0 ? { ...choice.layout, sheet } : choice.layout;
        if (delimiter && delimiter !== DEFAULT_DELIMITER) layout = { ...layout, delimiter };
        return { format: source.id, encoding: opened.encoding, ...choice, layout };
      } catch (e) {
        // Another refusal (missing columns, another dataset's headers, an unreadable file) is final;
        // but a comma file read with another delimiter may only seem to have bad quotes or too many cells.
        const tried = delimiter !== undefined && delimiter !== DEFAULT_DELIMITER && isCdfError(e) && ['CDF_FILE_QUOTE', 'CDF_FILE_LIMIT'].includes(e.code);
        if (e === refusal || !isCdfError(e) || (e.code !== 'CDF_HEADERS_UNKNOWN' && !tried)) throw namingFile(e, fileName);
        if (!tried) refusal ??= e;
      } finally {
        await opened.close();
      }
    }
  }
  throw refusal;
}

/** A UTF-16 text file starts with its byte order mark, or (without one) has NUL bytes on one side
 * of its byte pairs only: the high bytes of ASCII letters, digits and commas. */
function isUtf16(head: Buffer): boolean {
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return true;
  const sample = head.subarray(0, 512);
  const zeros = [0, 0];
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) zeros[i % 2]!++;
  const [even, odd] = zeros as [number, number];
  const half = sample.length / 2;
  return sample.length >= 16 && ((odd >= half / 2 && even <= half / 25) || (even >= half / 2 && odd <= half / 25));
}

/** How many visible sheets of a workbook are looked at for the data. */
const MAX_SHEETS_TRIED = 5;

export async function upload(ctx: ServiceContext, who: Identity, req: UploadRequest): Promise<UploadResult> {
  requireAgencyScope(who, req.agency);
  datasetDefinition(req.dataset);
  const catalog = await activeCatalog(ctx.db);
  const channel = allowedEntry(catalog, req);
  const landed = await landFile(ctx.config.dataDir, req.content, req.fileName, ctx.config.maxUploadBytes);
  const key = { agency: req.agency, dataset: req.dataset, channel, file_sha256: landed.sha256 };
  let batchId = `b${randomUUID().replace(/-/g, '').slice(0, 24)}`;
  let duplicate = true;
  // The landed file is this upload's own (services/landing.ts): kept only when this upload's batch
  // is recorded with it, deleted when the file is refused or its batch exists already. Deleting it
  // never touches a file another upload, concurrent or not, has landed or recorded.
  try {
    const existing = await batchIdByKey(ctx.db, key);
    if (existing) batchId = existing;
    else {
      const meta = await inspect(landed.path, req.fileName, req.dataset, sourceLimits(ctx.config));
      const inserted = await insertBatchOnce(ctx.db, {
        id: batchId, ...key, file_name: req.fileName, file_bytes: landed.bytes, format: meta.format, encoding: meta.encoding,
        headers: JSON.stringify(meta.headers), column_map: JSON.stringify(meta.columns), layout: JSON.stringify(meta.layout),
        catalog_version: catalog.id,
        landing_path: landed.path, created_by: who.user,
      });
      // Nothing inserted: the same file arrived concurrently and the other upload recorded it first.
      if (!inserted) batchId = (await batchIdByKey(ctx.db, key))!;
      else duplicate = false;
    }
  } finally {
    if (duplicate) await rm(landed.path, { force: true });
  }
  const workflowId = workflowIdFor(batchId);
  try {
    await ctx.temporal.workflow.start(ingestBatch, {
      taskQueue: ctx.config.taskQueue, workflowId, args: [{ batchId, escalateAfter: ctx.config.stewardEscalateAfter }],
      workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY', workflowIdConflictPolicy: 'USE_EXISTING',
    });
  } catch (e) {
    if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
  }
  await appendAudit(ctx.db, {
    actor: who.user, kind: 'upload', subject: `batch:${batchId}`,
    payload: { agency: req.agency, dataset: req.dataset, channel, file: req.fileName, sha256: landed.sha256, duplicate, via: who.via ?? null },
  });
  return { batchId, workflowId, duplicate, batch: (await findBatch(ctx.db, batchId))! };
}

export async function uploadFile(
  ctx: ServiceContext,
  who: Identity,
  filePath: string,
  req: Omit<UploadRequest, 'content' | 'fileName'> & { fileName?: string },
): Promise<UploadResult> {
  const fileName = req.fileName ?? path.basename(filePath);
  return upload(ctx, who, { ...req, fileName, content: createReadStream(filePath) });
}

/** Waits until the batch's steps are through and returns the batch as the database has it. Not
 * the workflow's end: a batch with items for stewards is done while its workflow waits for their
 * decisions. A failed batch throws, as its workflow does. */
export async function waitForBatch(ctx: ServiceContext, batchId: string): Promise<Batch> {
  const handle = ctx.temporal.workflow.getHandle(workflowIdFor(batchId));
  for (let i = 0; ; i++) {
    const batch = (await findBatch(ctx.db, batchId))!;
    if (batch.status === 'done') return batch;
    if (batch.status === 'failed') {
      await handle.result();
      return batch;
    }
    // Now and then ask Temporal too: a run terminated from outside never marks the batch.
    if (i % 20 === 19 && (await handle.describe()).status.name !== 'RUNNING') {
      await handle.result();
      return (await findBatch(ctx.db, batchId))!;
    }
    await new Promise((r) => setTimeout(r, Math.min(50 * 2 ** Math.min(i, 3), 250)));
  }
}
