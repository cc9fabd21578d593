// The SQL sink can deliver when its connection URL is set, the server answers, and the table
// either exists and takes inserts and updates, or can be created in the schema it would go to.
import knex from 'knex';
import { reason, refuse, SINK_CONFIG, SINK_UNAVAILABLE } from '../check.ts';
import type { CheckResult } from '../types.ts';

export const TABLE = /^[a-z_][a-z0-9_]{0,62}$/;

/** Where the URL points, for messages: host, port and database, never the user or password. */
function where(url: string): string | undefined {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname}`;
  } catch {
    return undefined;
  }
}

export async function checkSqlSink(config: Record<string, unknown>, timeoutMs = 5000): Promise<CheckResult> {
  const envName = typeof config.urlEnv === 'string' ? config.urlEnv : '';
  const url = envName ? process.env[envName] : undefined;
  if (!url) {
    return refuse(SINK_CONFIG, `订阅方数据库的连接地址未设置：请设置环境变量 ${envName || '（urlEnv 未写明）'}`,
      `the subscriber's connection URL is not set: set the environment variable ${envName || '(urlEnv names none)'}`);
  }
  const table = typeof config.table === 'string' ? config.table : '';
  if (!TABLE.test(table)) {
    return refuse(SINK_CONFIG, `${JSON.stringify(table)} 不是简单表名（小写字母、数字和下划线，不以数字开头）`,
      `${JSON.stringify(table)} is not a plain table name (lower-case letters, digits and underscores, not starting with a digit)`);
  }
  const at = where(url);
  if (!at) {
    return refuse(SINK_CONFIG, `环境变量 ${envName} 中的连接地址无法解析`, `the connection URL in ${envName} cannot be parsed`);
  }
  // knex warns of a failed connection on the console; check() reports it in its answer instead.
  const quiet = () => undefined;
  const db = knex({
    client: 'pg', connection: url, pool: { min: 0, max: 1 }, acquireConnectionTimeout: timeoutMs,
    log: { warn: quiet, error: quiet, debug: quiet, deprecate: quiet },
  });
  try {
    const { rows } = await db.raw<{ rows: Array<{ exists: boolean; writable: boolean; creatable: boolean }> }>(`
      select to_regclass(?) is not null as exists,
        coalesce(has_table_privilege(to_regclass(?), 'INSERT, UPDATE'), false) as writable,
        coalesce(has_schema_privilege(current_schema(), 'CREATE'), false) as creatable`, [table, table]);
    const r = rows[0]!;
    if (r.exists && !r.writable) {
      return refuse(SINK_UNAVAILABLE, `${at} 的表 ${table} 存在，但没有插入和更新的权限`,
        `the table ${table} at ${at} exists but we may not insert into and update it`);
    }
    if (!r.exists && !r.creatable) {
      return refuse(SINK_UNAVAILABLE, `${at} 没有表 ${table}，也没有在当前模式中建表的权限`,
        `${at} has no table ${table}, and no permission to create it in the current schema`);
    }
    return { ok: true };
  } catch (e) {
    return refuse(SINK_UNAVAILABLE, `无法连接订阅方数据库 ${at}：${reason(e)}`, `cannot reach the subscriber's database ${at}: ${reason(e)}`);
  } finally {
    await db.destroy();
  }
}
