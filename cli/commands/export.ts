import { exportGolden } from '../../services/golden-export.ts';
import type { Parsed } from '../args.ts';
import { parseAsOf } from '../as-of.ts';
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
  const asOf = parseAsOf(args.values['as-of'] as string | undefined);
  await withContext(async (ctx) => {
    for await (const chunk of exportGolden(ctx.db, cliIdentity(args.as, { unmask: Boolean(args.values.unmask) }), dataset, format, asOf ? { asOf } : {})) {
      if (!process.stdout.write(chunk)) await new Promise((r) => process.stdout.once('drain', r));
    }
  });
  return 0;
}
