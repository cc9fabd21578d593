// The steward queue: what waits for a person to decide, oldest first (escalated items first), and
// the decisions. It holds the link step's uncertain links and the conflicts sync raises. Each
// level's stewards see and decide their own level's items (restrictTasks).
import type { Knex } from 'knex';
import { datasetDefinition } from '../catalog/dataset-definition.ts';
import type { Db } from '../db/connect.ts';
import { listTasks, whereTaskInScope } from '../db/queries/steward-tasks.ts';
import { isNaturalPerson, maskDeep, maskValue } from '../domain/publication/personal.ts';
import { TASK_KINDS, TASK_REASONS } from '../domain/steward/explain.ts';
import { Role, requireRole } from './identity.ts';
import type { Identity } from './identity.ts';
import { auditUnmask, unmaskedFor } from './masking.ts';
import { scopeOf } from './scope.ts';

export interface StewardTask {
  id: number;
  kind: string;
  status: string;
  batchId: string;
  rowNo: number;
  agency: string;
  dataset: string;
  subjectName: string | null;
  detail: Record<string, unknown>;
  createdAt: Date;
  escalatedAt: Date | null;
  /** The kind and the reason it was raised, in both languages, for whoever shows the queue. */
  kindName: { zh: string; en: string };
  reasonName: { zh: string; en: string };
}

export { TASK_KINDS, TASK_REASONS } from '../domain/steward/explain.ts';

const reasonOf = (detail: Record<string, unknown>): { zh: string; en: string } => {
  const code = String(detail['reason'] ?? detail['rule'] ?? '');
  return TASK_REASONS[code] ?? { zh: code, en: code };
};

/**
 * A district's stewards see the items about subjects registered in the district and those its
 * own agencies (its streets' included) raised; a street's, those its agencies raised; the city's,
 * all. The query must join steward_tasks `t`, batches `b` and clean_rows `c`. An item outside the
 * caller's scope is, for them, not there: deciding it answers "not found" (scope.ts).
 */
async function restrictTasks(db: Db, who: Identity): Promise<(q: Knex.QueryBuilder) => void> {
  // The one scope rule (scope.ts): a district's agencies include its streets'.
  const scope = await scopeOf(db, who);
  if (scope.all) return () => {};
  const v = scope.golden;
  return (q) => whereTaskInScope(q, { agencies: scope.agencies, ...(v.level === 'district' ? { district: v.district } : {}) });
}

export async function listStewardTasks(db: Db, who: Identity, opts: { status?: string; kind?: string; limit?: number } = {}): Promise<StewardTask[]> {
  requireRole(who, [Role.steward, Role.admin, Role.auditor], { zh: '查看待处理队列', en: 'read the steward queue' });
  const rows = await listTasks(
    db,
    { status: opts.status ?? 'open', ...(opts.kind ? { kind: opts.kind } : {}), limit: Math.min(opts.limit ?? 100, 1000) },
    await restrictTasks(db, who),
  );
  // A natural person's name and ID numbers, in the item and in the values it sets side by side,
  // masked unless the caller holds the unmask right (masking.ts), which is then audited once.
  const why = unmaskedFor(who);
  await auditUnmask(db, who, why, 'steward_queue', `tasks:${rows.map((r) => r.id).join(',')}`);
  const shown = (r: (typeof rows)[number]) => {
    if (why) return { subjectName: r.subject_name, detail: r.detail };
    const def = datasetDefinition(r.dataset);
    const person = isNaturalPerson(def, r.fields ?? {});
    const name = def.subject?.name ?? 'subject_name';
    return {
      subjectName: r.subject_name === null ? null : maskValue(def, name, r.subject_name, person),
      detail: maskDeep(def, r.detail, person) as Record<string, unknown>,
    };
  };
  return rows.map((r) => ({
    id: r.id, kind: r.kind, status: r.status, batchId: r.batch_id, rowNo: r.row_no, agency: r.agency, dataset: r.dataset,
    ...shown(r), createdAt: r.created_at, escalatedAt: r.escalated_at,
    kindName: TASK_KINDS[r.kind] ?? { zh: r.kind, en: r.kind },
    reasonName: reasonOf(r.detail),
  }));
}

export { decideStewardTask, reopenStewardTask } from './steward/decide.ts';
