import { batchLineage, recordLineage } from '../../services/lineage.ts';
import type { Parsed } from '../args.ts';
import { parseAsOf } from '../as-of.ts';
import { cliIdentity, withContext } from '../context.ts';
import { printJson, usage } from '../output.ts';
import type { Io } from '../output.ts';
import { deliveryOutcome } from './deliveries.ts';
import { openLineageCommand } from './openlineage.ts';

const USAGE = {
  zh:
    '用法：cdf lineage RECORD_ID [--field NAME] [--as-of TIME] [--json] | cdf lineage --batch ID [--row N] [--json] | ' +
    'cdf lineage --batch ID --openlineage [--to FILE_OR_URL]',
  en:
    'usage: cdf lineage RECORD_ID [--field NAME] [--as-of TIME] [--json] | cdf lineage --batch ID [--row N] [--json] | ' +
    'cdf lineage --batch ID --openlineage [--to FILE_OR_URL]',
};

/** Backward from a golden record (and a field), or forward from a batch (and a row). */
export async function lineageCommand(io: Io, args: Parsed): Promise<number> {
  if (args.values.openlineage || args.values.to !== undefined) return openLineageCommand(io, args);
  const [id] = args.positionals;
  const batch = args.values.batch as string | undefined;
  const row = args.values.row !== undefined ? Number(args.values.row) : undefined;
  if ((batch ? id !== undefined : !id || !/^\d+$/.test(id)) || (row !== undefined && !(Number.isInteger(row) && row > 0))) throw usage(USAGE.zh, USAGE.en);
  const who = cliIdentity(args.as, { unmask: Boolean(args.values.unmask) });
  const en = io.lang === 'en';
  if (batch) {
    const l = await withContext((ctx) => batchLineage(ctx.db, who, batch, row));
    if (io.json) {
      printJson(io, l);
      return 0;
    }
    for (const r of l.rows) io.out(`${en ? 'row' : '行'} ${r.rowNo} → ${en ? 'record' : '标准记录'} ${r.goldenId} (${r.role})`);
    for (const v of l.versions) io.out(`${en ? 'record' : '标准记录'} ${v.goldenId} v${v.version} ← ${en ? 'row' : '行'} ${v.rowNo} · ${v.validFrom.toISOString()}`);
    for (const d of l.deliveries) io.out(`${en ? 'delivery' : '分发'} ${d.subscription} · ${deliveryOutcome(d, en)}`);
    return 0;
  }
  const field = args.values.field as string | undefined;
  const asOf = parseAsOf(args.values['as-of'] as string | undefined);
  const l = await withContext((ctx) => recordLineage(ctx.db, who, Number(id), field, asOf));
  if (io.json) {
    printJson(io, l);
    return 0;
  }
  const val = (v: string | null | undefined) => (field ? ` ${field}=${JSON.stringify(v ?? null)}` : '');
  const asOfText = l.asOf ? ` · ${en ? 'as of' : '截至'} ${l.asOf.toISOString()}` : '';
  io.out(
    `${en ? 'record' : '标准记录'} ${l.record.id} · ${l.record.dataset} · ${l.record.naturalKey} · v${l.record.version} · ${l.record.status}` +
      `${val(l.record.value)}${asOfText}`,
  );
  const from = (fs: NonNullable<(typeof l.versions)[number]['fieldSource']>) =>
    'task' in fs
      ? en
        ? `entered by decision #${fs.task}`
        : `决定 #${fs.task} 录入`
      : 'batchId' in fs
        ? `${en ? 'from' : '取自'} ${fs.batchId}:${fs.rowNo}`
        : en
          ? 'entered'
          : '录入';
  for (const v of l.versions)
    io.out(`  v${v.version} ← ${v.batchId}:${v.rowNo} · ${v.validFrom.toISOString()}${val(v.value)}${v.fieldSource ? ` (${from(v.fieldSource)})` : ''}`);
  for (const s of l.sources) {
    io.out(
      `  ${en ? 'source' : '来源'} ${s.batchId}:${s.rowNo} (${s.role}) · ${s.agency} · ${s.channel} · ${s.fileName}` +
        ` sha256 ${s.fileSha256.slice(0, 12)}… · ${en ? 'catalogue' : '目录'} v${s.catalogVersion}` +
        `${field ? ` · ${en ? 'received' : '原值'} ${JSON.stringify(s.received ?? null)} → ${JSON.stringify(s.value ?? null)}` : ''}` +
        ` · ${en ? 'link' : '关联'} ${s.link.method ?? '-'} ${s.link.confidence ?? ''}`,
    );
    for (const c of s.cleanChanges) io.out(`    ${c.field}: ${c.ruleId}@${c.ruleVersion} ${JSON.stringify(c.before)} → ${JSON.stringify(c.after)}`);
  }
  for (const d of l.decisions) {
    io.out(
      `  ${en ? 'decision' : '决定'} #${d.id} ${d.kind} ${d.status} ${d.decidedBy ?? ''}` +
        ` ${JSON.stringify((d.decision as { decision?: unknown } | null)?.decision ?? null)}${d.note ? ` · ${d.note}` : ''}`,
    );
  }
  return 0;
}
