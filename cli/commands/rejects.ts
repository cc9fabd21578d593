import { exportRejects, getBatch } from '../../services/batches.ts';
import type { Parsed } from '../args.ts';
import { cliIdentity, withContext } from '../context.ts';
import { usage } from '../output.ts';
import type { Io } from '../output.ts';

export async function rejectsCommand(io: Io, args: Parsed): Promise<number> {
  const [id] = args.positionals;
  const format = (args.values.format as string | undefined) ?? 'csv';
  if (!id || (format !== 'csv' && format !== 'ndjson'))
    throw usage('用法：cdf rejects BATCH_ID [--format csv|ndjson]', 'usage: cdf rejects BATCH_ID [--format csv|ndjson]');
  await withContext(async (ctx) => {
    const who = cliIdentity(args.as, { unmask: Boolean(args.values.unmask) });
    const batch = await getBatch(ctx.db, who, id);
    for await (const chunk of exportRejects(ctx.db, who, batch, format)) process.stdout.write(chunk);
  });
  return 0;
}
