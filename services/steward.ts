// The steward queue, read side: what waits for a person to decide, oldest first. Today it holds
// uncertain subject links (the link step's hand-off); merge conflicts and their decisions join it
// with the compare-and-sync work (issue 6).
import type { Db } from '../db/connect.ts';
import { Role, requireRole } from './identity.ts';
import type { Identity } from './identity.ts';

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
}

export const TASK_KINDS: Record<string, { zh: string; en: string }> = {
  uncertain_link: { zh: '主体关联待确认', en: 'uncertain subject link' },
};

export const TASK_REASONS: Record<string, { zh: string; en: string }> = {
  several_subjects: { zh: '多个登记主体同名', en: 'several registered subjects have this name' },
  legal_rep_differs: { zh: '名称一致但法定代表人不同', en: 'the name matches but the legal representative differs' },
  close_candidates: { zh: '近似名称候选难以区分', en: 'similar names too close to call' },
};

export async function listStewardTasks(db: Db, who: Identity, opts: { status?: string; kind?: string; limit?: number } = {}): Promise<StewardTask[]> {
  requireRole(who, [Role.steward, Role.admin, Role.auditor], { zh: '查看待处理队列', en: 'read the steward queue' });
  const q = db('steward_tasks as t').join('batches as b', 'b.id', 't.batch_id')
    .leftJoin('clean_rows as c', function () { this.on('c.batch_id', 't.batch_id').andOn('c.row_no', 't.row_no'); })
    .where('t.status', opts.status ?? 'open').orderBy('t.id').limit(Math.min(opts.limit ?? 100, 1000))
    .select('t.id', 't.kind', 't.status', 't.batch_id', 't.row_no', 'b.agency', 'b.dataset', 't.detail', 't.created_at', db.raw(`c.fields->>'subject_name' as subject_name`));
  if (opts.kind) void q.where('t.kind', opts.kind);
  const rows = (await q) as Array<{ id: number; kind: string; status: string; batch_id: string; row_no: number; agency: string; dataset: string; detail: Record<string, unknown>; created_at: Date; subject_name: string | null }>;
  return rows.map((r) => ({
    id: r.id, kind: r.kind, status: r.status, batchId: r.batch_id, rowNo: r.row_no, agency: r.agency, dataset: r.dataset,
    subjectName: r.subject_name, detail: r.detail, createdAt: r.created_at,
  }));
}
