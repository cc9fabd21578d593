import { loadDemo } from '../../catalog/demo/load-demo.ts';
import { loadConfig } from '../../runtime/config.ts';
import { startFactory } from '../../runtime/factory.ts';
import { Shutdown } from '../../runtime/shutdown.ts';
import { openContext } from '../../services/context.ts';
import type { Parsed } from '../args.ts';
import type { Io } from '../output.ts';
import { describeBatch } from './batch.ts';

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
    const demo = await loadDemo(ctx).finally(() => ctx.close());
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const c = demo.batch.counts;
    io.out([
      '',
      `信用数据工厂已启动（${seconds} 秒）/ The credit data factory is running (${seconds} s)`,
      `  界面 UI            ${factory.apiUrl}/`,
      `  接口 API           ${factory.apiUrl}/api  (OpenAPI: ${factory.apiUrl}/api/openapi.json)`,
      `  Temporal 界面 UI   ${factory.temporal.uiUrl ?? `(${factory.temporal.address})`}`,
      `  数据目录 data      ${config.dataDir}  ·  日志 logs ${factory.logsDir}`,
      '',
      `演示批次 / demo batch: 目录版本 catalogue version ${demo.catalogVersion}${demo.duplicate ? '；该文件已处理过，未重复处理 / already processed, not run again' : ''}`,
      `  接收 ${c.received} 行，通过 ${c.accepted}，拒收 ${c.rejected}；新增 ${c.new}，重复 ${c.duplicates}，冲突 ${c.conflicts}；标准记录 ${c.goldenCreated}，分发 ${c.delivered}`,
      `  received ${c.received} rows, accepted ${c.accepted}, rejected ${c.rejected}; new ${c.new}, duplicates ${c.duplicates}, conflicts ${c.conflicts}; golden records ${c.goldenCreated}, delivered ${c.delivered}`,
      describeBatch({ ...io, lang: 'zh-CN' }, demo.batch),
      '',
      `试试 / try:  npx cdf batch show ${demo.batch.id}   ·   npx cdf rejects ${demo.batch.id}`,
      '按 Ctrl-C 停止全部服务 / press Ctrl-C to stop everything',
    ].join('\n'));
  } catch (e) {
    io.err(`演示数据载入失败 / loading the demo failed: ${(e as Error).message}`);
  }
  await new Promise(() => undefined);
  return 0;
}
