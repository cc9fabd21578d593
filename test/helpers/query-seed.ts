// Plain inserts for the query modules' integration tests (db/queries/*.int.test.ts): a catalogue
// version, batches, raw and clean rows, golden records with their versions and sources, and queue
// items, each with only the columns a test cares about and the rest filled as the schema requires.
import { afterAll, beforeAll } from 'vitest';
import type { Db } from '../../db/connect.ts';
import { createTestDatabase } from './factory.ts';
import type { TestDatabase } from './factory.ts';
import { nameKey } from '../../domain/link/name-key.ts';

let seq = 0;
const unique = (): string => `${process.pid}_${Date.now().toString(36)}_${seq++}`;

/** A catalogue version (batches need one); returns its id. */
export async function seedCatalogVersion(db: Db): Promise<number> {
  const [row] = (await db('catalog_versions')
    .insert({ sha256: `seed_${unique()}`, content: JSON.stringify({ agencies: [], entries: [], subscriptions: [] }), imported_by: 'test' })
    .returning('id')) as Array<{ id: number }>;
  return row!.id;
}

export interface BatchSeed { id: string; catalogVersion: number; dataset?: string; agency?: string; channel?: string; status?: string; createdAt?: Date }

export async function seedBatch(db: Db, b: BatchSeed): Promise<string> {
  await db('batches').insert({
    id: b.id, dataset: b.dataset ?? 'admin_penalty', agency: b.agency ?? 'agency_a', channel: b.channel ?? 'upload', file_name: `${b.id}.csv`,
    file_sha256: `sha_${b.id}`, file_bytes: 1, format: 'csv', encoding: 'utf-8', headers: '[]', column_map: '[]', catalog_version: b.catalogVersion,
    landing_path: `/nowhere/${b.id}`, created_by: 'test', status: b.status ?? 'done', ...(b.createdAt ? { created_at: b.createdAt } : {}),
  });
  return b.id;
}

export interface CleanRowSeed {
  batchId: string; rowNo: number; fields?: Record<string, string>; naturalKey?: string; contentHash?: string; subject?: string | null;
  cls?: string | null; goldenId?: number | null; baseHash?: string | null; cells?: string[];
}

/** A clean row and, with `cells`, its raw row. */
export async function seedCleanRow(db: Db, r: CleanRowSeed): Promise<void> {
  if (r.cells) await db('raw_rows').insert({ batch_id: r.batchId, row_no: r.rowNo, cells: r.cells });
  await db('clean_rows').insert({
    batch_id: r.batchId, row_no: r.rowNo, fields: JSON.stringify(r.fields ?? {}), natural_key: r.naturalKey ?? `k${r.batchId}:${r.rowNo}`,
    content_hash: r.contentHash ?? `h${r.batchId}:${r.rowNo}`, subject_uscc: r.subject ?? null, class: r.cls ?? null, golden_id: r.goldenId ?? null,
    base_hash: r.baseHash ?? null,
  });
}

export interface GoldenSeed {
  naturalKey: string; fields: Record<string, string>; subject?: string | null; contentHash?: string; dataset?: string; status?: string;
  /** Versions 1..version are written, all from `from`. */
  version?: number;
}

/** A golden record with its versions, all made from one source row; returns its id. */
export async function seedGolden(db: Db, g: GoldenSeed, from: { batchId: string; rowNo: number }): Promise<number> {
  const version = g.version ?? 1;
  const hash = g.contentHash ?? `gh_${g.naturalKey}`;
  const [row] = (await db('golden_records').insert({
    dataset: g.dataset ?? 'admin_penalty', natural_key: g.naturalKey, subject_uscc: g.subject ?? null, fields: JSON.stringify(g.fields),
    content_hash: hash, status: g.status ?? 'active', version,
  }).returning('id')) as Array<{ id: number }>;
  for (let v = 1; v <= version; v++) {
    await db('golden_versions').insert({
      golden_id: row!.id, version: v, fields: JSON.stringify(g.fields), content_hash: v === version ? hash : `${hash}_v${v}`, batch_id: from.batchId,
      row_no: from.rowNo,
    });
  }
  return row!.id;
}

export async function seedSource(db: Db, batchId: string, rowNo: number, goldenId: number, role: string): Promise<void> {
  await db('record_sources').insert({ batch_id: batchId, row_no: rowNo, golden_id: goldenId, role });
}

export interface TaskSeed {
  kind?: string; batchId: string; rowNo: number; goldenId?: number | null; status?: string; detail?: Record<string, unknown>; decision?: unknown;
  escalated?: boolean; reopens?: number;
}

/** A queue item; returns its id. */
export async function seedTask(db: Db, t: TaskSeed): Promise<number> {
  const [row] = (await db('steward_tasks').insert({
    kind: t.kind ?? 'conflict', batch_id: t.batchId, row_no: t.rowNo, golden_id: t.goldenId ?? null, status: t.status ?? 'open',
    detail: JSON.stringify(t.detail ?? {}), decision: t.decision === undefined ? null : JSON.stringify(t.decision),
    ...(t.status === 'decided' ? { decided_at: db.fn.now(), decided_by: 'steward@test' } : {}),
    ...(t.escalated ? { escalated_at: db.fn.now() } : {}), reopens: t.reopens ?? 0,
  }).returning('id')) as Array<{ id: number }>;
  return row!.id;
}

export interface LinkRowSeed extends CleanRowSeed {
  /** The keys the clean step computes for linking (domain/link/name-key.ts); none unless given. */
  nameKey?: string | null; repKey?: string | null; heldReject?: Record<string, string> | null; linkMethod?: string | null; linkConfidence?: number | null;
}

/** A clean row with what the link step reads and writes besides seedCleanRow's columns. */
export async function seedLinkRow(db: Db, r: LinkRowSeed): Promise<void> {
  await seedCleanRow(db, r);
  await db('clean_rows').where({ batch_id: r.batchId, row_no: r.rowNo }).update({
    name_key: r.nameKey ?? null, rep_key: r.repKey ?? null, held_reject: r.heldReject ? JSON.stringify(r.heldReject) : null,
    link_method: r.linkMethod ?? null, link_confidence: r.linkConfidence ?? null,
  });
}

export interface RegistrySubjectSeed { uscc: string; name: string; repKey?: string | null; regno?: string | null; goldenId?: number }

/** A registered subject as the registry's sync writes it: the organisation code is characters 9–17
 * of the USCC, the name key the domain's, the blocking key the database's own (cdf_block_key). */
export async function seedRegistrySubject(db: Db, r: RegistrySubjectSeed): Promise<void> {
  const key = nameKey(r.name);
  await db('registry_subjects').insert({
    uscc: r.uscc, orgcode: r.uscc.slice(8, 17), regno: r.regno ?? null, name: r.name, name_key: key, block_key: db.raw('cdf_block_key(?)', [key]),
    rep_key: r.repKey ?? null, golden_id: r.goldenId ?? 0, batch_id: 'registry', row_no: 0,
  });
}

/** A database cloned from the migrated template for one test file, dropped after its tests; `db`
 * is there from the first beforeAll on. */
export function clonedDatabase(): { readonly db: Db } {
  let t: TestDatabase | undefined;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => t?.drop());
  return { get db() { return t!.db; } };
}
