// An http-pull configuration as the connector uses it: the catalogue's `pull.config` (checked
// against config.schema.json at import) with its defaults, the token or key read from the variable
// it names, and the names lineage and messages give the API (never a secret).
import { usageError } from '../../domain/errors.ts';
import type { PullEnv } from '../types.ts';

export type Pagination =
  | { kind: 'page'; pageParam: string; sizeParam?: string; size: number; start?: number }
  | { kind: 'cursor'; param: string; next: string; sizeParam?: string; size?: number };

export type Auth =
  | { kind: 'none' }
  | { kind: 'bearer'; tokenEnv: string }
  | { kind: 'hmac'; keyEnv: string; header?: string; timestampHeader?: string };

export interface HttpPullConfig {
  url: string;
  records: string;
  pagination?: Pagination;
  since?: { param: string; field: string };
  auth: Auth;
  headers: Record<string, string>;
  timeoutMs: number;
  retries: number;
  /** Where the variables its auth names are read (connectors/types.ts PullEnv). */
  env: PullEnv;
}

export const DEFAULTS = { timeoutMs: 30_000, retries: 3, signatureHeader: 'X-Signature', timestampHeader: 'X-Timestamp' };

/** Headers a config may not set: auth's to send. */
const SECRET_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization']);

export function httpPullConfig(raw: Record<string, unknown>, env: PullEnv = process.env): HttpPullConfig {
  const c = raw as Partial<HttpPullConfig>;
  let url: URL | undefined;
  try {
    url = new URL(String(c.url));
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password) {
    throw usageError('CDF_PULL_CONFIG', {
      zh: `接口地址应为以 http:// 或 https:// 开头、不含用户名和口令的完整网址，实为 ${JSON.stringify(url ? `${url.origin}${url.pathname}` : c.url)}`,
      en: `the API address should be a whole URL starting with http:// or https://, without a user or password; got ${JSON.stringify(url ? `${url.origin}${url.pathname}` : c.url)}`,
    });
  }
  const headers = c.headers ?? {};
  const secret = Object.keys(headers).find((h) => SECRET_HEADERS.has(h.toLowerCase()));
  if (secret) {
    throw usageError('CDF_PULL_CONFIG', {
      zh: `附加请求头不能是 ${secret}：令牌和签名由 auth 提供`, en: `an extra header may not be ${secret}: tokens and signatures come from auth`,
    });
  }
  return {
    url: String(c.url), records: c.records ?? '', pagination: c.pagination, since: c.since, auth: c.auth ?? { kind: 'none' }, headers,
    timeoutMs: c.timeoutMs ?? DEFAULTS.timeoutMs, retries: c.retries ?? DEFAULTS.retries, env,
  };
}

/** The API as lineage names it: its address without the query (where a careless secret would be). */
export function sourceName(c: HttpPullConfig): string {
  const u = new URL(c.url);
  return `${u.origin}${u.pathname}`;
}

/** The request without its secrets: "GET /v1/penalties?size=100&page={page}&since={cursor}". */
export function requestName(c: HttpPullConfig): string {
  const u = new URL(c.url);
  const p = c.pagination;
  if (p?.sizeParam && p.size) u.searchParams.set(p.sizeParam, String(p.size));
  const shown = [...u.searchParams.keys()].map((k) => `${k}=${/token|key|secret|sign|pass|auth/i.test(k) ? '***' : u.searchParams.get(k)!}`);
  if (p?.kind === 'page') shown.push(`${p.pageParam}={page}`);
  if (p?.kind === 'cursor') shown.push(`${p.param}={next}`);
  if (c.since) shown.push(`${c.since.param}={cursor}`);
  return `GET ${u.pathname}${shown.length ? `?${shown.join('&')}` : ''}`;
}

/** The secrets auth names, read from the environment: refused by name when unset. */
export function secrets(c: HttpPullConfig): { token?: string; key?: string } {
  const read = (env: string, what: { zh: string; en: string }): string => {
    const v = c.env[env];
    if (!v) {
      throw usageError('CDF_PULL_CONFIG', {
        zh: `${sourceName(c)} 的${what.zh}未设置：请设置环境变量 ${env}`, en: `the ${what.en} for ${sourceName(c)} is not set: set the environment variable ${env}`,
      });
    }
    return v;
  };
  if (c.auth.kind === 'bearer') return { token: read(c.auth.tokenEnv, { zh: '令牌', en: 'token' }) };
  if (c.auth.kind === 'hmac') return { key: read(c.auth.keyEnv, { zh: '签名密钥', en: 'signing key' }) };
  return {};
}

/** A value at a dotted path ("data.list"); the empty path is the value itself. */
export function at(value: unknown, path: string): unknown {
  if (!path) return value;
  let v = value;
  for (const k of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}
