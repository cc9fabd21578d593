// One GET of one page: authenticated (a bearer token, or an HMAC-SHA256 signature over
// `${method}\n${pathAndQuery}\n${timestamp}` in hex with the timestamp, Unix seconds, in its own
// header), bounded by a timeout, and its failure judged: 429, 5xx, a refused or dropped connection
// and a timeout may pass (retried, Retry-After respected); any other 4xx will not (refused at once);
// a redirect is not followed (a token is not carried to an address the catalogue did not name).
import { createHmac } from 'node:crypto';
import type { Bilingual } from '../../domain/errors.ts';
import type { Verdict } from '../pull-retry.ts';
import { DEFAULTS } from './config.ts';
import type { HttpPullConfig } from './config.ts';

export const signature = (key: string, method: string, pathAndQuery: string, timestamp: string): string =>
  createHmac('sha256', key).update(`${method}\n${pathAndQuery}\n${timestamp}`).digest('hex');

/** A page that failed: why in plain words, whether it may pass, how long the API asked us to wait. */
export class PageFailure extends Error {
  constructor(readonly why: Bilingual, readonly verdict: Verdict, readonly status?: number) {
    super(why.en);
    this.name = 'PageFailure';
  }
}

/** Retry-After as ms: seconds, or an HTTP date. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const when = Date.parse(header);
  return Number.isNaN(when) ? undefined : Math.max(0, when - now);
}

function statusFailure(status: number, res: Response): PageFailure {
  if (status === 429) {
    return new PageFailure({ zh: '请求过多（429），接口要求稍后再试', en: 'too many requests (429): the API asked us to wait' },
      { retry: true, afterMs: retryAfterMs(res.headers.get('retry-after')) }, status);
  }
  if (status >= 500) {
    return new PageFailure({ zh: `接口服务出错（${status}）`, en: `the API failed (${status})` },
      { retry: true, afterMs: retryAfterMs(res.headers.get('retry-after')) }, status);
  }
  if (status === 401 || status === 403) {
    return new PageFailure({ zh: `令牌或签名被拒绝（${status}）`, en: `the token or signature was refused (${status})` }, { retry: false }, status);
  }
  if (status === 404) return new PageFailure({ zh: '接口地址不存在（404）', en: 'no such address (404)' }, { retry: false }, status);
  if (status >= 300 && status < 400) {
    const to = res.headers.get('location') ?? '';
    return new PageFailure({
      zh: `接口重定向到 ${to}（${status}）；不跟随重定向，请在配置中直接写该地址`,
      en: `the API redirects to ${to} (${status}); redirects are not followed: configure that address instead`,
    }, { retry: false }, status);
  }
  return new PageFailure({ zh: `接口拒绝了请求（${status}）`, en: `the API refused the request (${status})` }, { retry: false }, status);
}

/** What a network error means, in words. */
function networkFailure(e: unknown, timeoutMs: number): PageFailure {
  const err = e as Error & { cause?: { code?: string } };
  if (err.name === 'TimeoutError') {
    return new PageFailure({ zh: `${timeoutMs} 毫秒内没有应答`, en: `no answer within ${timeoutMs} ms` }, { retry: true });
  }
  const code = err.cause?.code ?? '';
  if (code === 'ECONNREFUSED') {
    return new PageFailure({ zh: '连接被拒绝（服务未运行或端口不对）', en: 'the connection was refused (the service is not running, or the port is wrong)' }, { retry: true });
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new PageFailure({ zh: '主机名无法解析', en: 'the host name does not resolve' }, { retry: true });
  return new PageFailure({ zh: `网络出错（${code || err.message}）`, en: `a network error (${code || err.message})` }, { retry: true });
}

/** GETs `url` and gives its JSON, or throws a PageFailure. */
export async function getJson(c: HttpPullConfig, url: URL, secret: { token?: string; key?: string }, signal?: AbortSignal): Promise<unknown> {
  const headers: Record<string, string> = { accept: 'application/json', ...c.headers };
  if (secret.token) headers.authorization = `Bearer ${secret.token}`;
  if (secret.key && c.auth.kind === 'hmac') {
    const timestamp = String(Math.floor(Date.now() / 1000));
    headers[c.auth.timestampHeader ?? DEFAULTS.timestampHeader] = timestamp;
    headers[c.auth.header ?? DEFAULTS.signatureHeader] = signature(secret.key, 'GET', `${url.pathname}${url.search}`, timestamp);
  }
  const timeout = AbortSignal.timeout(c.timeoutMs);
  let res: Response;
  try {
    res = await fetch(url, { headers, redirect: 'manual', signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
  } catch (e) {
    if (signal?.aborted) throw e;
    throw networkFailure(e, c.timeoutMs);
  }
  if (res.status < 200 || res.status >= 300) {
    // Read and dropped: the connection goes back to the pool rather than waiting on an unread body.
    await res.body?.cancel().catch(() => undefined);
    throw statusFailure(res.status, res);
  }
  try {
    return await res.json();
  } catch (e) {
    if (signal?.aborted) throw e;
    if ((e as Error).name === 'TimeoutError') throw networkFailure(e, c.timeoutMs);
    throw new PageFailure({ zh: '应答不是 JSON', en: 'the answer is not JSON' }, { retry: false }, res.status);
  }
}
