// The link step's own figures for a benchmark run: what the link steps of the penalty batches
// reported (method counts, steward hand-offs, fuzzy lookups), the batches' 换码率 and 重错码率, and
// a probe of single fuzzy lookups against the loaded registry (a name with one character changed,
// as a typo would: the trigram index's `%` block, then fuse.js over the block).
import type { Db } from '../../db/connect.ts';
import type { BatchCounts } from '../../db/batches.ts';
import { scoreBlock } from '../../domain/link/fuzzy.ts';
import { blockKey } from '../../domain/link/name-key.ts';
import { BLOCK_SIMILARITY, lookupBlocks } from '../../activities/link/by-name.ts';
import { addLinkCounts, linkQuality, NO_LINK_COUNTS } from '../../domain/quality.ts';

export interface LinkFigures {
  byMethod: Record<string, number>;
  pendingForStewards: number;
  conversionRate: number;
  wrongCodePerMille: number;
  codeConflictsByKind: Record<string, number>;
  /** Milliseconds each part of the link steps took, summed over the batches (activities/link.ts). */
  msByPart: Record<string, number>;
  fuzzy: {
    namesInPipeline: number;
    linkedInPipeline: number;
    lookupMsInPipeline: number;
    probe: {
      lookups: number;
      medianMs: number;
      p95Ms: number;
      scoreMedianMs: number;
      foundInBlock: number;
      trigramOnly?: { medianMs: number; p95Ms: number; foundInBlock: number };
    };
  };
}

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? Math.round(s[Math.min(s.length - 1, Math.floor(q * s.length))]! * 100) / 100 : 0;
};

/** Times `lookups` single trigram lookups of registry names with one character changed. */
async function probeFuzzy(db: Db, lookups = 200): Promise<LinkFigures['fuzzy']['probe']> {
  const total = Number(((await db('registry_subjects').count({ n: '*' })) as Array<{ n: number }>)[0]!.n);
  if (!total) return { lookups: 0, medianMs: 0, scoreMedianMs: 0, p95Ms: 0, foundInBlock: 0 };
  const step = Math.max(1, Math.floor(total / lookups));
  const { rows } = await db.raw<{ rows: Array<{ uscc: string; name_key: string; rep_key: string | null }> }>(
    `select uscc, name_key, rep_key
       from (select uscc, name_key, rep_key, row_number() over (order by uscc) as i from registry_subjects) x
      where i % ? = 0 limit ?`, [step, lookups]);
  let found = 0;
  let foundByName = 0;
  const trigramMs: number[] = [];
  const ms: number[] = [];
  const scoreMs: number[] = [];
  await db.transaction(async (trx) => {
    await trx.raw(`set local pg_trgm.similarity_threshold = ${BLOCK_SIMILARITY}`);
    for (const r of rows) {
      // One character of the distinctive part changed (the 字号 follows 天津市 and the district).
      const chars = [...r.name_key];
      const at = Math.min(chars.length - 1, Math.max(r.name_key.indexOf(blockKey(r.name_key)), 0) + 1);
      chars[at] = chars[at] === '某' ? '甲' : '某';
      const typo = chars.join('');
      const t = performance.now();
      const block = (await lookupBlocks(trx, [{ nameKey: typo, repKey: r.rep_key }])).get(`${typo}|${r.rep_key ?? ''}`) ?? [];
      ms.push(performance.now() - t);
      // The same name looked up by its trigram block alone, as for a row without a legal representative.
      const t2 = performance.now();
      const byName = (await lookupBlocks(trx, [{ nameKey: typo, repKey: null }])).get(`${typo}|`) ?? [];
      trigramMs.push(performance.now() - t2);
      if (byName.some((b) => b.uscc === r.uscc)) foundByName++;
      if (block.some((b) => b.uscc === r.uscc)) found++;
      const s = performance.now();
      scoreBlock({ nameKey: typo, repKey: r.rep_key }, block);
      scoreMs.push(performance.now() - s);
    }
  });
  return {
    lookups: ms.length,
    medianMs: quantile(ms, 0.5),
    p95Ms: quantile(ms, 0.95),
    scoreMedianMs: quantile(scoreMs, 0.5),
    foundInBlock: found / Math.max(1, ms.length),
    trigramOnly: { medianMs: quantile(trigramMs, 0.5), p95Ms: quantile(trigramMs, 0.95), foundInBlock: foundByName / Math.max(1, ms.length) },
  };
}

export async function linkFigures(db: Db, batchIds: string[]): Promise<LinkFigures> {
  const { rows: methods } = await db.raw<{ rows: Array<{ m: string; n: number }> }>(
    `select coalesce(link_method, 'none') as m, count(*)::int as n from clean_rows where batch_id = any(?) group by 1 order by 1`, [batchIds]);
  const { rows: kinds } = await db.raw<{ rows: Array<{ kind: string; n: number }> }>(
    `select kind, count(*)::int as n from code_conflicts where batch_id = any(?) group by 1 order by 1`, [batchIds]);
  const { rows: steps } = await db.raw<{ rows: Array<{ stats: Record<string, number> }> }>(
    `select stats from batch_steps where step = 'link' and batch_id = any(?)`, [batchIds]);
  const { rows: batches } = await db.raw<{ rows: Array<{ counts: BatchCounts }> }>(`select counts from batches where id = any(?)`, [batchIds]);
  const sum = (k: string) => steps.reduce((n, s) => n + (s.stats[k] ?? 0), 0);
  const quality = linkQuality(batches.reduce((acc, b) => addLinkCounts(acc, b.counts.link ?? {}), NO_LINK_COUNTS));
  return {
    byMethod: Object.fromEntries(methods.map((r) => [r.m, r.n])),
    pendingForStewards: sum('linkPending'),
    ...quality,
    codeConflictsByKind: Object.fromEntries(kinds.map((r) => [r.kind, r.n])),
    msByPart: Object.fromEntries([...new Set(steps.flatMap((x) => Object.keys(x.stats)))].filter((k) => /^ms[A-Z]/.test(k)).sort().map((k) => [k, sum(k)])),
    fuzzy: { namesInPipeline: sum('fuzzyNames'), linkedInPipeline: sum('fuzzyLinked'), lookupMsInPipeline: sum('fuzzyLookupMs'), probe: await probeFuzzy(db) },
  };
}
