// What a run of the fault test ended with, in terms that do not depend on ids a retry may use up
// (golden ids come from a sequence; batch ids are random): golden records by natural key, each
// file's rows by class and role, deliveries and outbox lines by subscription, file and natural key.
// Two runs on the same files must end with equal outcomes, whatever happened on the way.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { orphanCounts } from '../../db/queries/pipeline/integrity.ts';
import type { Orphans } from '../../db/queries/pipeline/integrity.ts';
import type { Db } from '../../db/connect.ts';

export interface FileOutcome {
  expected: number;
  raw: number;
  accepted: number;
  rejected: number;
  /** Rows both accepted and rejected, or counted twice: must be 0. */
  both: number;
  /** The batch's own counts of received, accepted and rejected rows. */
  counts: { received: number; accepted: number; rejected: number };
  classes: Record<string, number>;
  roles: Record<string, number>;
  stewardItems: Record<string, number>;
}

export interface Outcome {
  /** `dataset|natural key` → `content hash|version|status`. */
  golden: Map<string, string>;
  goldenRows: number;
  files: Record<string, FileOutcome>;
  /** Delivery rows by idempotency key (batch ids replaced by file labels) → records/tombstones/withheld/status. */
  deliveries: Record<string, string>;
  /** Every outbox line as `subscription|file|natural key|version|op`, sorted (a line twice shows twice). */
  outbox: string[];
  /** Lines that repeat a (golden id, version, op) within one delivered file. */
  outboxDoubled: string[];
  /** Delivered files whose line count is not their delivery row's records + tombstones. */
  outboxMiscounted: string[];
  /** Temporary files left in the data folder (`*.tmp`, `.incoming-*`). */
  leftovers: string[];
  /** Rows whose batch, record or clean row is missing (what the per-row foreign keys checked). */
  orphans: Orphans[];
}

const tally = (rows: Array<{ k: string | null; n: number }>): Record<string, number> =>
  Object.fromEntries(rows.map((r) => [r.k ?? '(none)', Number(r.n)]));

function walk(dir: string): string[] {
  let out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    out = e.isDirectory() ? out.concat(walk(p)) : out.concat(p);
  }
  return out;
}

export const isLeftover = (name: string): boolean => name.endsWith('.tmp') || name.startsWith('.incoming-') || /\.tmp\b/.test(name);

async function fileOutcome(db: Db, batchId: string, expected: number): Promise<FileOutcome> {
  const one = async (sql: string): Promise<number> => Number(((await db.raw(sql, { b: batchId })) as { rows: Array<{ n: number }> }).rows[0]!.n);
  const groups = async (sql: string) => tally(((await db.raw(sql, { b: batchId })) as { rows: Array<{ k: string | null; n: number }> }).rows);
  const batch = (await db('batches').where({ id: batchId }).first('counts')) as { counts: Record<string, number> };
  return {
    expected,
    raw: await one('select count(*) n from raw_rows where batch_id = :b'),
    accepted: await one('select count(*) n from clean_rows where batch_id = :b'),
    rejected: await one('select count(distinct row_no) n from rejects where batch_id = :b'),
    both: await one(`select count(*) n from clean_rows c where batch_id = :b
      and exists (select 1 from rejects r where r.batch_id = c.batch_id and r.row_no = c.row_no)`),
    counts: { received: batch.counts.received ?? -1, accepted: batch.counts.accepted ?? -1, rejected: batch.counts.rejected ?? -1 },
    classes: await groups('select class k, count(*) n from clean_rows where batch_id = :b group by class'),
    roles: await groups('select role k, count(*) n from record_sources where batch_id = :b group by role'),
    stewardItems: await groups('select kind k, count(*) n from steward_tasks where batch_id = :b group by kind'),
  };
}

/** `batchOfFile`: file label → batch id; `expectedRows`: file label → data rows in the file. */
export async function readOutcome(db: Db, dataDir: string, batchOfFile: Map<string, string>, expectedRows: Map<string, number>): Promise<Outcome> {
  const labelOf = new Map([...batchOfFile].map(([label, id]) => [id, label]));
  const relabel = (text: string) => text.replace(/b[0-9a-f]{24}/g, (id) => labelOf.get(id) ?? `?${id}`);
  const golden = new Map<string, string>();
  const keyOfId = new Map<number, string>();
  const goldens = (await db('golden_records').select('id', 'dataset', 'natural_key', 'content_hash', 'version', 'status')) as Array<{
    id: number; dataset: string; natural_key: string; content_hash: string; version: number; status: string;
  }>;
  for (const g of goldens) {
    golden.set(`${g.dataset}|${g.natural_key}`, `${g.content_hash}|${g.version}|${g.status}`);
    keyOfId.set(g.id, g.natural_key);
  }
  const files: Record<string, FileOutcome> = {};
  for (const [label, id] of batchOfFile) files[label] = await fileOutcome(db, id, expectedRows.get(label) ?? -1);

  const deliveries: Record<string, string> = {};
  const sizeOf = new Map<string, number>();
  const rows = (await db('deliveries').select('idempotency_key', 'records', 'tombstones', 'withheld', 'status', 'location')) as Array<{
    idempotency_key: string; records: number; tombstones: number; withheld: number; status: string; location: string | null;
  }>;
  for (const d of rows) {
    deliveries[relabel(d.idempotency_key)] = `${d.records}/${d.tombstones}/${d.withheld}/${d.status}`;
    if (d.location) sizeOf.set(d.location, d.records + d.tombstones);
  }

  const outbox: string[] = [];
  const outboxDoubled: string[] = [];
  const outboxMiscounted: string[] = [];
  const outboxDir = path.join(dataDir, 'outbox');
  for (const file of walk(outboxDir).filter((f) => f.endsWith('.ndjson'))) {
    const sub = path.basename(path.dirname(file));
    const name = relabel(path.basename(file));
    const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    const seen = new Set<string>();
    for (const line of lines) {
      const r = JSON.parse(line) as { goldenId: number; version: number; op: string };
      const id = `${r.goldenId}|${r.version}|${r.op}`;
      if (seen.has(id)) outboxDoubled.push(`${sub}/${name}: ${id}`);
      seen.add(id);
      outbox.push(`${sub}|${name}|${keyOfId.get(r.goldenId) ?? `?${r.goldenId}`}|${r.version}|${r.op}`);
    }
    if (sizeOf.get(file) !== lines.length) outboxMiscounted.push(`${sub}/${name}: ${lines.length} lines, delivery row says ${sizeOf.get(file)}`);
  }
  outbox.sort();
  const leftovers = walk(dataDir).filter((f) => isLeftover(path.basename(f))).map((f) => path.relative(dataDir, f));
  return { golden, goldenRows: goldens.length, files, deliveries, outbox, outboxDoubled, outboxMiscounted, leftovers, orphans: await orphanCounts(db) };
}

/** Differences between two maps, at most `limit` of them, for a readable failure. */
export function mapDiff(a: Map<string, string>, b: Map<string, string>, limit = 10): string[] {
  const out: string[] = [];
  for (const [k, v] of a) if (b.get(k) !== v) out.push(`${k}: ${v} ≠ ${b.get(k) ?? '(missing)'}`);
  for (const k of b.keys()) if (!a.has(k)) out.push(`${k}: (missing) ≠ ${b.get(k)}`);
  return out.slice(0, limit);
}

/** Entries of the sorted multiset `b` missing from `a` (lost) and extra in it (doubled). */
export function multisetDiff(a: string[], b: string[]): { lost: string[]; extra: string[] } {
  const count = new Map<string, number>();
  for (const x of a) count.set(x, (count.get(x) ?? 0) + 1);
  const extra: string[] = [];
  for (const x of b) {
    const n = count.get(x) ?? 0;
    if (n > 0) count.set(x, n - 1);
    else extra.push(x);
  }
  const lost = [...count].flatMap(([x, n]) => Array<string>(n).fill(x));
  return { lost, extra };
}
