// sql-pull: reads an agency's PostgreSQL or MySQL/MariaDB table (or a SELECT) through knex, page by
// page in cursor order (read.ts), its values as text, numbers, booleans and null (values.ts). A
// failed page is retried with back-off; a failure that will not pass (a refused password, a missing
// table) is thrown at once. Either way the error names the source, the table and what failed, in
// both languages, and never the password. The pool is closed however the pull ends, also when its
// consumer stops early (the generator's finally).
import { isCdfError } from '../../domain/errors.ts';
import { RetriesExhausted, withRetries } from '../pull-retry.ts';
import type { PullConnector, PulledRecord, PullEnv, PullOrigin } from '../types.ts';
import { checkSqlPull } from './check.ts';
import { connection, readWhat, sourceName, sqlPullConfig } from './config.ts';
import { pullError } from './errors.ts';
import { keysetPages, mysqlFullRead, pgFullRead } from './read.ts';
import type { Run } from './read.ts';
import { failure, openDb } from './session.ts';
import { decodeCursor } from './values.ts';

async function* pull(raw: Record<string, unknown>, opts: Parameters<PullConnector['pull']>[1]): AsyncGenerator<PulledRecord> {
  const c = sqlPullConfig(raw, opts.env);
  const conn = connection(c);
  const after = c.cursor && opts.cursor !== null ? decodeCursor(opts.cursor, sourceName(c), c.cursor.kind) : null;
  const retries = opts.retries ?? c.retries;
  const progress = opts.onProgress ?? (() => undefined);
  const run: Run = async (attempt, page) => {
    try {
      return await withRetries(attempt, (e) => failure(e, ''), { retries, signal: opts.signal, onRetry: () => progress() });
    } catch (e) {
      if (e instanceof RetriesExhausted) throw pullError(c, e.last, e.attempts, page, conn.secrets);
      throw e;
    }
  };
  const db = openDb(c, conn, { application: 'cdf-pull' });
  try {
    const pages = c.cursor ? keysetPages(db, c, after, run, progress) : c.client === 'postgresql'
      ? pgFullRead(db, c, run, progress) : mysqlFullRead(db, c, run, progress);
    for await (const record of pages) {
      if (opts.signal?.aborted) throw opts.signal.reason;
      yield record;
    }
  } catch (e) {
    // A failure past the retries (the middle of a full read's snapshot) still gets its words.
    if (isCdfError(e) || opts.signal?.aborted) throw e;
    throw pullError(c, e, 1, 0, conn.secrets);
  } finally {
    await db.destroy();
  }
}

export function origin(raw: Record<string, unknown>, env?: PullEnv): PullOrigin {
  const c = sqlPullConfig(raw, env);
  return { source: sourceName(c), query: readWhat(c) };
}

export const sqlPull: PullConnector = {
  kind: 'pull',
  id: 'sql-pull',
  pull,
  origin,
  check: (config, env) => checkSqlPull(config, env),
};

export default sqlPull;
