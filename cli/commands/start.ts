import { loadDemo } from '../../services/demo.ts';
import { addLinkCounts, linkQuality, NO_LINK_COUNTS } from '../../domain/quality.ts';
import { loadConfig } from '../../runtime/config.ts';
import { startFactory } from '../../runtime/factory.ts';
import { Shutdown } from '../../runtime/shutdown.ts';
import { openContext } from '../../services/context.ts';
import { ensureDemoAccounts } from '../../services/auth/demo-accounts.ts';
import type { DemoAccount } from '../../services/auth/demo-accounts.ts';
import type { Parsed } from '../args.ts';
import type { Io } from '../output.ts';
import type { Batch } from '../../db/batches.ts';

export async function startCommand(io: Io, _args: Parsed): Promise<number> {
  const started = Date.now();
  const config = loadConfig();
  const shutdown = new Shutdown();
  // Registered before anything starts: Ctrl-C during start-up stops what is already up. Order:
  // worker, API, Temporal, then PostgreSQL (the reverse of starting).
  let up = false;
  const stop = async () => {
    if (!up) {
      // Start-up is still running: it stops what it started at its next step and exits.
      shutdown.requested = true;
      return;
    }
    if (shutdown.started) return;
    io.out('\n正在停止… / stopping…');
    await shutdown.run((l) => io.err(l));
    io.out('已停止 / stopped');
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop());
  const factory = await startFactory(config, (l) => io.out(l), shutdown);
  up = true;
  try {
    const ctx = await openContext(config, factory.postgres.databaseUrl, factory.temporal.address);
    io.out('载入演示目录和演示数据… / loading the demo catalogue and extract…');
    let accounts: DemoAccount[] = [];
    const demo = await loadDemo(ctx)
      .then(async (d) => {
        accounts = await ensureDemoAccounts(ctx.db, config.dataDir);
        return d;
      })
      .finally(() => ctx.close());
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    // Totals are the disclosures'; the registry batch is listed but not added in.
    const penalties = demo.batches.filter((b) => b.file.dataset === 'admin_penalty');
    const sum = (k: keyof Batch['counts']) => penalties.reduce((n, b) => n + Number(b.batch.counts[k] ?? 0), 0);
    const link = linkQuality(penalties.reduce((acc, b) => addLinkCounts(acc, b.batch.counts.link ?? {}), NO_LINK_COUNTS));
    const pct = `${(link.conversionRate * 100).toFixed(1)}%`;
    const rows = demo.batches.map(({ file, batch, duplicate }) => {
      const c = batch.counts;
      return (
        `  ${file.file.padEnd(46)} ${file.channel.padEnd(18)} ${String(c.received).padStart(4)} ${String(c.accepted).padStart(4)}` +
        ` ${String(c.rejected).padStart(4)} ${String(c.duplicates).padStart(4)} ${String(c.conflicts).padStart(4)}` +
        ` ${String(c.goldenCreated).padStart(4)}  ${batch.id}${duplicate ? ' *' : ''}`
      );
    });
    io.out([
      '',
      `信用数据工厂已启动（${seconds} 秒）/ The credit data factory is running (${seconds} s)`,
      `  界面 UI            ${factory.apiUrl}/`,
      `  接口 API           ${factory.apiUrl}/api  (OpenAPI: ${factory.apiUrl}/api/openapi.json)`,
      `  Temporal 界面 UI   ${factory.temporal.uiUrl ?? `(${factory.temporal.address})`}`,
      `  数据目录 data      ${config.dataDir}  ·  日志 logs ${factory.logsDir}`,
      '',
      `演示数据 / demo data: 目录版本 catalogue version ${demo.catalogVersion}; ${demo.batches.length} 个批次 batches` +
        '（法人登记 + 三条通道的行政处罚 / registry + penalties over three channels）',
      `  ${'文件 file'.padEnd(44)} ${'通道 channel'.padEnd(16)} 接收 通过 拒收 重复 冲突 新记录  批次 batch`,
      `  ${''.padEnd(46)} ${''.padEnd(18)} recv  acc  rej  dup conf  new`,
      ...rows,
      `  合计：接收 ${sum('received')} 行，通过 ${sum('accepted')}，拒收 ${sum('rejected')}；跨通道重复 ${sum('duplicates')}，` +
        `冲突 ${sum('conflicts')}（待数据管理员处理）；标准记录 ${sum('goldenCreated')}，已分发 ${sum('delivered')}`,
      `  total: received ${sum('received')} rows, accepted ${sum('accepted')}, rejected ${sum('rejected')}; ` +
        `duplicates across channels ${sum('duplicates')}, conflicts ${sum('conflicts')} (for stewards); ` +
        `golden records ${sum('goldenCreated')}, delivered ${sum('delivered')}`,
      `  关联：换码率 ${pct}，重错码率 ${link.wrongCodePerMille}‰，待人工确认 ${sum('linkPending')} 行 / ` +
        `link: USCC conversion ${pct}, wrong-or-duplicate codes ${link.wrongCodePerMille}‰, ${sum('linkPending')} rows for stewards`,
      ...(demo.batches.some((b) => b.duplicate) ? ['  * 已处理过的文件，未重复处理 / received before, not processed again'] : []),
      '',
      `登录 / sign in at ${factory.apiUrl}/ （密码保存在 / passwords kept in ${config.dataDir}/demo-accounts.json）`,
      ...accounts.map((a) => `  ${a.username.padEnd(16)} ${a.password}  ${a.zh} / ${a.en}`),
      '',
      `试试 / try:  npx cdf batch show ${penalties[0]!.batch.id}   ·   npx cdf rejects ${penalties[0]!.batch.id}   ·   npx cdf codes map <组织机构代码 orgcode>`,
      '按 Ctrl-C 停止全部服务 / press Ctrl-C to stop everything',
    ].join('\n'));
  } catch (e) {
    io.err(`演示数据载入失败 / loading the demo failed: ${(e as Error).message}`);
  }
  await new Promise(() => undefined);
  return 0;
}
