import { verifyAuditChain } from '../../services/audit.ts';
import type { Parsed } from '../args.ts';
import { cliIdentity, withContext } from '../context.ts';
import { printJson, usage } from '../output.ts';
import type { Io } from '../output.ts';

/** `cdf audit verify [--json]`: recomputes the chain; exit 1 naming the first broken link. */
export async function auditCommand(io: Io, args: Parsed): Promise<number> {
  if (args.positionals[0] !== 'verify') throw usage('用法：cdf audit verify [--json]', 'usage: cdf audit verify [--json]');
  const r = await withContext((ctx) => verifyAuditChain(ctx.db, cliIdentity(args.as)));
  if (io.json) printJson(io, r);
  const en = io.lang === 'en';
  if (r.broken) {
    if (!io.json) io.err(en ? `the audit chain is broken at entry ${r.broken.seq}: ${r.broken.en}` : `审计链在第 ${r.broken.seq} 条处断开：${r.broken.zh}`);
    return 1;
  }
  if (!io.json) io.out(en ? `the audit chain is intact: ${r.entries} entries` : `审计链完整：共 ${r.entries} 条`);
  return 0;
}
