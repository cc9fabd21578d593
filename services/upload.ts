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
import { NamespaceNotFoundError, ServiceError, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import type { WorkflowHandle } from '@temporalio/client';
import { CHANNEL_NAMES } from '../catalog/catalog-file.ts';
import type { Channel } from '../catalog/catalog-file.ts';
import { datasetDefinition } from '../catalog/dataset-definition.ts';
import { sourceLimits } from '../connectors/registry.ts';
import { findBatch } from '../db/batches.ts';
import type { Batch } from '../db/batches.ts';
import { activeCatalog } from '../db/catalog.ts';
import { appendAudit } from '../db/audit.ts';
import { batchIdByKey, insertBatchOnce } from '../db/queries/batches.ts';
import { forbiddenError, transientError } from '../domain/errors.ts';
import type { CdfError } from '../domain/errors.ts';
import { ingestBatch } from '../workflows/index.ts';
import { ingestWorkflowId } from '../workflows/contract.ts';
import type { ServiceContext } from './context.ts';
import { requireAgencyScope } from './identity.ts';
import type { Identity } from './identity.ts';
import { landFile } from '../intake/landing.ts';
import { inspect } from '../intake/inspect.ts';

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

// How long a call to Temporal may take before the upload or the wait goes on without it.
const TEMPORAL_WITHIN_MS = 10_000;

/** The batch's ingestBatch workflow (the contract's: a pull derives the same). */
export const workflowIdFor = ingestWorkflowId;

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
  // Recorded before the workflow starts: the file is received even when Temporal cannot be reached.
  await appendAudit(ctx.db, {
    actor: who.user, kind: 'upload', subject: `batch:${batchId}`,
    payload: { agency: req.agency, dataset: req.dataset, channel, file: req.fileName, sha256: landed.sha256, duplicate, via: who.via ?? null },
  });
  try {
    // Within a bound, so the sender hears in seconds from a server that accepts but stalls, as one
    // whose store timed out did (against a port nobody listens on, the client's own retries end
    // after about 20 s). A start that lands late is found by the sweep, running.
    await ctx.temporal.withDeadline(Date.now() + TEMPORAL_WITHIN_MS, () => ctx.temporal.workflow.start(ingestBatch, {
      taskQueue: ctx.config.taskQueue, workflowId, args: [{ batchId, escalateAfter: ctx.config.stewardEscalateAfter }],
      workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY', workflowIdConflictPolicy: 'USE_EXISTING',
    }));
  } catch (e) {
    if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw isOrchestratorOutage(e) ? notStarted(req.fileName, batchId, e) : e;
  }
  return { batchId, workflowId, duplicate, batch: (await findBatch(ctx.db, batchId))! };
}

/** Temporal did not answer (down, overloaded, its store timing out): not a fault of the file. */
export const isOrchestratorOutage = (e: unknown): boolean => e instanceof ServiceError || e instanceof NamespaceNotFoundError;

// The batch stays recorded with its landed file, status received: the stranded-batch sweep
// (workflows/start-stranded.ts) starts it once Temporal answers, and the same file uploaded again
// is the same batch, started at once. Seen in a 10,000,000-row run whose disk was saturated: the
// Temporal dev server's store timed out for minutes and every upload answered an internal error.
const notStarted = (file: string, batchId: string, cause: unknown): CdfError => transientError('CDF_ORCHESTRATOR_UNAVAILABLE', {
  zh: `文件 ${file} 已收到并保存为批次 ${batchId}，但编排服务（Temporal）暂时无法连接，处理尚未开始；恢复后会自动开始，无需重新上传`,
  en: `file ${file} was received and recorded as batch ${batchId}, but the orchestrator (Temporal) cannot be reached, so processing has not started; ` +
    'it starts by itself once the orchestrator is back, with no need to upload again',
}, { file, batchId }, cause);

export async function uploadFile(
  ctx: ServiceContext,
  who: Identity,
  filePath: string,
  req: Omit<UploadRequest, 'content' | 'fileName'> & { fileName?: string },
): Promise<UploadResult> {
  const fileName = req.fileName ?? path.basename(filePath);
  return upload(ctx, who, { ...req, fileName, content: createReadStream(filePath) });
}

/** The run's status, or RUNNING while Temporal cannot say (unreachable, or the run not started
 * yet: a batch received while it was down waits for the stranded-batch sweep). */
async function runStatus(ctx: ServiceContext, handle: WorkflowHandle): Promise<string> {
  try {
    return (await ctx.temporal.withDeadline(Date.now() + TEMPORAL_WITHIN_MS, () => handle.describe())).status.name;
  } catch (e) {
    if (isOrchestratorOutage(e) || e instanceof WorkflowNotFoundError) return 'RUNNING';
    throw e;
  }
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
    if (i % 20 === 19 && (await runStatus(ctx, handle)) !== 'RUNNING') {
      await handle.result();
      return (await findBatch(ctx.db, batchId))!;
    }
    await new Promise((r) => setTimeout(r, Math.min(50 * 2 ** Math.min(i, 3), 250)));
  }
}
