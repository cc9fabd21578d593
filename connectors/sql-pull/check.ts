// check(): does the source answer with this configuration? Connects once (no retries: an operator
// asking wants an answer now), reads no row of the table or query (`limit 0`), and selects the
// cursor columns so a misspelt one is named. An expected failure is a coded value, never a throw.
import { isCdfError } from '../../domain/errors.ts';
import { refuse } from '../check.ts';
import type { CheckResult, PullEnv } from '../types.ts';
import { connection, sqlPullConfig } from './config.ts';
import { pullError } from './errors.ts';
import { base, exec } from './read.ts';
import { openDb } from './session.ts';

export async function checkSqlPull(raw: Record<string, unknown>, env?: PullEnv, timeoutMs = 10_000): Promise<CheckResult> {
  let c;
  let conn;
  try {
    c = sqlPullConfig(raw, env);
    c = { ...c, timeoutMs: Math.min(c.timeoutMs, timeoutMs) };
    conn = connection(c);
  } catch (e) {
    if (isCdfError(e)) return refuse(e.code, e.messages.zh, e.messages.en);
    throw e;
  }
  const db = openDb(c, conn, { application: 'cdf-pull-check' });
  try {
    const cols = c.cursor ? [...new Set([c.cursor.column, c.cursor.tiebreak])] : ['*'];
    await exec(db, c, base(db, c).select(cols).limit(0));
    return { ok: true };
  } catch (e) {
    const err = pullError(c, e, 1, 0, conn.secrets);
    return refuse(err.code, err.messages.zh, err.messages.en);
  } finally {
    await db.destroy();
  }
}
