// http-pull: reads a paged JSON API one page at a time (memory holds one page), by page number or
// by the cursor each answer gives for the next, until the last page: an empty page for page numbers
// (a short page is not trusted as the last: many APIs cap the size they were asked for without
// saying), an absent, null or empty next cursor for cursors. A page that repeats the one before
// (an API ignoring the page parameter) or a next cursor seen before is refused rather than looped on.
// Incremental: with `since`, the saved cursor is sent in since.param and each record's cursor is
// its since.field value. Records should come in that field's order; when an API returns them out
// of order the cursor of each record is the largest value seen so far in this pull (numbers by
// value, other values as text: ISO times compare correctly so), so the saved position never moves
// back and nothing is buffered to sort. A record without the field keeps the cursor before it.
import { createHash } from 'node:crypto';
import { RetriesExhausted, withRetries } from '../pull-retry.ts';
import type { PullConnector, PulledRecord, PullEnv, PullOrigin } from '../types.ts';
import { checkHttpPull } from './check.ts';
import { pageError, recordsOf } from './answer.ts';
import { at, httpPullConfig, requestName, secrets, sourceName } from './config.ts';
import { getJson, PageFailure } from './request.ts';

/** The larger of two positions: numbers by value, anything else as text. */
function later(a: string | number | null, b: string | number): string | number {
  if (a === null) return b;
  if (typeof a === 'number' && typeof b === 'number') return b > a ? b : a;
  return String(b) > String(a) ? b : a;
}

async function* pull(raw: Record<string, unknown>, opts: Parameters<PullConnector['pull']>[1]): AsyncGenerator<PulledRecord> {
  const c = httpPullConfig(raw, opts.env);
  const secret = secrets(c);
  const hidden = [secret.token, secret.key];
  const retries = opts.retries ?? c.retries;
  const progress = opts.onProgress ?? (() => undefined);
  const p = c.pagination;
  let pageNumber = p?.kind === 'page' ? p.start ?? 1 : 0;
  let next: string | undefined;
  const seenNext = new Set<string>();
  let previous = '';
  let position: string | number | null = null;
  for (let page = 1; ; page++) {
    const url = new URL(c.url);
    if (c.since && opts.cursor !== null) url.searchParams.set(c.since.param, opts.cursor);
    if (p?.sizeParam && p.size) url.searchParams.set(p.sizeParam, String(p.size));
    if (p?.kind === 'page') url.searchParams.set(p.pageParam, String(pageNumber));
    if (p?.kind === 'cursor' && next !== undefined) url.searchParams.set(p.param, next);
    let records: unknown[];
    let body: unknown;
    try {
      body = await withRetries(() => getJson(c, url, secret, opts.signal), (e) => (e instanceof PageFailure ? e.verdict : { retry: false }),
        { retries, signal: opts.signal, onRetry: () => progress() });
      records = recordsOf(c, body);
    } catch (e) {
      if (e instanceof RetriesExhausted) throw pageError(c, e.last, e.attempts, page, hidden);
      if (e instanceof PageFailure) throw pageError(c, e, 1, page, hidden);
      throw e;
    }
    progress();
    if (p?.kind === 'page') {
      if (!records.length) return;
      const digest = createHash('sha256').update(JSON.stringify(records)).digest('hex');
      if (digest === previous) {
        throw pageError(c, new PageFailure({
          zh: `第 ${page} 页与上一页相同：接口似乎没有按 ${p.pageParam} 参数翻页`, en: `page ${page} repeats the page before: the API seems to ignore ${p.pageParam}`,
        }, { retry: false }), 1, page, hidden);
      }
      previous = digest;
    }
    for (const r of records) {
      const values = (r !== null && typeof r === 'object' && !Array.isArray(r) ? r : { value: r }) as Record<string, unknown>;
      if (c.since) {
        const v = at(values, c.since.field);
        if (typeof v === 'string' || typeof v === 'number') position = later(position, v);
      }
      yield { values, cursor: position === null ? null : String(position) };
    }
    if (!p) return;
    if (p.kind === 'page') {
      pageNumber++;
      continue;
    }
    const n = at(body, p.next);
    if (n === undefined || n === null || n === '') return;
    next = String(n);
    if (seenNext.has(next)) {
      throw pageError(c, new PageFailure({
        zh: `接口第二次给出同一个下一页游标 ${JSON.stringify(next.slice(0, 40))}：会无限翻页，已停止`,
        en: `the API gave the same next cursor ${JSON.stringify(next.slice(0, 40))} twice: that would never end, so the pull stopped`,
      }, { retry: false }), 1, page, hidden);
    }
    seenNext.add(next);
  }
}

export function origin(raw: Record<string, unknown>, env?: PullEnv): PullOrigin {
  const c = httpPullConfig(raw, env);
  return { source: sourceName(c), query: requestName(c) };
}

export const httpPull: PullConnector = {
  kind: 'pull',
  id: 'http-pull',
  pull,
  origin,
  check: (config, env) => checkHttpPull(config, env),
};

export default httpPull;
