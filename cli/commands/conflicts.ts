import { listStewardTasks, TASK_KINDS, TASK_REASONS } from '../../services/steward.ts';
import type { Parsed } from '../args.ts';
import { cliIdentity, withContext } from '../context.ts';
import { printJson, usage } from '../output.ts';
import type { Io } from '../output.ts';

/** `cdf conflicts list`: the steward queue. Deciding (`resolve`) arrives with issue 6. */
export async function conflictsCommand(io: Io, args: Parsed): Promise<number> {
  const [sub] = args.positionals;
  if (sub !== 'list') throw usage('用法：cdf conflicts list [--json]', 'usage: cdf conflicts list [--json]');
  const tasks = await withContext((ctx) => listStewardTasks(ctx.db, cliIdentity(args.as)));
  if (io.json) {
    printJson(io, tasks);
    return 0;
  }
  const en = io.lang === 'en';
  if (!tasks.length) io.out(en ? 'nothing waits for a steward' : '没有待处理的事项');
  for (const t of tasks) {
    const reason = TASK_REASONS[String(t.detail['reason'])];
    const candidates = (t.detail['candidates'] as Array<{ uscc: string; name: string }> | undefined) ?? [];
    io.out(`#${t.id}\t${(en ? TASK_KINDS[t.kind]?.en : TASK_KINDS[t.kind]?.zh) ?? t.kind}\t${t.batchId}:${t.rowNo}\t${t.subjectName ?? ''}\t${reason ? (en ? reason.en : reason.zh) : ''}`);
    for (const c of candidates) io.out(`\t  ${en ? 'candidate' : '候选'} ${c.uscc} ${c.name}`);
  }
  return 0;
}
