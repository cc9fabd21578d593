import { repairRecord } from '../../services/credit-repair.ts';
import type { Parsed } from '../args.ts';
import { cliIdentity, withContext } from '../context.ts';
import { printJson, usage } from '../output.ts';
import type { Io } from '../output.ts';

/** `cdf repair RECORD_ID --basis TEXT [--note TEXT] [--json]`: credit repair of one golden record. */
export async function repairCommand(io: Io, args: Parsed): Promise<number> {
  const [id] = args.positionals;
  if (!id || !/^\d+$/.test(id))
    throw usage('用法：cdf repair RECORD_ID --basis 依据 [--note 说明] [--json]', 'usage: cdf repair RECORD_ID --basis TEXT [--note TEXT] [--json]');
  const r = await withContext((ctx) =>
    repairRecord(ctx, cliIdentity(args.as), Number(id), {
      basis: String(args.values.basis ?? ''),
      ...(args.values.note ? { note: String(args.values.note) } : {}),
    }),
  );
  if (io.json) printJson(io, r);
  else
    io.out(
      io.lang === 'en'
        ? `record ${r.goldenId} repaired: withdrawn from publication (v${r.version}), ${r.delivered} subscriber(s) notified`
        : `标准记录 ${r.goldenId} 已信用修复：停止公示（第 ${r.version} 版），已通知 ${r.delivered} 个订阅方`,
    );
  return 0;
}
