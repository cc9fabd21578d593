// Where the catalogue may send data is bounded by the operator's configuration, not by the
// catalogue itself: whoever can import a catalogue must not be able to make the worker (which may
// run as root) write into any folder, POST to an internal address or read any environment variable.
// - a file sink writes only under <dataDir>/outbox or a folder of CDF_FILE_SINK_ROOTS, judged on the
//   real path (symlinks followed, `..` resolved), so a link or a `..` cannot lead out of a root;
// - a webhook POSTs only to a host CDF_WEBHOOK_HOSTS names; a private, loopback or link-local
//   address only when the list names that address itself (the webhook connector checks the
//   addresses a name resolves to as it connects, so DNS cannot smuggle 127.0.0.1 in);
// - a secret (a webhook's secretEnv, the SQL sink's urlEnv) is read only from a variable that
//   CDF_SECRET_ENV_ALLOW names (an entry ending in * is a prefix; CDF_SINK_* by default).
// The same checks run at catalogue import (every problem listed at once) and again before each
// delivery (activities/deliver.ts), in case the configuration or the file system changed since.
import { realpathSync } from 'node:fs';
import { BlockList, isIP } from 'node:net';
import path from 'node:path';
import type { CatalogFile, CatalogProblem, Subscription } from '../domain/catalog.ts';
import { dataError } from '../domain/errors.ts';
import type { Bilingual, CdfError } from '../domain/errors.ts';

/** The configuration's part that bounds the sinks (runtime/config.ts's Config has these fields). */
export interface SinkPlaces {
  dataDir: string;
  fileSinkRoots: readonly string[];
  webhookHosts: readonly string[];
  secretEnvAllow: readonly string[];
}

/** The variable a webhook's secret is read from when its subscription names none: the operator's
 * own setting, never chosen by the catalogue, so always allowed. */
export const DEFAULT_WEBHOOK_SECRET_ENV = 'CDF_WEBHOOK_SECRET';

export const outboxOf = (places: Pick<SinkPlaces, 'dataDir'>): string => path.join(places.dataDir, 'outbox');

/** The folder a file subscription writes to: its `dir`, else its own folder in the outbox. */
export const fileSinkDir = (places: Pick<SinkPlaces, 'dataDir'>, subscriptionId: string, config: Record<string, unknown>): string =>
  typeof config.dir === 'string' && config.dir ? config.dir : path.join(outboxOf(places), subscriptionId);

/** The real path of a folder that may not exist yet: its nearest existing ancestor's real path
 * (symlinks followed) with the rest appended. */
export function realFolder(dir: string): string {
  const rest: string[] = [];
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    try {
      return path.join(realpathSync.native(at), ...rest);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if ((code !== 'ENOENT' && code !== 'ENOTDIR') || at === path.dirname(at)) throw e;
      rest.unshift(path.basename(at));
    }
  }
}

const within = (dir: string, root: string): boolean => dir === root || dir.startsWith(root.endsWith(path.sep) ? root : root + path.sep);

/** The folders a file sink may write under, as real paths. */
export const fileRoots = (places: SinkPlaces): string[] => [outboxOf(places), ...places.fileSinkRoots].map(realFolder);

interface Refusal { field: string; value: string; why: Bilingual; allowed: Bilingual }

function fileDirRefusal(places: SinkPlaces, subscriptionId: string, config: Record<string, unknown>): Refusal | null {
  const dir = fileSinkDir(places, subscriptionId, config);
  const roots = fileRoots(places);
  const allowed = { zh: `${roots.join('、')} 之下的文件夹`, en: `a folder under ${roots.join(', ')}` };
  if (!path.isAbsolute(dir)) {
    return { field: 'dir', value: dir, allowed, why: { zh: '不是绝对路径', en: 'it is not an absolute path' } };
  }
  const real = realFolder(dir);
  if (roots.some((r) => within(real, r))) return null;
  const via = real === dir ? { zh: '', en: '' } : { zh: `（实际位置 ${real}）`, en: ` (it really is ${real})` };
  return { field: 'dir', value: dir, allowed, why: { zh: `不在允许的根目录之下${via.zh}`, en: `it is outside the allowed roots${via.en}` } };
}

/** A file sink's last check, as it writes (the folder was created, a link may have appeared since
 * the import): the real folder under a root, else an error naming the folder and the roots. */
export function folderRefusal(places: SinkPlaces, dir: string, delivery: string): CdfError | null {
  const roots = fileRoots(places);
  const real = path.isAbsolute(dir) ? realFolder(dir) : null;
  if (real && roots.some((r) => within(real, r))) return null;
  return dataError('CDF_SINK_NOT_ALLOWED', {
    zh: `投递 ${delivery} 的文件夹 ${dir}${real && real !== dir ? `（实际位置 ${real}）` : ''}不在允许的根目录之下；允许的是 ${roots.join('、')} 之下的文件夹`,
    en: `delivery ${delivery}: the folder ${dir}${real && real !== dir ? ` (really ${real})` : ''} is outside the allowed roots; `
      + `allowed: a folder under ${roots.join(', ')}`,
  }, { field: 'dir', value: dir });
}

/** The host of a URL as the allow-list spells it: lower case, an IPv6 address without brackets. */
export const hostOf = (url: URL): string => url.hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');

const hostsAllowed = (places: SinkPlaces): Bilingual => (places.webhookHosts.length
  ? { zh: `CDF_WEBHOOK_HOSTS 所列主机：${places.webhookHosts.join('、')}`, en: `the hosts CDF_WEBHOOK_HOSTS lists: ${places.webhookHosts.join(', ')}` }
  : { zh: '无（CDF_WEBHOOK_HOSTS 未设置，不允许任何主机）', en: 'none (CDF_WEBHOOK_HOSTS is not set, so no host is)' });

function webhookRefusal(places: SinkPlaces, config: Record<string, unknown>): Refusal | null {
  const raw = String(config.url ?? '');
  // A URL that does not parse is the config schema's to refuse.
  if (!URL.canParse(raw)) return null;
  const host = hostOf(new URL(raw));
  if (places.webhookHosts.includes(host)) return null;
  return { field: 'url', value: raw, allowed: hostsAllowed(places), why: { zh: `主机 ${host} 不在允许列表中`, en: `the host ${host} is not in the allow-list` } };
}

/** Whether a webhook may connect to `address` (what its host resolved to, or an IP literal): a
 * public address of an allowed host, or any address the allow-list names itself. */
export function addressAllowed(places: SinkPlaces, address: string): boolean {
  const a = address.toLowerCase();
  return places.webhookHosts.includes(a) || !notPublic(a);
}

const blocked = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) blocked.addSubnet(net, bits, 'ipv4');
// An IPv4 address written as IPv6 (::ffff:7f00:1) is checked by BlockList against the IPv4 subnets.
for (const [net, bits] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) blocked.addSubnet(net, bits, 'ipv6');

/** Private, loopback, link-local, shared, multicast or unspecified: not somewhere on the internet. */
export function notPublic(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  return blocked.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** Whether a subscription may read its secret from the variable `name`. */
export function secretEnvAllowed(places: SinkPlaces, name: string): boolean {
  return places.secretEnvAllow.some((p) => (p.endsWith('*') ? name.startsWith(p.slice(0, -1)) : name === p));
}

function secretRefusal(places: SinkPlaces, field: string, name: unknown): Refusal | null {
  if (typeof name !== 'string' || secretEnvAllowed(places, name)) return null;
  const list = places.secretEnvAllow.map((p) => (p.endsWith('*') ? `${p.slice(0, -1)}…` : p));
  return {
    field, value: name,
    why: { zh: `环境变量 ${name} 不在允许读取的范围内`, en: `the environment variable ${name} may not be read` },
    allowed: list.length
      ? { zh: `CDF_SECRET_ENV_ALLOW 所列的变量：${list.join('、')}`, en: `the variables CDF_SECRET_ENV_ALLOW lists: ${list.join(', ')}` }
      : { zh: '无（CDF_SECRET_ENV_ALLOW 为空）', en: 'none (CDF_SECRET_ENV_ALLOW is empty)' },
  };
}

/** What the policy refuses in one subscription's sink config (as deliver() receives it or the catalogue says it). */
function refusals(places: SinkPlaces, sub: Pick<Subscription, 'id' | 'sink'>, config: Record<string, unknown>): Refusal[] {
  const found: Array<Refusal | null> = [];
  if (sub.sink === 'file') found.push(fileDirRefusal(places, sub.id, config));
  if (sub.sink === 'webhook') {
    found.push(webhookRefusal(places, config));
    if (config.secretEnv !== DEFAULT_WEBHOOK_SECRET_ENV) found.push(secretRefusal(places, 'secretEnv', config.secretEnv));
  }
  if (sub.sink === 'sql') found.push(secretRefusal(places, 'urlEnv', config.urlEnv));
  return found.filter((r): r is Refusal => r !== null);
}

const sentence = (subscriptionId: string, r: Refusal): Bilingual => ({
  zh: `订阅 ${subscriptionId} 的投递配置字段 ${r.field} 为 ${JSON.stringify(r.value)}：${r.why.zh}；允许的是${r.allowed.zh}`,
  en: `subscription ${subscriptionId}, sink configuration field ${r.field} is ${JSON.stringify(r.value)}: ${r.why.en}; allowed: ${r.allowed.en}`,
});

/** The variable the factory itself sets to its own database (the exchange area, schema front) for
 * pulls: always readable, whatever the allow-list says (activities/pull.ts sets it). */
export const FRONT_DATABASE_ENV = 'CDF_FRONT_DATABASE_URL';

/** A pull from the factory's own database reads the exchange area only: a table in schema front,
 * never a query (which could read the factory's own tables, accounts included). */
function frontRefusal(config: Record<string, unknown>): Refusal | null {
  if ((config.connection as Record<string, unknown> | undefined)?.urlEnv !== FRONT_DATABASE_ENV) return null;
  const table = config.table;
  if (typeof table === 'string' && /^front\.[A-Za-z_][A-Za-z0-9_]*$/.test(table) && config.query === undefined) return null;
  return {
    field: config.query === undefined ? 'table' : 'query', value: String(config.query ?? table),
    why: {
      zh: `从工厂自己的数据库（${FRONT_DATABASE_ENV}）只能抽取交换区的表`,
      en: `from the factory's own database (${FRONT_DATABASE_ENV}) only exchange-area tables may be pulled`,
    },
    allowed: { zh: 'front 模式下的一张表，如 front.registry_legal_persons（不能写查询）', en: 'a table of schema front, e.g. front.registry_legal_persons (no query)' },
  };
}

/** The secret variables a pull's config names (sql-pull's connection, http-pull's auth). */
function pullSecretNames(config: Record<string, unknown>): Array<[string, unknown]> {
  const connection = (config.connection ?? {}) as Record<string, unknown>;
  const auth = (config.auth ?? {}) as Record<string, unknown>;
  return ([['connection.passwordEnv', connection.passwordEnv], ['connection.urlEnv', connection.urlEnv], ['auth.tokenEnv', auth.tokenEnv],
    ['auth.keyEnv', auth.keyEnv]] as Array<[string, unknown]>).filter(([, v]) => v !== undefined && v !== FRONT_DATABASE_ENV);
}

/** Every subscription and pull of a catalogue against the policy, as catalogue problems with their paths. */
export function sinkPolicyProblems(catalog: Pick<CatalogFile, 'subscriptions'> & Partial<Pick<CatalogFile, 'entries'>>, places: SinkPlaces): CatalogProblem[] {
  const subs = (catalog.subscriptions ?? []).flatMap((s, i) => refusals(places, s, s.config ?? {}).map((r) => ({
    path: `/subscriptions/${i}/config/${r.field}`, ...sentence(s.id, r),
  })));
  const pulls = (catalog.entries ?? []).flatMap((e, i) => [
    ...pullSecretNames(e.pull?.config ?? {}).map(([field, name]) => secretRefusal(places, field, name)), frontRefusal(e.pull?.config ?? {}),
  ].filter((r): r is Refusal => r !== null).map((r) => ({
    path: `/entries/${i}/pull/config/${r.field.replace('.', '/')}`,
    zh: `${e.agency} 的 ${e.dataset} 抽取配置字段 ${r.field} 为 ${JSON.stringify(r.value)}：${r.why.zh}；允许的是${r.allowed.zh}`,
    en: `${e.agency}'s ${e.dataset}, pull configuration field ${r.field} is ${JSON.stringify(r.value)}: ${r.why.en}; allowed: ${r.allowed.en}`,
  })));
  return [...subs, ...pulls];
}

/** The catalogue import's check: one error listing every refusal, or nothing. */
export function assertCatalogSinksAllowed(
  catalog: Pick<CatalogFile, 'subscriptions'> & Partial<Pick<CatalogFile, 'entries'>>, places: SinkPlaces, sourceName: string,
): void {
  const problems = sinkPolicyProblems(catalog, places);
  if (!problems.length) return;
  throw dataError('CDF_SINK_NOT_ALLOWED', {
    zh: `目录文件 ${sourceName} 有 ${problems.length} 处投递目标不被允许：\n${problems.map((p) => `  ${p.path}：${p.zh}`).join('\n')}`,
    en: `catalogue file ${sourceName} has ${problems.length} delivery target(s) not allowed:\n${problems.map((p) => `  ${p.path}: ${p.en}`).join('\n')}`,
  }, { file: sourceName, problems });
}

/** The delivery's check, on the config as the sink receives it: the first refusal as an error. */
export function sinkRefusal(places: SinkPlaces, sub: Pick<Subscription, 'id' | 'sink'>, config: Record<string, unknown>): CdfError | null {
  const r = refusals(places, sub, config)[0];
  return r ? dataError('CDF_SINK_NOT_ALLOWED', sentence(sub.id, r), { subscription: sub.id, field: r.field, value: r.value }) : null;
}

/** A webhook's resolved address refused as it connects (the connector's DNS check). */
export function addressRefusal(places: SinkPlaces, url: string, address: string): CdfError {
  const host = URL.canParse(url) ? hostOf(new URL(url)) : url;
  return dataError('CDF_SINK_NOT_ALLOWED', {
    zh: `Webhook ${url} 的主机 ${host} 解析为内网或本机地址 ${address}，CDF_WEBHOOK_HOSTS 未写明该地址，不予连接`,
    en: `the webhook ${url}: its host ${host} resolves to the private or local address ${address}, which CDF_WEBHOOK_HOSTS does not name: not connected`,
  }, { field: 'url', value: url, address });
}
