// `cdf lineage --batch ID --openlineage [--to FILE_OR_URL]`: a batch's run as OpenLineage run
// events — NDJSON on stdout (one event a line, for piping into another tool), or POSTed to a
// lineage server (an http(s) base URL, Marquez's) or appended to an NDJSON file.
import path from 'node:path';
import { describeTarget, emitRunEvents, parseTarget } from '../../connectors/openlineage/index.ts';
import { batchOpenLineage } from '../../services/openlineage.ts';
import type { Parsed } from '../args.ts';
import { cliIdentity, withContext } from '../context.ts';
import { printJson, say, usage } from '../output.ts';
import type { Io } from '../output.ts';

const USAGE = {
  zh: '用法：cdf lineage --batch ID --openlineage [--to 文件或URL]（不给 --to 时输出 NDJSON）',
  en: 'usage: cdf lineage --batch ID --openlineage [--to FILE_OR_URL] (NDJSON on stdout without --to)',
};

export async function openLineageCommand(io: Io, args: Parsed): Promise<number> {
  const { batch, to, openlineage, row, field } = args.values;
  if (typeof batch !== 'string' || !openlineage || args.positionals.length || row !== undefined || field !== undefined || to === '')
    throw usage(USAGE.zh, USAGE.en);
  const target = typeof to === 'string' ? parseTarget(to) : undefined;
  if (target?.kind === 'file') target.path = path.resolve(target.path);
  const events = await withContext((ctx) => batchOpenLineage(ctx.db, cliIdentity(args.as), batch));
  if (!target) {
    for (const e of events) io.out(JSON.stringify(e));
    return 0;
  }
  await emitRunEvents(target, events);
  const where = describeTarget(target);
  if (io.json) printJson(io, { batchId: batch, events: events.length, to: where });
  else
    io.out(
      say(io, {
        zh: `已将批次 ${batch} 的 ${events.length} 个 OpenLineage 事件发送至 ${where}`,
        en: `sent ${events.length} OpenLineage events of batch ${batch} to ${where}`,
      }),
    );
  return 0;
}
