// check(): does the API answer with this configuration? One request of the first page (no retries:
// an operator asking wants an answer now), authenticated as a pull is, whose answer must hold the
// list of records where `records` says. An expected failure is a coded value, never a throw.
import { isCdfError } from '../../domain/errors.ts';
import { refuse } from '../check.ts';
import type { CheckResult, PullEnv } from '../types.ts';
import { pageError, recordsOf } from './answer.ts';
import { httpPullConfig, secrets } from './config.ts';
import { getJson } from './request.ts';

export async function checkHttpPull(raw: Record<string, unknown>, env?: PullEnv, timeoutMs = 10_000): Promise<CheckResult> {
  let c;
  let secret;
  try {
    c = httpPullConfig(raw, env);
    c = { ...c, timeoutMs: Math.min(c.timeoutMs, timeoutMs) };
    secret = secrets(c);
  } catch (e) {
    if (isCdfError(e)) return refuse(e.code, e.messages.zh, e.messages.en);
    throw e;
  }
  const url = new URL(c.url);
  const p = c.pagination;
  if (p?.sizeParam && p.size) url.searchParams.set(p.sizeParam, String(p.size));
  if (p?.kind === 'page') url.searchParams.set(p.pageParam, String(p.start ?? 1));
  try {
    recordsOf(c, await getJson(c, url, secret));
    return { ok: true };
  } catch (e) {
    const err = pageError(c, e, 1, 1, [secret.token, secret.key]);
    return refuse(err.code, err.messages.zh, err.messages.en);
  }
}
