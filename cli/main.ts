// `cdf`: the command line. Each command lives in cli/commands/; this file only dispatches.
import { parse } from './args.ts';
import type { Parsed } from './args.ts';
import { reportError, usage } from './output.ts';
import type { Io } from './output.ts';
import { batchCommand } from './commands/batch.ts';
import { catalogCommand } from './commands/catalog.ts';
import { codesCommand } from './commands/codes.ts';
import { dbCommand } from './commands/db.ts';
import { rejectsCommand } from './commands/rejects.ts';
import { startCommand } from './commands/start.ts';
import { uploadCommand } from './commands/upload.ts';

const COMMANDS: Record<string, (io: Io, args: Parsed) => Promise<number>> = {
  start: startCommand, catalog: catalogCommand, upload: uploadCommand, batch: batchCommand,
  rejects: rejectsCommand, codes: codesCommand, db: dbCommand,
};

const HELP = `cdf — 信用数据工厂 / the credit data factory

  cdf start                                   启动全部服务并载入演示数据 / start everything with demo data
  cdf catalog import FILE | show [--json]     导入或查看目录 / load or print the catalogue
  cdf upload FILE --agency CODE --dataset CODE [--channel NAME] [--wait] [--json]
  cdf batch show ID [--json]                  批次状态与计数 / a batch's status and counts
  cdf rejects ID [--format csv|ndjson]        拒收行及原因 / rejected rows with reasons
  cdf codes check CODE… [--json]              校验代码 / check identifiers
  cdf db migrate                              执行数据库迁移 / apply migrations

  --lang zh-CN|en   输出语言 / output language (CDF_LANG)
  --as ROLE[:SCOPE][@USER]   以该身份执行 / act as this identity (CDF_IDENTITY)`;

export async function main(argv: string[], io?: Io): Promise<number> {
  const lang0 = process.env.CDF_LANG === 'en' ? 'en' : 'zh-CN';
  const base: Io = io ?? { lang: lang0, json: false, out: (t) => console.log(t), err: (t) => console.error(t) };
  let args: Parsed;
  try {
    args = parse(argv);
  } catch (e) {
    return reportError({ ...base, json: argv.includes('--json') }, e);
  }
  const ctx: Io = { ...base, lang: args.lang ?? base.lang, json: args.json };
  const [name, ...rest] = args.positionals;
  if (!name || args.values.help) {
    ctx.out(HELP);
    return name || args.values.help ? 0 : 2;
  }
  const command = COMMANDS[name];
  try {
    if (!command) throw usage(`未知命令：${name}\n\n${HELP}`, `unknown command: ${name}\n\n${HELP}`);
    return await command(ctx, { ...args, positionals: rest });
  } catch (e) {
    return reportError(ctx, e);
  }
}
