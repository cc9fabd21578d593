import { runExpiry } from '../../services/publication.ts';
import type { Parsed } from '../args.ts';
import { cliIdentity, withContext } from '../context.ts';
import { printJson, usage } from '../output.ts';
import type { Io } from '../output.ts';

/** `cdf publication expire [--today DATE] [--json]`: ends the publication of what expired. */
export async function publicationCommand(io: Io, args: Parsed): Promise<number> {
  if (args.positionals[0] !== 'expire')
    throw usage('用法：cdf publication expire [--today YYYY-MM-DD] [--json]', 'usage: cdf publication expire [--today YYYY-MM-DD] [--json]');
  const today = typeof args.values.today === 'string' ? args.values.today : undefined;
  const r = await withContext((ctx) => runExpiry(ctx, cliIdentity(args.as), today));
  if (io.json) printJson(io, r);
  else if (io.lang === 'en')
    io.out(`${r.day}: ${r.expired} record(s) reached the end of publication${r.since ? ` since ${r.since}` : ''}; ${r.delivered} tombstone(s) delivered`);
  else io.out(`${r.day}：${r.since ? `自 ${r.since} 起` : ''}公示期满 ${r.expired} 条，已向公示订阅方发送撤回 ${r.delivered} 条`);
  return 0;
}
