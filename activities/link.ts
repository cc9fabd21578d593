// Step 2, link (关联): resolve each row's subject to a USCC and record how (method, confidence).
// In order of trust: a valid USCC (confirmed against the registry's name), a USCC whose check
// character was mistyped (repaired only when the registry's name and the rest of the code agree),
// legacy codes through the registry (organisation code, tax number, registration number), the exact
// name, another copy of the same disclosure already linked (its name or legal representative
// agreeing), then blocked fuzzy matching of the name. What cannot be decided goes to a steward. Runs
// before compare, whose material comparison needs the linked subject, not whichever code a copy
// happened to carry.
import { datasetDefinition, LINKED_SUBJECT } from '../catalog/dataset-definition.ts';
import { findBatch, mergeBatchCounts } from '../db/batches.ts';
import { cleanCounts } from '../db/queries/pipeline/clean.ts';
import { foldUnlinkedSubjects, linkByExactName, linkBySiblingCopy, linkFigures } from '../db/queries/pipeline/link.ts';
import type { ActivityDeps, BatchRef } from './deps.ts';
import { linkByLegacyCodes, linkByUscc, settleHeldUscc } from './link/by-code.ts';
import { linkByFuzzyName } from './link/by-name.ts';
import { flagBatchCodeConflicts } from './link/code-conflicts.ts';
import { analyze, runStepOnce } from './step-once.ts';
import type { StepStats } from './step-once.ts';

export async function link(deps: ActivityDeps, { batchId }: BatchRef): Promise<StepStats> {
  const def = datasetDefinition((await findBatch(deps.db, batchId))!.dataset);
  const subject = def.subject;
  const stats = await runStepOnce(deps.db, batchId, 'link', async (trx) => {
    if (!subject) return { linked: 0, unlinked: 0 };
    const scope = { batchId, subject, foldSubject: def.material.includes(LINKED_SUBJECT) };
    // Milliseconds per part, kept with the step's stats: the benchmark reads where link time goes.
    const ms: Record<string, number> = {};
    const timed = async <T>(part: string, work: () => Promise<T>): Promise<T> => {
      const t = performance.now();
      try {
        return await work();
      } finally {
        ms[part] = Math.round(performance.now() - t);
      }
    };
    let refused = 0;
    let fuzzy = { fuzzyNames: 0, fuzzyLinked: 0, fuzzyUncertain: 0, fuzzyLookupMs: 0 };
    if (def.registry) {
      // The registry's own rows carry the USCC that identifies them.
      await linkByUscc(trx, scope, false);
    } else {
      await timed('msUscc', () => linkByUscc(trx, scope, true));
      refused = await timed('msHeld', () => settleHeldUscc(trx, scope));
      await timed('msLegacy', () => linkByLegacyCodes(trx, scope));
      // Most rows are linked by now: the name steps and the conflict checks select the few that
      // are not, and the planner must know it (ANALYZE counts this transaction's own changes).
      await timed('msAnalyze', () => analyze(trx, 'clean_rows'));
      await timed('msName', () => linkByExactName(trx, scope));
      await timed('msCopy', () => linkBySiblingCopy(trx, scope, def.code));
      fuzzy = await timed('msFuzzy', () => linkByFuzzyName(trx, scope));
      await timed('msCodeConflicts', () => flagBatchCodeConflicts(trx, scope));
    }
    if (scope.foldSubject) {
      // Copies of one disclosure that name the subject differently (USCC in one, organisation code
      // in another) are the same when they link to the same subject: each link method folded the
      // USCC into the content hash as it set it; the rows left fold what they have instead, and keep
      // the hash without it (base_hash) for when a steward links them (activities/steward/awaiting-link.ts).
      await timed('msHash', () => foldUnlinkedSubjects(trx, scope));
    }
    const r = await linkFigures(trx, scope);
    return { linked: r.linked, unlinked: r.unlinked, linkPending: r.pending, codeConflictRows: r.conflicts, refused, ...fuzzy, ...ms };
  });
  // Held rows refused: the batch's accepted and rejected figures change.
  if (stats.refused) await mergeBatchCounts(deps.db, batchId, await cleanCounts(deps.db, batchId));
  await analyze(deps.db, 'clean_rows');
  return stats;
}
