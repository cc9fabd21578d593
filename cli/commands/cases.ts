// `cdf cases`: joint measures' cases (联合奖惩反馈) from the command line: the list, a department's
// feedback (as the department: --as agency:CODE or CDF_IDENTITY), and the figures.
import { getCase, listCaseFigures, listCases, submitFeedback } from '../../services/cases/index.ts';
import type { CaseView } from '../../services/cases/index.ts';
import { CASE_OUTCOME_NAMES, CASE_STATUS_NAMES } from '../../domain/cases.ts';
import type { CaseOutcome } from '../../domain/cases.ts';
import type { Parsed } from '../args.ts';
import { cliIdentity, withContext } from '../context.ts';
import { printJson, usage } from '../output.ts';
import type { Io } from '../output.ts';

const str = (v: string | boolean | undefined): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

function line(c: CaseView, en: boolean): string {
  const lang = en ? 'en' : 'zh';
  const outcome = c.outcome ? CASE_OUTCOME_NAMES[c.outcome as CaseOutcome]?.[lang] ?? c.outcome : '';
  return [c.id, c.department, c.measureName?.[lang] ?? c.measure, c.goldenId, c.subjectUscc ?? '', CASE_STATUS_NAMES[c.status][lang],
    c.dueAt.toISOString(), outcome].join('\t');
}

export async function casesCommand(io: Io, args: Parsed): Promise<number> {
  const [sub, id] = args.positionals;
  const v = args.values;
  const en = io.lang === 'en';
  const who = cliIdentity(args.as);
  const filter = {
    ...(str(v.status) ? { status: str(v.status) } : {}), ...(str(v.measure) ? { measure: str(v.measure) } : {}),
    ...(str(v.dataset) ? { dataset: str(v.dataset) } : {}), ...(str(v.department) ? { department: str(v.department) } : {}),
    ...(v.overdue ? { overdue: true } : {}),
  };
  if (sub === 'list') {
    const page = await withContext((ctx) => listCases(ctx, who, { ...filter, limit: 1000, offset: 0 }));
    if (io.json) printJson(io, page);
    else if (!page.cases.length) io.out(en ? 'no cases' : '没有案件');
    else for (const c of page.cases) io.out(line(c, en));
    return 0;
  }
  if (sub === 'show' && id) {
    const c = await withContext((ctx) => getCase(ctx, who, Number(id)));
    if (io.json) printJson(io, c);
    else io.out(line(c, en));
    return 0;
  }
  if (sub === 'feedback' && id && /^\d+$/.test(id)) {
    const detail = Object.fromEntries((['where', 'when', 'reason', 'claim', 'text'] as const).flatMap((k) => (str(v[k]) ? [[k, str(v[k])]] : [])));
    const answer = await withContext((ctx) => submitFeedback(ctx, who, Number(id), { outcome: str(v.outcome), detail }));
    if (io.json) printJson(io, answer);
    else io.out(`${en ? 'case' : '案件'} ${answer.caseId}: ${CASE_STATUS_NAMES[answer.status][en ? 'en' : 'zh']}`
      + `${answer.disputeTaskId ? (en ? ` · steward item ${answer.disputeTaskId}` : ` · 待处理事项 ${answer.disputeTaskId}`) : ''}`);
    return 0;
  }
  if (sub === 'figures') {
    const figures = await withContext((ctx) => listCaseFigures(ctx, who, filter));
    if (io.json) printJson(io, figures);
    else if (!figures.length) io.out(en ? 'no cases' : '没有案件');
    else {
      io.out(en ? 'department\tmeasure\tlist\topened\tclosed\toverdue\tdisputed\tclosure\tmedian h\tmean h'
        : '部门\t措施\t名单\t推送\t已反馈\t逾期\t异议\t反馈率\t中位用时(小时)\t平均用时(小时)');
      for (const f of figures) {
        io.out([f.department, f.measure, f.dataset, f.opened, f.closed, f.overdue, f.disputed, `${(f.closureRate * 100).toFixed(1)}%`,
          f.medianHours ?? '', f.meanHours ?? ''].join('\t'));
      }
    }
    return 0;
  }
  throw usage('用法：cdf cases list | show ID | feedback ID --outcome … | figures', 'usage: cdf cases list | show ID | feedback ID --outcome … | figures');
}
