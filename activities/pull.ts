// A pull from an agency's own system, in two activities the pullSource workflow runs: pullLand reads
// what changed since the source's cursor through its connector and lands it as an NDJSON file (so
// what was read is kept as it was read, hashed like an upload), and pullRecord turns that file into
// a batch like an upload's (the same head inspection, the same batch key, lineage naming the
// source, query and cursor range) and moves the cursor, in one transaction. An empty pull makes no
// batch but is recorded as a pull that answered. pullFailed notes an outage after the retries.
import { Buffer } from 'node:buffer';
import { rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { datasetDefinition } from '../catalog/dataset-definition.ts';
import { FRONT_DATABASE_ENV } from '../catalog/sink-policy.ts';
import { puller, sourceLimits } from '../connectors/registry.ts';
import type { PullEnv, PullOrigin } from '../connectors/types.ts';
import { appendAudit } from '../db/audit.ts';
import { activeCatalog } from '../db/catalog.ts';
import { pulledEntry } from '../catalog/pull-entry.ts';
import { batchIdByKey, insertBatchOnce } from '../db/queries/batches.ts';
import { beginPull, failPull, finishPull } from '../db/queries/pulls.ts';
import type { PullKey } from '../db/queries/pulls.ts';
import { dataError, ErrorKind, isCdfError } from '../domain/errors.ts';
import { inspect } from '../intake/inspect.ts';
import { landFile } from '../intake/landing.ts';
import type { ActivityDeps } from './deps.ts';

export interface PullRef extends PullKey {
  /** Read everything again from the beginning (the cursor still moves only from where it stood). */
  full?: boolean;
}

export interface PullLanded extends PullKey {
  rows: number;
  /** The cursor the source stood at when the pull began, and where the rows read take it. */
  from: string | null;
  to: string | null;
  full: boolean;
  /** The catalogue version the pull ran under: its batch is recorded under it. */
  catalogVersion: number;
  connector: string;
  origin: PullOrigin;
  file?: { path: string; name: string; sha256: string; bytes: number };
}

export interface PullRecorded {
  batchId: string | null;
  /** The rows were a file already received (a re-read that found nothing changed): no new batch. */
  duplicate: boolean;
  /** Another pull of the source moved its cursor first: these rows were dropped, it has them. */
  stale: boolean;
  escalateAfter: number;
}

/** A value as the NDJSON file holds it: text and numbers as they came, a time as ISO text, nesting as JSON text. */
function plain(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'bigint') return v.toString();
  if (Buffer.isBuffer(v)) return v.toString('utf8');
  // A JSON column (or an API's nested field) is one text cell: the file source refuses nesting.
  if (typeof v === 'object') return JSON.stringify(v);
  return v;
}

/** Field id → source column becomes standard header → value; without a map the source's names stand. */
function shaper(dataset: string, columns: Record<string, string> | undefined, sourceName: string) {
  if (!columns) return (values: Record<string, unknown>) => Object.fromEntries(Object.entries(values).map(([k, v]) => [k, plain(v)]));
  const pairs = datasetDefinition(dataset).fields.filter((f) => columns[f.name]).map((f) => [f.zh, columns[f.name]!] as const);
  return (values: Record<string, unknown>, n: number) => Object.fromEntries(pairs.map(([header, column]) => {
    if (!(column in values)) {
      throw dataError('CDF_PULL_COLUMN_MISSING', {
        zh: `从 ${sourceName} 抽取的第 ${n} 条记录没有列 ${column}（目录的 columns 映射把它对应到「${header}」）；` +
          `该记录的列为：${Object.keys(values).join('、')}`,
        en: `record ${n} pulled from ${sourceName} has no column ${column} (the catalogue's columns map gives it for "${header}"); ` +
          `its columns are: ${Object.keys(values).join(', ')}`,
      }, { field: column, row: n });
    }
    return [header, plain(values[column])];
  }));
}

/** The worker's environment, with CDF_FRONT_DATABASE_URL the factory's own database, whose exchange
 * area (schema front) a pull may read (connectors/types.ts PullEnv, catalog/sink-policy.ts). */
export const pullEnv = (deps: ActivityDeps): PullEnv =>
  ({ ...process.env, ...(deps.config.databaseUrl ? { [FRONT_DATABASE_ENV]: deps.config.databaseUrl.reveal() } : {}) });

const PIECE_BYTES = 64 * 1024;
/** Another pull moved the cursor while this one read: its batch is rolled back. */
const STALE = new Error('the pull cursor moved meanwhile');

export async function pullLand(deps: ActivityDeps, ref: PullRef): Promise<PullLanded> {
  try {
    return await land(deps, ref);
  } catch (e) {
    // A source that is down: retried as any transient error, but with its code and both languages
    // kept (asTemporalFailures lets a transient error through bare), for the failing pull's record.
    if (isCdfError(e) && e.kind === ErrorKind.transient) {
      throw ApplicationFailure.create({ type: e.code, message: e.message, nonRetryable: false, details: [e.toJSON()] });
    }
    throw e;
  }
}

async function land(deps: ActivityDeps, ref: PullRef): Promise<PullLanded> {
  const key = { agency: ref.agency, dataset: ref.dataset, channel: ref.channel };
  const catalog = await activeCatalog(deps.db);
  const { pull } = pulledEntry(catalog, key);
  const connector = await puller(pull.connector);
  const origin = connector.origin(pull.config, pullEnv(deps));
  const { cursor } = await beginPull(deps.db, key, connector.id);
  const activity = Context.current();
  const heartbeat = () => activity.heartbeat();
  const shape = shaper(ref.dataset, pull.columns, origin.source);
  let rows = 0;
  let to = cursor;
  async function* ndjson(): AsyncGenerator<Buffer> {
    let piece = '';
    const opts = { cursor: ref.full ? null : cursor, onProgress: heartbeat, signal: activity.cancellationSignal, env: pullEnv(deps) };
    for await (const r of connector.pull(pull.config, opts)) {
      rows++;
      if (r.cursor !== null) to = r.cursor;
      piece += `${JSON.stringify(shape(r.values, rows))}\n`;
      if (piece.length >= PIECE_BYTES) {
        yield Buffer.from(piece);
        piece = '';
        heartbeat();
      }
    }
    if (piece) yield Buffer.from(piece);
  }
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const name = `pull-${ref.dataset}-${ref.agency}-${stamp}.ndjson`;
  const landed = await landFile(deps.config.dataDir, Readable.from(ndjson()), name, deps.config.maxUploadBytes);
  const done = { ...key, from: cursor, to, full: Boolean(ref.full), connector: connector.id, origin, rows, catalogVersion: catalog.id };
  if (!rows) {
    await rm(landed.path, { force: true });
    return { ...done, to: cursor };
  }
  return { ...done, file: { path: landed.path, name, sha256: landed.sha256, bytes: landed.bytes } };
}

export async function pullRecord(deps: ActivityDeps, landed: PullLanded & { by: string }): Promise<PullRecorded> {
  const { db, config } = deps;
  const key = { agency: landed.agency, dataset: landed.dataset, channel: landed.channel };
  const escalateAfter = config.stewardEscalateAfter;
  if (!landed.file) {
    const moved = await finishPull(db, key, { from: landed.from, to: landed.from, rows: 0, batchId: null });
    return { batchId: null, duplicate: false, stale: !moved, escalateAfter };
  }
  const file = landed.file;
  const meta = await inspect(file.path, file.name, landed.dataset, sourceLimits(config));
  const batchKey = { ...key, file_sha256: file.sha256 };
  const origin = {
    connector: landed.connector, ...landed.origin, cursorFrom: landed.full ? null : landed.from, cursorTo: landed.to, rows: landed.rows, full: landed.full,
  };
  const fresh = `b${crypto.randomUUID().replace(/-/g, '').slice(0, 24)}`;
  const outcome = await db.transaction(async (trx) => {
    const existing = await batchIdByKey(trx, batchKey);
    const inserted = !existing && await insertBatchOnce(trx, {
      id: fresh, ...batchKey, file_name: file.name, file_bytes: file.bytes, format: meta.format, encoding: meta.encoding,
      headers: JSON.stringify(meta.headers), column_map: JSON.stringify(meta.columns), layout: JSON.stringify(meta.layout),
      catalog_version: landed.catalogVersion, landing_path: file.path, created_by: landed.by, origin: JSON.stringify(origin),
    });
    const batchId = inserted ? fresh : (existing ?? (await batchIdByKey(trx, batchKey))!);
    if (!(await finishPull(trx, key, { from: landed.from, to: landed.to, rows: landed.rows, batchId }))) {
      throw STALE;
    }
    await appendAudit(trx, {
      actor: landed.by, kind: 'pull', subject: `batch:${batchId}`, payload: { ...key, ...origin, sha256: file.sha256, duplicate: !inserted },
    });
    return { batchId, duplicate: !inserted, stale: false };
  }).catch((e: unknown) => {
    // Thrown above to roll the batch back: the stale outcome, not a failure.
    if (e === STALE) return { batchId: null, duplicate: false, stale: true };
    throw e;
  });
  // The landed file is this pull's own: kept only when its batch was recorded with it.
  if (outcome.duplicate || outcome.stale) await rm(file.path, { force: true });
  return { ...outcome, escalateAfter };
}

export async function pullFailed(deps: ActivityDeps, input: PullKey & { error: { code: string; zh: string; en: string } }): Promise<void> {
  await failPull(deps.db, { agency: input.agency, dataset: input.dataset, channel: input.channel }, input.error);
}
