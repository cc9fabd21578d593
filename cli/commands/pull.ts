// `cdf pull list`: every catalogue entry the factory pulls, failing ones first, with how its last
// pull went. `cdf pull run --agency A --dataset D [--full]`: one pull now, waited for.
import { listPulls, runPull } from '../../services/pulls/index.ts';
import type { PullListRow } from '../../services/pulls/index.ts';
import type { Parsed } from '../args.ts';
import { cliIdentity, withContext } from '../context.ts';
import { printJson, say, usage } from '../output.ts';
import type { Io } from '../output.ts';

function describeState(io: Io, r: PullListRow): string {
  const s = r.state;
  if (!s) return say(io, { zh: '从未运行', en: 'never run' });
  if (s.failures) {
    return say(io, {
      zh: `失败中（连续 ${s.failures} 次，自 ${s.failing_since?.toISOString()}）：${s.last_error?.zh ?? ''}`,
      en: `failing (${s.failures} in a row since ${s.failing_since?.toISOString()}): ${s.last_error?.en ?? ''}`,
    });
  }
  return say(io, {
    zh: `正常，上次成功 ${s.last_success_at?.toISOString() ?? '—'}，${s.last_rows ?? 0} 行${s.last_batch_id ? `，批次 ${s.last_batch_id}` : ''}`,
    en: `ok, last success ${s.last_success_at?.toISOString() ?? '—'}, ${s.last_rows ?? 0} rows${s.last_batch_id ? `, batch ${s.last_batch_id}` : ''}`,
  });
}

export async function pullCommand(io: Io, args: Parsed): Promise<number> {
  const [sub] = args.positionals;
  const who = cliIdentity(args.as);
  if (sub === 'list') {
    const { rows } = await withContext((ctx) => listPulls(ctx, who, { limit: 10_000, offset: 0 }));
    if (io.json) printJson(io, rows);
    else if (!rows.length) io.out(say(io, { zh: '目录中没有配置抽取的条目', en: 'no catalogue entry has a pull' }));
    else for (const r of rows) io.out(`${r.agency}\t${r.dataset}\t${r.frequency}\t${r.connector}\t${describeState(io, r)}`);
    return 0;
  }
  if (sub === 'run') {
    const agency = args.values.agency;
    const dataset = args.values.dataset;
    if (typeof agency !== 'string' || typeof dataset !== 'string') {
      throw usage('用法：cdf pull run --agency CODE --dataset CODE [--full]', 'usage: cdf pull run --agency CODE --dataset CODE [--full]');
    }
    const channel = typeof args.values.channel === 'string' ? args.values.channel : undefined;
    const run = await withContext((ctx) => runPull(ctx, who, { agency, dataset, channel, full: args.values.full === true, wait: true }));
    const r = run.result!;
    if (io.json) printJson(io, { workflowId: run.workflowId, ...r });
    else if (r.stale) io.out(say(io, { zh: '另一次抽取先完成了，本次读取的行已由它处理', en: 'another pull finished first and took these rows' }));
    else if (!r.batchId) io.out(say(io, { zh: '没有新数据，未生成批次', en: 'nothing new: no batch' }));
    else {
      io.out(say(io, r.duplicate
        ? { zh: `抽取 ${r.rows} 行，与已接收的批次 ${r.batchId} 相同，未重复处理`, en: `pulled ${r.rows} rows, the same as batch ${r.batchId} received before` }
        : { zh: `抽取 ${r.rows} 行，批次 ${r.batchId}`, en: `pulled ${r.rows} rows as batch ${r.batchId}` }));
    }
    return 0;
  }
  throw usage('用法：cdf pull list | run --agency CODE --dataset CODE [--full]', 'usage: cdf pull list | run --agency CODE --dataset CODE [--full]');
}
