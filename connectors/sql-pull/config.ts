// An sql-pull configuration as the connector uses it: the catalogue's `pull.config` (checked
// against config.schema.json at import) with its defaults, the secrets read from the environment
// variables it names, and the names messages and lineage give the source (never a user or password).
import { usageError } from '../../domain/errors.ts';
import type { Bilingual } from '../../domain/errors.ts';
import type { PullEnv } from '../types.ts';

export type Client = 'postgresql' | 'mysql';

export interface SqlPullConfig {
  client: Client;
  connection: { host?: string; port?: number; database?: string; user?: string; passwordEnv?: string; urlEnv?: string };
  table?: string;
  query?: string;
  cursor?: { column: string; kind: 'timestamp' | 'number'; tiebreak: string };
  pageSize: number;
  retries: number;
  timeoutMs: number;
  /** Where the variables it names are read (connectors/types.ts PullEnv). */
  env: PullEnv;
}

export const DEFAULTS = { pageSize: 5000, retries: 3, timeoutMs: 60_000 };
const DEFAULT_PORT: Record<Client, number> = { postgresql: 5432, mysql: 3306 };

/** The config with its defaults. The schema has checked its shape at the catalogue import; what
 * only this process can know (the environment) is connection()'s to check. */
export function sqlPullConfig(raw: Record<string, unknown>, env: PullEnv = process.env): SqlPullConfig {
  const c = raw as Partial<SqlPullConfig>;
  if (c.client !== 'postgresql' && c.client !== 'mysql') {
    throw usageError('CDF_PULL_CONFIG', {
      zh: `数据库抽取配置的 client 应为 postgresql 或 mysql，实为 ${JSON.stringify(c.client)}`,
      en: `the database pull's client should be postgresql or mysql; got ${JSON.stringify(c.client)}`,
    });
  }
  return {
    client: c.client, connection: c.connection ?? {}, table: c.table, query: c.query, cursor: c.cursor,
    pageSize: c.pageSize ?? DEFAULTS.pageSize, retries: c.retries ?? DEFAULTS.retries, timeoutMs: c.timeoutMs ?? DEFAULTS.timeoutMs, env,
  };
}

/** The system read, as lineage and messages name it: "mysql://host:port/db", no user or password. */
export function sourceName(c: SqlPullConfig): string {
  const scheme = c.client === 'mysql' ? 'mysql' : 'postgresql';
  const url = c.connection.urlEnv ? c.env[c.connection.urlEnv] : undefined;
  if (c.connection.urlEnv) {
    try {
      const u = new URL(url ?? '');
      return `${scheme}://${u.hostname}:${u.port || DEFAULT_PORT[c.client]}${u.pathname}`;
    } catch {
      // Unset or not a URL: named by the variable, which connection() refuses with its reason.
      return `${scheme}://$${c.connection.urlEnv}`;
    }
  }
  return `${scheme}://${c.connection.host ?? ''}:${c.connection.port ?? DEFAULT_PORT[c.client]}/${c.connection.database ?? ''}`;
}

/** What the pull reads: the table's name or the query's text. */
export const readWhat = (c: SqlPullConfig): string => c.table ?? c.query ?? '';

export interface Connection {
  host: string;
  port: number;
  database: string;
  user: string;
  password?: string;
  /** Everything a message must never show. */
  secrets: string[];
}

const missing = (what: Bilingual): never => {
  throw usageError('CDF_PULL_CONFIG', what);
};

/** The connection, with the password or URL read from the variable the config names. A URL is
 * taken apart here (host, port, database, user, password) so both drivers get the same fields and
 * the session options the connector sets; its query parameters (ssl and the like) are not read. */
export function connection(c: SqlPullConfig): Connection {
  const k = c.connection;
  if (k.urlEnv) {
    const url = c.env[k.urlEnv];
    if (!url) {
      return missing({
        zh: `${sourceName(c)} 的连接地址未设置：请设置环境变量 ${k.urlEnv}`,
        en: `the connection URL of ${sourceName(c)} is not set: set the environment variable ${k.urlEnv}`,
      });
    }
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return missing({ zh: `环境变量 ${k.urlEnv} 中的连接地址无法解析`, en: `the connection URL in ${k.urlEnv} cannot be parsed` });
    }
    const password = decodeURIComponent(u.password);
    return {
      host: u.hostname.replace(/^\[(.*)\]$/, '$1'), port: Number(u.port || DEFAULT_PORT[c.client]),
      database: decodeURIComponent(u.pathname.slice(1)), user: decodeURIComponent(u.username),
      ...(password ? { password } : {}), secrets: [url, password, u.password],
    };
  }
  let password: string | undefined;
  if (k.passwordEnv) {
    password = c.env[k.passwordEnv];
    if (password === undefined) {
      return missing({
        zh: `${sourceName(c)} 的口令未设置：请设置环境变量 ${k.passwordEnv}`,
        en: `the password for ${sourceName(c)} is not set: set the environment variable ${k.passwordEnv}`,
      });
    }
  }
  return {
    host: k.host ?? '', port: k.port ?? DEFAULT_PORT[c.client], database: k.database ?? '', user: k.user ?? '',
    ...(password === undefined ? {} : { password }), secrets: [password ?? ''],
  };
}
