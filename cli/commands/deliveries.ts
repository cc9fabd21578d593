import { listDeliveries } from '../../services/deliveries.ts';
import type { DeliveryRow } from '../../services/deliveries.ts';
import type { Parsed } from '../args.ts';
import { cliIdentity, withContext } from '../context.ts';
import { printJson } from '../output.ts';
import type { Io } from '../output.ts';

/** `cdf deliveries [--status delivered|withheld|failing] [--json]`: the newest deliveries first. */
export async function deliveriesCommand(io: Io, args: Parsed): Promise<number> {
  const status = typeof args.values.status === 'string' ? args.values.status : undefined;
  const rows = await withContext((ctx) => listDeliveries(ctx.db, cliIdentity(args.as), { ...(status ? { status } : {}) }));
  if (io.json) {
    printJson(io, rows);
    return 0;
  }
  const en = io.lang === 'en';
  if (!rows.length) io.out(en ? 'no deliveries' : '没有分发记录');
  for (const d of rows) io.out(`${d.key}\t${d.subscription}\t${deliveryOutcome(d, en)}`);
  return 0;
}

/** One delivery's outcome in a line: what it carried, or why it was held back, or how it fails. */
export function deliveryOutcome(d: DeliveryRow, en: boolean): string {
  if (d.status === 'delivered') {
    return (
      `${d.records} ${en ? 'records' : '条'} +${d.tombstones} ${en ? 'tombstones' : '撤回'}` +
      `${d.withheld ? ` · ${d.withheld} ${en ? 'held back (out of scope or publicity)' : '未下发（订阅范围或公示期外）'}` : ''}` +
      `${d.location ? ` · ${d.location}` : ''}`
    );
  }
  if (d.status === 'failing') return `${en ? 'failing, attempts' : '投递失败，已尝试'} ${d.attempts} · ${d.lastError ?? ''}`;
  return `${en ? 'withheld' : '未下发'}: ${d.status.replace('withheld:', '')}`;
}
