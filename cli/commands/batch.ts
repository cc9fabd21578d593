import type { Batch } from '../../db/batches.ts';
import { getBatch } from '../../services/batches.ts';
import { ERROR_CODES, isErrorCode } from '../../domain/errors.ts';
import { batchVariation } from '../../services/variation.ts';
import type { Parsed } from '../args.ts';
import { cliIdentity, withContext } from '../context.ts';
import { printJson, usage } from '../output.ts';
import type { Io } from '../output.ts';
import { describeSkipped, describeVariation } from './quality.ts';

const LABELS: Array<[keyof Batch['counts'], string, string]> = [
  ['received', '接收行数', 'rows received'],
  ['accepted', '通过校验', 'accepted'],
  ['rejected', '拒收', 'rejected'],
  ['new', '新增', 'new'],
  ['duplicates', '重复（已抑制）', 'duplicates suppressed'],
  ['conflicts', '冲突（待处理）', 'conflicts (open)'],
  ['suspectedDuplicates', '疑似重复（待处理）', 'suspected duplicates (open)'],
  ['updates', '同源更新', 'updates from the same source'],
  ['outOfResponsibility', '非本单位职责（重复上报）', 'outside its responsibility (double reporting)'],
  ['linked', '已关联统一社会信用代码', 'linked to a USCC'],
  ['unlinked', '未关联', 'not linked'],
  ['linkPending', '关联待人工确认', 'links waiting for a steward'],
  ['goldenCreated', '新建标准记录', 'golden records created'],
  ['goldenVersions', '已有记录的新版本', 'new versions of records held'],
  ['delivered', '已分发', 'delivered'],
];

const pct = (x: number): string => `${(x * 100).toFixed(2).replace(/\.?0+$/, '')}%`;

export function describeBatch(io: Io, b: Batch): string {
  const zh = io.lang !== 'en';
  const lines = [
    `${zh ? '批次' : 'Batch'} ${b.id} · ${b.agency} · ${b.dataset} · ${b.channel} · ${zh ? '状态' : 'status'} ${b.status}${b.step ? ` (${b.step})` : ''}`,
    `  ${zh ? '文件' : 'file'} ${b.fileName} (${b.encoding}, ${b.fileBytes} B, sha256 ${b.fileSha256.slice(0, 12)}…)` +
      ` · ${zh ? '目录版本' : 'catalogue version'} ${b.catalogVersion}`,
  ];
  for (const [k, z, e] of LABELS) {
    if (b.counts[k] === undefined) continue;
    lines.push(`  ${zh ? z : e}: ${String(b.counts[k])}`);
    if (k === 'rejected') {
      for (const [code, n] of Object.entries(b.counts.rejectedByCode ?? {})) {
        const reason = isErrorCode(code) ? ERROR_CODES[code].title : undefined;
        lines.push(`    ${reason ? `${zh ? reason.zh : reason.en} (${code})` : code}: ${n}`);
      }
    }
  }
  const q = b.counts.link;
  if (q) {
    lines.push(zh
      ? `  换码率: ${pct(q.conversionRate)}（未带有效统一社会信用代码的 ${q.withoutUscc} 行中转换 ${q.converted} 行）`
      : `  USCC conversion rate: ${pct(q.conversionRate)} (${q.converted} of ${q.withoutUscc} rows without a valid USCC converted)`);
    lines.push(zh
      ? `  重错码率: ${q.wrongCodePerMille}‰（${q.codeConflictRows} / ${q.organisations} 行）`
      : `  wrong-or-duplicate code rate: ${q.wrongCodePerMille}‰ (${q.codeConflictRows} of ${q.organisations} rows)`);
  }
  if (b.status === 'failed' && b.error) lines.push(`  ${zh ? '失败原因' : 'failure'}: ${JSON.stringify(b.error)}`);
  return lines.join('\n');
}

export async function batchCommand(io: Io, args: Parsed): Promise<number> {
  const [sub, id] = args.positionals;
  if (sub !== 'show' || !id) throw usage('用法：cdf batch show ID [--json]', 'usage: cdf batch show ID [--json]');
  const { batch, variation } = await withContext(async (ctx) => {
    const b = await getBatch(ctx.db, cliIdentity(args.as), id);
    return { batch: b, variation: await batchVariation(ctx.db, b) };
  });
  if (io.json) {
    printJson(io, { ...batch, variation });
    return 0;
  }
  const zh = io.lang !== 'en';
  const skipped = [...(batch.layout?.above ?? []), ...(batch.layout?.footers ?? [])];
  io.out([describeBatch(io, batch), ...describeSkipped(io, batch.layout?.header.line ?? 1, skipped),
    `  ${zh ? '需要的规范化' : 'normalisations needed'}:`, ...describeVariation(io, variation, '    ')].join('\n'));
  return 0;
}
