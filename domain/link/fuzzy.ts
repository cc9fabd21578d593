// Scores a small candidate block for one name with fuse.js and decides: link, ask a steward, or
// give up. The block comes from an index (pg_trgm over the registry), never from a scan of the
// whole registry. Pure: the link activity feeds it blocks and stores what it decides.
import Fuse from 'fuse.js';

export interface Candidate {
  uscc: string;
  name: string;
  nameKey: string;
  repKey: string | null;
}

export interface ScoredCandidate extends Candidate {
  /** 0…1: how sure we are that this candidate is the row's subject. */
  confidence: number;
  /** The name's part of it (fuse.js score turned round, less a penalty for a length difference). */
  nameScore: number;
  repAgrees: boolean | null;
}

export type FuzzyOutcome =
  | { kind: 'link'; best: ScoredCandidate; candidates: ScoredCandidate[] }
  | { kind: 'uncertain'; candidates: ScoredCandidate[] }
  | { kind: 'none'; candidates: ScoredCandidate[] };

export interface FuzzyThresholds {
  /** At or above: linked without asking. */
  link: number;
  /** Below `link` but at or above this: a steward decides. Below: no candidate worth showing. */
  review: number;
  /** The best must lead the second by this much to be linked; closer calls go to a steward. */
  margin: number;
}

export const FUZZY_THRESHOLDS: Readonly<FuzzyThresholds> = { link: 0.9, review: 0.6, margin: 0.05 };
/** Rule id and version recorded with every fuzzy decision, like a cleaning rule. */
export const FUZZY_RULE = { id: 'name_fuzzy', version: 1 } as const;

export function scoreBlock(
  query: { nameKey: string; repKey: string | null },
  block: readonly Candidate[],
  t: FuzzyThresholds = FUZZY_THRESHOLDS,
): FuzzyOutcome {
  if (block.length === 0) return { kind: 'none', candidates: [] };
  const fuse = new Fuse(block, { keys: ['nameKey'], includeScore: true, ignoreLocation: true, isCaseSensitive: true, threshold: 0.6 });
  const qLen = [...query.nameKey].length;
  const scored = fuse
    .search(query.nameKey)
    .map(({ item, score = 1 }): ScoredCandidate => {
      const cLen = [...item.nameKey].length;
      // fuse.js finds the query inside a longer name at no cost: a short name must not match every
      // longer one that contains it.
      const nameScore = Math.max(0, 1 - score - (0.5 * Math.abs(cLen - qLen)) / Math.max(cLen, qLen));
      const repAgrees = query.repKey && item.repKey ? query.repKey === item.repKey : null;
      const confidence = Math.max(0, Math.min(0.99, nameScore + (repAgrees === true ? 0.05 : repAgrees === false ? -0.3 : 0)));
      return { ...item, nameScore: round(nameScore), repAgrees, confidence: round(confidence) };
    })
    .sort((a, b) => b.confidence - a.confidence || a.uscc.localeCompare(b.uscc));
  const [best, second] = scored;
  const candidates = scored.filter((c) => c.confidence >= t.review).slice(0, 5);
  if (!best || best.confidence < t.review) return { kind: 'none', candidates: [] };
  if (best.confidence >= t.link && (!second || best.confidence - second.confidence >= t.margin)) return { kind: 'link', best, candidates };
  return { kind: 'uncertain', candidates };
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
