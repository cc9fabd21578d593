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
import type { ActivityDeps, BatchRef } from './deps.ts';
import { bindings, linkByLegacyCodes, linkByUscc, settleHeldUscc } from './link/by-code.ts';
import { linkBySiblingCopy } from './link/by-copy.ts';
import { linkByExactName, linkByFuzzyName } from './link/by-name.ts';
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
      await timed('msHash', () => trx.raw(`
        update clean_rows c set base_hash = c.content_hash, content_hash = md5(c.content_hash || '|' || case
            when coalesce(c.fields->>:cat, '') = :person then 'person'
            else 'unlinked:' || concat_ws('|', c.fields->>:u, c.fields->>:o, c.fields->>:r, c.fields->>:t, c.name_key) end)
         where c.batch_id = :batchId and c.subject_uscc is null`, bindings(scope)));
    }
    const { rows } = await trx.raw<{ rows: Array<{ linked: number; unlinked: number; pending: number; conflicts: number }> }>(`
      select count(*) filter (where subject_uscc is not null)::int as linked,
             count(*) filter (where subject_uscc is null and coalesce(fields->>:cat, '') <> :person)::int as unlinked,
             (select count(*) from steward_tasks t where t.batch_id = :batchId and t.kind = 'uncertain_link')::int as pending,
             (select count(distinct row_no) from code_conflicts k where k.batch_id = :batchId)::int as conflicts
        from clean_rows where batch_id = :batchId`, bindings(scope));
    const r = rows[0]!;
    return { linked: r.linked, unlinked: r.unlinked, linkPending: r.pending, codeConflictRows: r.conflicts, refused, ...fuzzy, ...ms };
  });
  if (stats.refused) {
    const { rows } = await deps.db.raw<{ rows: Array<{ accepted: number; rejected: number }> }>(`
      select (select count(*) from clean_rows where batch_id = :batchId)::int as accepted,
             (select count(distinct row_no) from rejects where batch_id = :batchId)::int as rejected`, { batchId });
    await mergeBatchCounts(deps.db, batchId, rows[0]!);
  }
  await analyze(deps.db, 'clean_rows');
  return stats;
}
