import type { StewardDecision } from '../../domain/steward/decision.ts';
import { decideStewardTask, listStewardTasks } from '../../services/steward.ts';
import type { Parsed } from '../args.ts';
import { cliIdentity, withContext } from '../context.ts';
import { printJson, usage } from '../output.ts';
import type { Io } from '../output.ts';

const USAGE = {
  zh:
    '用法：cdf conflicts list [--json] | cdf conflicts resolve ID ' +
    '(--take A|B | --value V [--field NAME] | --merge | --keep-apart | --reject | --link USCC | --no-subject) [--note TEXT] [--json]',
  en:
    'usage: cdf conflicts list [--json] | cdf conflicts resolve ID ' +
    '(--take A|B | --value V [--field NAME] | --merge | --keep-apart | --reject | --link USCC | --no-subject) [--note TEXT] [--json]',
};

/** The decision the flags ask for; A is the value held, B the incoming row's. */
function decisionOf(args: Parsed, differs: string[]): StewardDecision['decision'] {
  const v = args.values;
  const chosen = [
    v.take !== undefined,
    v.value !== undefined,
    Boolean(v['keep-apart']),
    Boolean(v.merge),
    Boolean(v.reject),
    v.link !== undefined,
    Boolean(v['no-subject']),
  ].filter(Boolean).length;
  if (chosen !== 1) throw usage(USAGE.zh, USAGE.en);
  if (v.take !== undefined) {
    if (v.take !== 'A' && v.take !== 'B') throw usage('--take 只能是 A（保留现值）或 B（采用新来的值）', '--take must be A (keep the value held) or B (take the incoming value)');
    return { action: v.take === 'A' ? 'take_held' : 'take_incoming' };
  }
  if (v.value !== undefined) {
    const field = (v.field as string | undefined) ?? (differs.length === 1 ? differs[0] : undefined);
    if (!field) throw usage('有多个字段不一致，请用 --field 指明要输入的字段', 'several fields differ: name the one to enter with --field');
    return { action: 'set_values', values: { [field]: String(v.value) } };
  }
  if (v['keep-apart']) return { action: 'keep_apart' };
  if (v.merge) return { action: 'merge' };
  if (v.reject) return { action: 'reject' };
  if (v.link !== undefined) return { action: 'link', uscc: String(v.link).toUpperCase() };
  return { action: 'no_subject' };
}

export async function conflictsCommand(io: Io, args: Parsed): Promise<number> {
  const [sub, id] = args.positionals;
  if (sub === 'resolve') {
    const taskId = Number(id);
    if (!Number.isInteger(taskId) || taskId <= 0) throw usage(USAGE.zh, USAGE.en);
    const outcome = await withContext(async (ctx) => {
      const task = (await ctx.db('steward_tasks').where({ id: taskId }).first('detail')) as { detail: { differs?: string[] } } | undefined;
      const decision = decisionOf(args, (task?.detail.differs ?? []).filter((f) => f !== '$subject'));
      return decideStewardTask(ctx, cliIdentity(args.as), taskId, decision, args.values.note as string | undefined);
    });
    if (io.json) printJson(io, outcome);
    else io.out(io.lang === 'en'
      ? `item ${outcome.taskId} decided (${outcome.action})${outcome.version ? `: record ${outcome.goldenId} is now version ${outcome.version}` : ''}` +
        `; ${outcome.open} item(s) of its batch still open`
      : `事项 ${outcome.taskId} 已处理（${outcome.action}）${outcome.version ? `：标准记录 ${outcome.goldenId} 更新为第 ${outcome.version} 版` : ''}` +
        `；该批次尚有 ${outcome.open} 项待处理`);
    return 0;
  }
  if (sub !== 'list') throw usage(USAGE.zh, USAGE.en);
  const tasks = await withContext((ctx) => listStewardTasks(ctx.db, cliIdentity(args.as)));
  if (io.json) {
    printJson(io, tasks);
    return 0;
  }
  const en = io.lang === 'en';
  if (!tasks.length) io.out(en ? 'nothing waits for a steward' : '没有待处理的事项');
  for (const t of tasks) {
    const candidates = (t.detail['candidates'] as Array<{ uscc: string; name: string }> | undefined) ?? [];
    io.out(
      `#${t.id}\t${en ? t.kindName.en : t.kindName.zh}\t${t.batchId}:${t.rowNo}\t${t.subjectName ?? ''}\t${en ? t.reasonName.en : t.reasonName.zh}` +
        `${t.escalatedAt ? (en ? '\t(escalated)' : '\t（已升级）') : ''}`,
    );
    for (const c of candidates) io.out(`\t  ${en ? 'candidate' : '候选'} ${c.uscc} ${c.name}`);
    const candidate = t.detail['candidate'] as { goldenId: number; naturalKey: string } | undefined;
    if (candidate)
      io.out(
        `\t  ${en ? 'similar to record' : '疑似与标准记录重复'} ${candidate.goldenId} ${candidate.naturalKey} (${en ? 'score' : '相似度'} ${String(t.detail['score'])})`,
      );
    const held = t.detail['held'] as { values?: Record<string, unknown>; source?: string } | undefined;
    const incoming = t.detail['incoming'] as { values?: Record<string, unknown>; source?: string } | undefined;
    if (held && incoming) {
      for (const f of (t.detail['differs'] as string[] | undefined) ?? []) {
        if (f === '$subject') continue;
        io.out(
          `\t  ${f}: A=${JSON.stringify(held.values?.[f] ?? null)} (${held.source ?? '?'})` +
            `  B=${JSON.stringify(incoming.values?.[f] ?? null)} (${incoming.source ?? '?'})`,
        );
      }
      const suggested = t.detail['suggested'] === 'take_held' ? 'A' : 'B';
      io.out(`\t  ${en ? 'suggested' : '建议'}: --take ${suggested} (${String(t.detail['suggestedBecause'])})`);
    }
  }
  return 0;
}
