// What a failed pull says: which source, which table (or the query), which page, how many attempts
// and why in plain words, never the password; transient when trying later may help.
import { transientError, usageError } from '../../domain/errors.ts';
import type { CdfError } from '../../domain/errors.ts';
import { scrub } from '../pull-retry.ts';
import { sourceName } from './config.ts';
import type { SqlPullConfig } from './config.ts';
import { failure } from './session.ts';

/** How the read is named in messages: the table, or "the query". */
export const named = (c: SqlPullConfig): { zh: string; en: string } =>
  (c.table ? { zh: `表 ${c.table}`, en: `table ${c.table}` } : { zh: '配置的查询', en: 'the configured query' });

/** Our error for a statement that failed `attempts` times: transient when it may pass. */
export function pullError(c: SqlPullConfig, e: unknown, attempts: number, page: number, secrets: string[]): CdfError {
  const at = sourceName(c);
  const why = failure(e, c.table ?? '').why;
  const tries = attempts > 1 ? { zh: `，已尝试 ${attempts} 次`, en: `, after ${attempts} attempts` } : { zh: '', en: '' };
  const where = page > 0 ? { zh: ` 第 ${page} 页`, en: `page ${page} of ` } : { zh: '', en: '' };
  const messages = {
    zh: scrub(`从 ${at} 读取${named(c).zh}${where.zh} 时失败${tries.zh}：${why.zh}`, secrets),
    en: scrub(`reading ${where.en}${named(c).en} from ${at} failed${tries.en}: ${why.en}`, secrets),
  };
  const context = { source: at, attempts, page };
  return failure(e, '').retry ? transientError('CDF_PULL_UNAVAILABLE', messages, context) : usageError('CDF_PULL_REFUSED', messages, context);
}
