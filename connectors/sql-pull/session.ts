// One pull's connection to an agency's database: a knex pool of one, its sessions read-only, in
// UTC, and every date-time, decimal and bigint handed over as the database's own text, so a
// cursor of a timestamp keeps its microseconds (a JS Date drops them) and an amount its digits.
// And what a failure means: whether it may pass (retry) and how to say it to a person.
import knex from 'knex';
import type { Knex } from 'knex';
import pg from 'pg';
import type { Bilingual } from '../../domain/errors.ts';
import type { Verdict } from '../pull-retry.ts';
import type { Connection, SqlPullConfig } from './config.ts';

// PostgreSQL types read as text: timestamp, timestamptz, date, time, timetz, interval, their
// arrays, and int8 and numeric (pg's own default for both, kept on purpose).
const AS_TEXT = new Set([1114, 1184, 1082, 1083, 1266, 1186, 1115, 1185, 1182, 20, 1700]);
const pgTypes = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    AS_TEXT.has(oid) ? (s: string) => s : pg.types.getTypeParser(oid, format ?? 'text'),
};

// knex logs a failed connection on the console; the pull reports it in its own error instead.
const quiet = () => undefined;

type Conn = { query: (sql: string, cb: (err: Error | null) => void) => void };

export function openDb(c: SqlPullConfig, conn: Connection, opts: { application: string }): Knex {
  const { secrets: _secrets, ...fields } = conn;
  const setup = c.client === 'postgresql'
    ? ["set time zone 'UTC'", 'set default_transaction_read_only = on']
    : ["set time_zone = '+00:00'", 'set session transaction read only'];
  const connection = c.client === 'postgresql'
    ? { ...fields, types: pgTypes, application_name: opts.application, connectionTimeoutMillis: c.timeoutMs }
    : { ...fields, dateStrings: true, supportBigNumbers: true, bigNumberStrings: true, connectTimeout: c.timeoutMs, charset: 'utf8mb4' };
  return knex({
    client: c.client === 'postgresql' ? 'pg' : 'mysql2',
    connection: connection as Knex.StaticConnectionConfig,
    pool: {
      min: 0, max: 1,
      afterCreate: (raw: Conn, done: (err: Error | null, raw: Conn) => void) => {
        const next = (i: number): void => {
          if (i === setup.length) return done(null, raw);
          raw.query(setup[i]!, (err) => (err ? done(err, raw) : next(i + 1)));
        };
        next(0);
      },
    },
    acquireConnectionTimeout: c.timeoutMs,
    log: { warn: quiet, error: quiet, debug: quiet, deprecate: quiet },
  });
}

/** What went wrong, in the driver's terms: a Node error code, a PostgreSQL SQLSTATE or a MySQL code. */
type DriverError = Error & { code?: string; errno?: number; sqlState?: string };

/** Why a statement failed, for a person, and whether trying again may help. */
export interface Failure extends Verdict {
  why: Bilingual;
}

const has = (e: DriverError, ...codes: string[]): boolean => codes.includes(String(e.code));

export function failure(e: unknown, what: string): Failure {
  const err = (e instanceof Error ? e : new Error(String(e))) as DriverError;
  // knex wraps a failed acquire: the cause is the driver's error.
  const inner = ((err as { cause?: unknown }).cause instanceof Error ? (err as { cause: DriverError }).cause : err);
  const d = has(inner, 'ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EPIPE') ? inner : err;
  // knex puts the statement before the driver's words ("select … - column "x" does not exist"): the words are what a person needs.
  const said = d.message.replace(/^(select|declare|fetch) [\s\S]*? - /i, '');
  const retry = (zh: string, en: string): Failure => ({ retry: true, why: { zh, en } });
  const refused = (zh: string, en: string): Failure => ({ retry: false, why: { zh, en } });
  if (has(d, 'ECONNREFUSED')) return retry('连接被拒绝（数据库未运行或端口不对）', 'the connection was refused (the database is not running, or the port is wrong)');
  if (has(d, 'ENOTFOUND', 'EAI_AGAIN')) return retry('主机名无法解析', 'the host name does not resolve');
  // Lost mid-statement, or the server shutting down (PostgreSQL's 57P0x) or not accepting connections yet (08xxx).
  const LOST = ['ECONNRESET', 'EPIPE', 'PROTOCOL_CONNECTION_LOST', '57P01', '57P02', '57P03', '08006', '08001', '08004'];
  if (has(d, ...LOST)) return retry('连接中断', 'the connection was lost');
  if (has(d, 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', '57014') || err.name === 'KnexTimeoutError') {
    return retry('等待超时（数据库没有应答）', 'timed out (the database did not answer)');
  }
  if (has(d, '28P01', '28000', 'ER_ACCESS_DENIED_ERROR', 'ER_DBACCESS_DENIED_ERROR')) {
    return refused('身份验证失败（用户名或口令被拒绝）', 'authentication failed (the user or password was refused)');
  }
  if (has(d, '3D000', 'ER_BAD_DB_ERROR')) return refused('没有这个数据库', 'no such database');
  if (has(d, '42P01', 'ER_NO_SUCH_TABLE', '3F000')) {
    return what ? refused(`没有表 ${what}`, `no such table ${what}`) : refused(`没有查询中的表：${said}`, `no such table: ${said}`);
  }
  if (has(d, '42703', 'ER_BAD_FIELD_ERROR')) {
    return refused(`${what || '查询'} 没有配置中写的列：${said}`, `${what || 'the query'} has no column the configuration names: ${said}`);
  }
  if (has(d, '42501', 'ER_TABLEACCESS_DENIED_ERROR', 'ER_COLUMNACCESS_DENIED_ERROR')) {
    return refused(`没有读取 ${what || '查询中的表'} 的权限`, `no permission to read ${what || 'the query\'s tables'}`);
  }
  if (has(d, '42601', 'ER_PARSE_ERROR')) return refused(`查询语句有语法错误：${said}`, `the query has a syntax error: ${said}`);
  // Anything else the database said about the statement will say the same again; anything else may pass.
  const fromDb = /^[0-9A-Z]{5}$/.test(String(d.code)) || /^ER_/.test(String(d.code));
  return { retry: !fromDb, why: { zh: `出错：${said}`, en: `failed: ${said}` } };
}
