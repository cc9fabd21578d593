import { exportGolden } from '../../services/golden-export.ts';
import type { Parsed } from '../args.ts';
import { cliIdentity, withContext } from '../context.ts';
import { usage } from '../output.ts';
import type { Io } from '../output.ts';

/** `cdf export golden --dataset CODE [--format ndjson|csv] [--as-of TIME]`, streamed to standard output. */
export async function exportCommand(_io: Io, args: Parsed): Promise<number> {
  const [what] = args.positionals;
  const dataset = args.values.dataset as string | undefined;
  const format = (args.values.format as string | undefined) ?? 'ndjson';
  if (what !== 'golden' || !dataset || (format !== 'csv' && format !== 'ndjson')) {
    throw usage(
      '用法：cdf export golden --dataset CODE [--format ndjson|csv] [--as-of TIME]',
      'usage: cdf export golden --dataset CODE [--format ndjson|csv] [--as-of TIME]',
    );
  }
  const asOfText = args.values['as-of'] as string | undefined;
  const asOf = asOfText ? new Date(asOfText) : undefined;
  if (asOf && Number.isNaN(asOf.getTime()))
    throw usage(
      `--as-of 应为日期或时间，例如 2026-11-01 或 2026-11-01T08:00:00+08:00；实为「${asOfText}」`,
      `--as-of must be a date or time, e.g. 2026-11-01 or 2026-11-01T08:00:00+08:00; got "${asOfText}"`,
    );
  await withContext(async (ctx) => {
    for await (const chunk of exportGolden(ctx.db, cliIdentity(args.as, { unmask: Boolean(args.values.unmask) }), dataset, format, asOf ? { asOf } : {})) {
      if (!process.stdout.write(chunk)) await new Promise((r) => process.stdout.once('drain', r));
    }
  });
  return 0;
}
