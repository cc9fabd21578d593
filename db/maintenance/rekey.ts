// Recomputes stored matching keys and content hashes when the functions that make them change
// (a new version of the name key, the document-number key or a meaning fold). Run after the
// migrations, once per change: the versions the data was keyed with are in key_versions.
// What is recomputed is what later batches are compared against: registry name keys, golden
// records' natural keys and hashes, versions' hashes, and the rows and decisions of the steward
// queue (a decision settles a repeated disagreement by the hashes it overruled).
import type { Knex } from 'knex';
import { datasetDefinition } from '../../catalog/dataset-definition.ts';
import { naturalKey, recordHash } from '../../domain/clean/clean-row.ts';
import { DOCNO_KEY_VERSION } from '../../domain/clean/docno.ts';
import { MEANING_FOLD_VERSION } from '../../domain/compare/meaning.ts';
import { NAME_KEY_VERSION, optionalKey } from '../../domain/link/name-key.ts';
import type { Db } from '../connect.ts';
import { rekeyDecisions } from './rekey-decisions.ts';

export const KEY_VERSIONS: Readonly<Record<string, number>> = {
  name_key: NAME_KEY_VERSION, docno_key: DOCNO_KEY_VERSION, meaning_fold: MEANING_FOLD_VERSION,
};

const CHUNK = 5000;

export interface RekeyResult { stale: string[]; registry: number; golden: number; versions: number; keptOldKey: number; decisions: number }

type Fields = Record<string, string>;

async function rekeyRegistry(trx: Knex.Transaction): Promise<number> {
  let changed = 0;
  for (let after = ''; ;) {
    const rows = (await trx('registry_subjects as r')
      .join('golden_records as g', 'g.id', 'r.golden_id')
      .where('r.uscc', '>', after)
      .orderBy('r.uscc')
      .limit(CHUNK)
      .select('r.uscc', 'r.name', 'r.name_key', 'r.rep_key', 'g.fields')) as Array<{
      uscc: string;
      name: string;
      name_key: string;
      rep_key: string | null;
      fields: Fields;
    }>;
    if (!rows.length) return changed;
    after = rows[rows.length - 1]!.uscc;
    const repField = datasetDefinition('legal_person_registry').subject?.legalRep ?? 'legal_rep';
    const next = rows.map((r) => ({ uscc: r.uscc, name: optionalKey(r.name) ?? r.name_key, rep: optionalKey(r.fields[repField]) }))
      .filter((n, i) => n.name !== rows[i]!.name_key || n.rep !== rows[i]!.rep_key);
    if (!next.length) continue;
    changed += next.length;
    await trx.raw(`
      update registry_subjects r set name_key = v.k, block_key = cdf_block_key(v.k), rep_key = v.rep
        from unnest(cast(? as text[]), cast(? as text[]), cast(? as text[])) v(uscc, k, rep) where r.uscc = v.uscc`,
    [next.map((n) => n.uscc), next.map((n) => n.name), next.map((n) => n.rep) as string[]]);
  }
}

/** Golden records' natural keys and hashes. A record whose new key another record already holds
 * (two copies kept apart by how a clerk typed their number) keeps its old key: merging them is a
 * steward's decision, and the suspected-duplicate search offers it. */
async function rekeyGolden(trx: Knex.Transaction): Promise<{ golden: number; keptOldKey: number }> {
  let golden = 0;
  let keptOldKey = 0;
  for (let after = 0; ;) {
    const rows = (await trx('golden_records').where('id', '>', after).orderBy('id').limit(CHUNK)
      .select('id', 'dataset', 'natural_key', 'content_hash', 'fields', 'subject_uscc')) as
      Array<{ id: number; dataset: string; natural_key: string; content_hash: string; fields: Fields; subject_uscc: string | null }>;
    if (!rows.length) return { golden, keptOldKey };
    after = Number(rows[rows.length - 1]!.id);
    const next = rows
      .map((r) => ({ r, key: naturalKey(datasetDefinition(r.dataset), r.fields), hash: recordHash(datasetDefinition(r.dataset), r.fields, r.subject_uscc) }))
      .filter((n) => n.key !== n.r.natural_key || n.hash !== n.r.content_hash);
    const moving = next.filter((n) => n.key !== n.r.natural_key);
    const held = new Set(((await trx('golden_records').whereIn('natural_key', moving.map((n) => n.key)).select('dataset', 'natural_key')) as
      Array<{ dataset: string; natural_key: string }>).map((h) => `${h.dataset}|${h.natural_key}`));
    for (const n of moving) {
      const k = `${n.r.dataset}|${n.key}`;
      if (held.has(k)) {
        n.key = n.r.natural_key;
        keptOldKey++;
      }
      held.add(k);
    }
    if (!next.length) continue;
    golden += next.length;
    await trx.raw(`
      update golden_records g set natural_key = v.k, content_hash = v.h
        from unnest(cast(? as bigint[]), cast(? as text[]), cast(? as text[])) v(id, k, h) where g.id = v.id`,
    [next.map((n) => n.r.id), next.map((n) => n.key), next.map((n) => n.hash)]);
  }
}

async function rekeyVersions(trx: Knex.Transaction): Promise<number> {
  let changed = 0;
  for (let after = { id: 0, v: 0 }; ;) {
    const rows = (await trx('golden_version_values as v').join('golden_records as g', 'g.id', 'v.golden_id')
      .whereRaw('(v.golden_id, v.version) > (?, ?)', [after.id, after.v]).orderBy(['v.golden_id', 'v.version']).limit(CHUNK)
      .select('v.golden_id', 'v.version', 'v.fields', 'v.content_hash', 'g.dataset', 'g.subject_uscc')) as
      Array<{ golden_id: number; version: number; fields: Fields; content_hash: string; dataset: string; subject_uscc: string | null }>;
    if (!rows.length) return changed;
    const last = rows[rows.length - 1]!;
    after = { id: Number(last.golden_id), v: last.version };
    // A version keeps no subject of its own: hashed with the record's, as the record stands.
    const next = rows.map((r) => ({ r, hash: recordHash(datasetDefinition(r.dataset), r.fields, r.subject_uscc) })).filter((n) => n.hash !== n.r.content_hash);
    if (!next.length) continue;
    changed += next.length;
    await trx.raw(`
      update golden_versions x set content_hash = v.h
        from unnest(cast(? as bigint[]), cast(? as int[]), cast(? as text[])) v(id, ver, h) where x.golden_id = v.id and x.version = v.ver`,
    [next.map((n) => n.r.golden_id), next.map((n) => n.r.version), next.map((n) => n.hash)]);
  }
}

/** Recomputes what is stale, in one transaction under an advisory lock (two processes starting at
 * once do it once). Returns null when every key is current. */
export async function rekeyIfNeeded(db: Db): Promise<RekeyResult | null> {
  return db.transaction(async (trx) => {
    await trx.raw("select pg_advisory_xact_lock(hashtext('cdf_rekey'))");
    const held = new Map(((await trx('key_versions').select('name', 'version')) as Array<{ name: string; version: number }>).map((r) => [r.name, r.version]));
    const stale = Object.entries(KEY_VERSIONS).filter(([name, v]) => held.get(name) !== v).map(([name]) => name);
    if (!stale.length) return null;
    const registry = stale.includes('name_key') ? await rekeyRegistry(trx) : 0;
    // Decisions first: they map the hashes stored now to the new ones.
    const decisions = await rekeyDecisions(trx);
    const { golden, keptOldKey } = await rekeyGolden(trx);
    const versions = await rekeyVersions(trx);
    await trx('key_versions').insert(Object.entries(KEY_VERSIONS).map(([name, version]) => ({ name, version })))
      .onConflict('name').merge(['version', 'rekeyed_at']);
    return { stale, registry, golden, versions, keptOldKey, decisions };
  });
}
