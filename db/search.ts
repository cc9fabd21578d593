// Golden-record search (services/search/): the ids of one page of matches and how many there are,
// by the subject's USCC, the natural key's document-number part or the subject's name (containment,
// then pg_trgm word similarity). Each finds its page's ids from an index: the document number's
// b-tree (migration 20261130120000) and the subjects' blocking index with the record's id
// (20261209000000) cover the query (an index-only scan), the name a GIN trigram index. The caller's
// visibility arrives as `restrict`, applied to golden_records aliased `g`.
import type { Knex } from 'knex';
import { datasetCodes } from '../catalog/dataset-definition.ts';
import type { Db } from './connect.ts';
import { jsonPlan } from './queries/store-probes.ts';

export const NAME_EXPR = `coalesce(g.fields->>'subject_name', g.fields->>'name')`;
export const DOCNO_EXPR = `split_part(g.natural_key, '|', 1)`;

export interface SearchArgs {
  kind: 'id' | 'uscc' | 'docno' | 'name';
  key: string;
  dataset?: string;
  limit: number;
  offset: number;
  /** Matches counted (and, for names, ranked) up to here. */
  cap: number;
  /** Leave natural persons out of a name search (a reader who may not see their names). */
  noPersons: boolean;
  restrict: (q: Knex.QueryBuilder) => Knex.QueryBuilder;
  /** Names: those containing the query (all its trigrams: selective, fast), not merely similar. */
  substring?: boolean;
}

export interface SearchHit { id: number; score: number | null }

function matches(db: Db, a: SearchArgs): Knex.QueryBuilder {
  const q = a.restrict(db('golden_records as g'));
  if (a.dataset) void q.where('g.dataset', a.dataset);
  switch (a.kind) {
    case 'id': return q.where('g.id', Number(a.key));
    // The subjects' index leads with the dataset: every one is named, each a range of the index.
    case 'uscc': return (a.dataset ? q : q.whereIn('g.dataset', datasetCodes())).where('g.subject_uscc', a.key);
    case 'docno': return q.whereRaw(`${DOCNO_EXPR} = ?`, [a.key]);
    case 'name':
      if (a.noPersons) void q.whereRaw(`coalesce(g.fields->>'subject_category', '') <> '自然人'`);
      return a.substring ? q.whereRaw(`${NAME_EXPR} like ?`, [`%${likeEscaped(a.key)}%`]) : q.whereRaw(`? <% ${NAME_EXPR}`, [a.key]);
  }
}

const likeEscaped = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Names containing the query, best first: the whole name, then the shortest (closest) names. */
async function substringPage(db: Db, a: SearchArgs): Promise<{ hits: SearchHit[]; total: number; capped: boolean }> {
  const candidates = matches(db, { ...a, substring: true })
    .select('g.id', db.raw(`length(${NAME_EXPR}) as len`), db.raw(`(${NAME_EXPR} = ?) as exact`, [a.key])).limit(a.cap);
  const rows = (await db.from(candidates.as('c')).select('id', 'len', 'exact', db.raw('count(*) over () as total'))
    .orderBy([{ column: 'exact', order: 'desc' }, { column: 'len' }, { column: 'id' }]).limit(a.limit).offset(a.offset)) as
    Array<{ id: string; len: number; exact: boolean; total: string }>;
  const total = rows.length ? Number(rows[0]!.total) : a.offset ? await countOf(db, matches(db, { ...a, substring: true }), a.cap) : 0;
  const score = (r: { len: number; exact: boolean }) => (r.exact ? 1 : Math.min(0.99, [...a.key].length / Math.max(1, r.len)));
  return { hits: rows.map((r) => ({ id: Number(r.id), score: score(r) })), total, capped: total >= a.cap };
}

const countOf = async (db: Db, q: Knex.QueryBuilder, cap: number): Promise<number> =>
  Number(((await db.from(q.clearSelect().select(db.raw('1')).limit(cap).as('c')).count({ n: '*' })) as Array<{ n: string }>)[0]!.n);

/** One page of matching ids (names best first, then by id) and the count, capped. */
export async function searchGoldenIds(db: Db, a: SearchArgs): Promise<{ hits: SearchHit[]; total: number; capped: boolean }> {
  if (a.kind === 'name') {
    // A name typed whole or in part is found by containment, which the trigram index answers from
    // its rarest trigrams; similarity (typos) is asked only when nothing contains it, since the
    // trigrams every company name shares (有限公司) make a similarity scan touch most rows.
    const contained = await substringPage(db, a);
    if (contained.total > 0) return contained;
    const candidates = matches(db, a).select('g.id', db.raw(`word_similarity(?, ${NAME_EXPR}) as score`, [a.key])).limit(a.cap);
    const rows = (await db.from(candidates.as('c')).select('id', 'score', db.raw('count(*) over () as total'))
      .orderBy([{ column: 'score', order: 'desc' }, { column: 'id' }]).limit(a.limit).offset(a.offset)) as Array<{ id: string; score: number; total: string }>;
    const total = rows.length ? Number(rows[0]!.total) : Number(((await db.from(candidates.clearSelect().select('g.id').as('c')).count({ n: '*' })) as
      Array<{ n: string }>)[0]!.n);
    return { hits: rows.map((r) => ({ id: Number(r.id), score: Number(r.score) })), total, capped: total >= a.cap };
  }
  const ids = (await matches(db, a).orderBy('g.id').limit(a.limit).offset(a.offset).select('g.id')) as Array<{ id: string }>;
  const counted = (await db.from(matches(db, a).select(db.raw('1')).limit(a.cap).as('c')).count({ n: '*' })) as Array<{ n: string }>;
  const total = Number(counted[0]!.n);
  return { hits: ids.map((r) => ({ id: Number(r.id), score: null })), total, capped: total >= a.cap };
}

export interface FoundRecord {
  id: number; dataset: string; status: string; version: number; subject_uscc: string | null; natural_key: string; fields: Record<string, string>;
  updated_at: Date;
}

export async function recordsByIds(db: Db, ids: number[]): Promise<FoundRecord[]> {
  if (!ids.length) return [];
  const rows = (await db('golden_records').whereIn('id', ids)
    .select('id', 'dataset', 'status', 'version', 'subject_uscc', 'natural_key', 'fields', 'updated_at')) as FoundRecord[];
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/** The plan PostgreSQL picks for a search's page of ids (EXPLAIN, JSON), for tests of its shape. */
export async function explainSearch(db: Db, a: SearchArgs): Promise<unknown> {
  const q = matches(db, a).orderBy('g.id').limit(a.limit).offset(a.offset).select('g.id').toSQL().toNative();
  return jsonPlan(db, q.sql.replace(/\$\d+/g, '?'), q.bindings as never);
}
