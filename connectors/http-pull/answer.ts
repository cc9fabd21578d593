// What an answer holds (its list of records) and what a failed page says: which API, which page,
// how many attempts and why in plain words, never the token or key; transient when it may pass.
import { transientError, usageError } from '../../domain/errors.ts';
import type { CdfError } from '../../domain/errors.ts';
import { scrub } from '../pull-retry.ts';
import { at, sourceName } from './config.ts';
import type { HttpPullConfig } from './config.ts';
import { PageFailure } from './request.ts';

/** Our error for page `page` after `attempts` attempts: transient when it may pass. */
export function pageError(c: HttpPullConfig, e: unknown, attempts: number, page: number, hidden: Array<string | undefined>): CdfError {
  const f = e instanceof PageFailure ? e : new PageFailure({ zh: String(e), en: String(e) }, { retry: false });
  const tries = attempts > 1 ? { zh: `，已尝试 ${attempts} 次`, en: ` after ${attempts} attempts` } : { zh: '', en: '' };
  const messages = {
    zh: scrub(`从 ${sourceName(c)} 读取第 ${page} 页时失败${tries.zh}：${f.why.zh}`, hidden),
    en: scrub(`reading page ${page} from ${sourceName(c)} failed${tries.en}: ${f.why.en}`, hidden),
  };
  const context = { source: sourceName(c), attempts, page, ...(f.status ? { status: f.status } : {}) };
  return f.verdict.retry ? transientError('CDF_PULL_UNAVAILABLE', messages, context) : usageError('CDF_PULL_REFUSED', messages, context);
}

/** The list of records in an answer, or a refusal naming where it looked. */
export function recordsOf(c: HttpPullConfig, body: unknown): unknown[] {
  const list = at(body, c.records);
  if (Array.isArray(list)) return list;
  const where = c.records || '（应答本身）';
  throw new PageFailure({
    zh: `应答中 ${where} 处不是记录列表（实为 ${list === undefined ? '空缺' : typeof list}）`,
    en: `the answer has no list of records at ${c.records || '(the answer itself)'} (found ${list === undefined ? 'nothing' : typeof list})`,
  }, { retry: false });
}
