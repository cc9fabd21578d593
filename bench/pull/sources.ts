// The three systems the factory pulls from, loaded with the same rows: a MariaDB table and a
// PostgreSQL table named by the dataset's column codes (plus id and updated_at, the cursor), and a
// paged JSON API served by a child process. Each can change 1 % of its rows (a correction at the
// source, with a newer cursor) and is dropped or stopped at the end.
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import knex from 'knex';
import type { Knex } from 'knex';
import { CHANGE_EVERY, CHANGED_REMARK, COLUMNS, recordOf } from './rows.ts';

export const MARIADB = { host: '127.0.0.1', port: 3306, user: 'root', password: '', database: 'test' };
export const POSTGRES = { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test' };

export interface Sources {
  table: string;
  httpUrl: string;
  /** Changes 1 % of the rows in every source; returns how many per source. */
  change(): Promise<{ mysql: number; postgresql: number; http: number }>;
  close(): Promise<void>;
}

const CHUNK = 1000;

async function load(db: Knex, table: string, rows: string[][], updatedAt: (t: Knex.CreateTableBuilder) => void): Promise<void> {
  await db.schema.createTable(table, (t) => {
    t.increments('id');
    for (const c of COLUMNS) t.text(c);
    updatedAt(t);
  });
  for (let i = 0; i < rows.length; i += CHUNK) await db(table).insert(rows.slice(i, i + CHUNK).map(recordOf));
}

export async function startSources(rows: string[][], workDir: string, log: (l: string) => void): Promise<Sources> {
  const table = `cdf_bench_pull_${process.pid}_${Date.now().toString(36)}`;
  const maria = knex({ client: 'mysql2', connection: MARIADB, pool: { min: 0, max: 2 } });
  const pg = knex({ client: 'pg', connection: POSTGRES, pool: { min: 0, max: 2 } });
  let child: ChildProcess | undefined;
  const file = path.join(workDir, `http-source-${process.pid}.ndjson`);
  // Once, whoever asks first: the run's end or a Ctrl-C (runtime/shutdown.ts).
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => (closing ??= stop());
  const stop = async (): Promise<void> => {
    await maria.schema.dropTableIfExists(table).catch(() => undefined);
    await pg.schema.dropTableIfExists(table).catch(() => undefined);
    await maria.destroy();
    await pg.destroy();
    if (child && child.exitCode === null) {
      child.send({ type: 'stop' });
      await Promise.race([once(child, 'exit'), new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill();
    }
    rmSync(file, { force: true });
  };
  try {
    log(`sources: loading ${rows.length} rows into MariaDB and PostgreSQL table ${table}…`);
    await load(maria, table, rows, (t) => t.specificType('updated_at', 'datetime(6) not null default current_timestamp(6)'));
    await load(pg, table, rows, (t) => t.specificType('updated_at', 'timestamptz(6) not null default clock_timestamp()'));
    writeFileSync(file, rows.map((r) => JSON.stringify(recordOf(r))).join('\n'));
    const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'http-source.ts');
    child = fork(script, [file], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const [ready] = (await once(child, 'message')) as [{ url: string }];
    const api = child;
    return {
      table,
      httpUrl: ready.url,
      async change() {
        const every = (db: Knex, now: string) =>
          db(table).whereRaw('id % ? = 0', [CHANGE_EVERY]).update({ bz: CHANGED_REMARK, updated_at: db.raw(now) });
        const mysql = await every(maria, 'current_timestamp(6)');
        const postgresql = await every(pg, 'clock_timestamp()');
        api.send({ type: 'change' });
        const [m] = (await once(api, 'message')) as [{ rows: number }];
        return { mysql, postgresql, http: m.rows };
      },
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}
