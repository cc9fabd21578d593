// Link by name, for the rows no code resolved: first an exact match of the name key (a join, which
// settles most of them), then, for the rest only, blocked fuzzy matching: an index over the
// registry (legal representative, else trigrams of the name) picks at most BLOCK candidates per
// name and fuse.js scores them. Nothing compares a
// name with the whole registry. What is too close to call goes to the steward queue. The statements
// are db/queries/pipeline/link.ts.
import type { Knex } from 'knex';
import { FUZZY_RULE, scoreBlock } from '../../domain/link/fuzzy.ts';
import { blockKey } from '../../domain/link/name-key.ts';
import type { Candidate, ScoredCandidate } from '../../domain/link/fuzzy.ts';
import {
  askAboutFuzzyNames, blockByLegalRep, blockByTrigrams, linkByFuzzyMatches, setBlockSimilarity, unlinkedNames,
} from '../../db/queries/pipeline/link.ts';
import type { BlockRow, FuzzyLinks, FuzzyQuestions, LinkScope } from '../../db/queries/pipeline/link.ts';

// The benchmark's link figures time the same block lookups (bench/run/link-figures.ts).
export { BLOCK_SIMILARITY } from '../../db/queries/pipeline/link.ts';

/** Names looked up per statement. */
const LOOKUP_CHUNK = 200;

export interface FuzzyStats {
  fuzzyNames: number;
  fuzzyLinked: number;
  fuzzyUncertain: number;
  fuzzyLookupMs: number;
}

export interface NameQuery { nameKey: string; repKey: string | null }
const queryKey = (q: NameQuery): string => `${q.nameKey}|${q.repKey ?? ''}`;

function collect(rows: BlockRow[], queries: NameQuery[], into: Map<string, Candidate[]>): void {
  for (const r of rows) {
    const key = queryKey(queries[r.i - 1]!);
    const list = into.get(key) ?? [];
    if (!list.some((c) => c.uscc === r.uscc)) list.push({ uscc: r.uscc, name: r.name, nameKey: r.name_key, repKey: r.rep_key });
    into.set(key, list);
  }
}

/**
 * The candidate block of each (name, legal representative). First the subjects registered with the
 * same legal representative (a b-tree lookup: a one-character typo in the name leaves the legal
 * representative as it was), closest names first. Only for names that block finds nothing like
 * (or that come without a legal representative), the trigram index on the distinctive part of the
 * name. Measured on 1,000,000 generated names: the trigram block alone costs about 90 ms a lookup
 * (the trade words in a 字号 are shared by tens of thousands of names); the legal-representative
 * block a few milliseconds.
 */
export async function lookupBlocks(trx: Knex.Transaction, queries: NameQuery[]): Promise<Map<string, Candidate[]>> {
  const blocks = new Map<string, Candidate[]>();
  const numbered = queries.map((q, i) => ({ q, i: i + 1 }));
  const withRep = numbered.filter((x) => x.q.repKey);
  if (withRep.length) collect(await blockByLegalRep(trx, withRep.map(({ q, i }) => ({ i, nameKey: q.nameKey, probe: q.repKey }))), queries, blocks);
  const rest = numbered.filter((x) => !blocks.has(queryKey(x.q)));
  if (rest.length) collect(await blockByTrigrams(trx, rest.map(({ q, i }) => ({ i, nameKey: q.nameKey, probe: blockKey(q.nameKey) }))), queries, blocks);
  return blocks;
}

const brief = (c: ScoredCandidate) => ({ uscc: c.uscc, name: c.name, confidence: c.confidence, nameScore: c.nameScore, repAgrees: c.repAgrees });

export async function linkByFuzzyName(trx: Knex.Transaction, s: LinkScope): Promise<FuzzyStats> {
  const names = await unlinkedNames(trx, s);
  const stats: FuzzyStats = { fuzzyNames: 0, fuzzyLinked: 0, fuzzyUncertain: 0, fuzzyLookupMs: 0 };
  if (!names.length) return stats;
  await setBlockSimilarity(trx);
  for (let i = 0; i < names.length; i += LOOKUP_CHUNK) {
    const chunk = names.slice(i, i + LOOKUP_CHUNK);
    const started = performance.now();
    const blocks = await lookupBlocks(trx, chunk.map((n) => ({ nameKey: n.name_key, repKey: n.rep_key })));
    stats.fuzzyLookupMs += performance.now() - started;
    const link: FuzzyLinks = { nameKey: [], repKey: [], uscc: [], confidence: [] };
    const ask: FuzzyQuestions = { nameKey: [], repKey: [], detail: [] };
    for (const n of chunk) {
      stats.fuzzyNames++;
      const q = { nameKey: n.name_key, repKey: n.rep_key };
      const outcome = scoreBlock(q, blocks.get(queryKey(q)) ?? []);
      if (outcome.kind === 'link') {
        link.nameKey.push(n.name_key); link.repKey.push(n.rep_key); link.uscc.push(outcome.best.uscc); link.confidence.push(outcome.best.confidence);
        stats.fuzzyLinked++;
      } else if (outcome.kind === 'uncertain') {
        ask.nameKey.push(n.name_key); ask.repKey.push(n.rep_key);
        ask.detail.push(JSON.stringify({ method: 'name_fuzzy', rule: FUZZY_RULE, reason: 'close_candidates', candidates: outcome.candidates.map(brief) }));
        stats.fuzzyUncertain++;
      }
    }
    await linkByFuzzyMatches(trx, s, link);
    await askAboutFuzzyNames(trx, s, ask);
  }
  stats.fuzzyLookupMs = Math.round(stats.fuzzyLookupMs);
  return stats;
}
