// The database pull against the machine's real MariaDB (127.0.0.1:3306, database test) and real
// PostgreSQL (127.0.0.1:5432, database test): the shared pull contract on a table of our own per
// case (dropped after), then what only a database pull does: values as text to the microsecond,
// a query as the source, a full read without a cursor, a URL from the environment.
import knex from 'knex';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { name, pullConformance } from '../conformance/pull.suite.ts';
import type { PullFixture } from '../conformance/pull.suite.ts';
import type { PulledRecord } from '../types.ts';
import { sqlPull } from './index.ts';

type Engine = 'postgresql' | 'mysql';
const PASSWORD_ENV = 'CDF_PULL_TEST_PASSWORD';
const DOWN_ENV = 'CDF_PULL_TEST_DOWN_PASSWORD';
const DOWN_SECRET = 'n0t-the-Real-passw0rd';
const URL_ENV = 'CDF_PULL_TEST_URL';

const ENGINES: Record<Engine, { label: string; admin: () => Knex; connection: Record<string, unknown>; stamp: string }> = {
  postgresql: {
    label: 'PostgreSQL',
    admin: () => knex({ client: 'pg', connection: 'postgres://postgres@127.0.0.1:5432/test', pool: { min: 1, max: 1 } }),
    connection: { host: '127.0.0.1', port: 5432, database: 'test', user: 'postgres' },
    stamp: 'timestamp(6)',
  },
  mysql: {
    label: 'MariaDB',
    admin: () => knex({
      client: 'mysql2', connection: { host: '127.0.0.1', port: 3306, user: 'root', password: '', database: 'test' }, pool: { min: 1, max: 1 },
    }),
    connection: { host: '127.0.0.1', port: 3306, database: 'test', user: 'root', passwordEnv: PASSWORD_ENV },
    stamp: 'datetime(6)',
  },
};

// Row n's update time: 08:00:00 plus n/2 microseconds, so pairs share a time (the tiebreak decides)
// and neighbours differ by a microsecond (a cursor that lost them would reread or skip a row).
const BASE = Date.UTC(2025, 2, 1, 8, 0, 0);
const stamp = (tick: number): string => {
  const whole = new Date(BASE + Math.floor(tick / 1e6) * 1000).toISOString().slice(0, 19).replace('T', ' ');
  return `${whole}.${String(tick % 1e6).padStart(6, '0')}`;
};

let tables = 0;
const admins: Knex[] = [];
beforeAll(() => {
  process.env[PASSWORD_ENV] = '';
  process.env[DOWN_ENV] = DOWN_SECRET;
});
afterAll(async () => {
  delete process.env[PASSWORD_ENV];
  delete process.env[DOWN_ENV];
  delete process.env[URL_ENV];
  await Promise.all(admins.map((a) => a.destroy()));
});

function engine(e: Engine): { admin: () => Knex; source: (rows: number) => Promise<PullFixture & { table: string }> } {
  let db: Knex | undefined;
  const admin = (): Knex => {
    if (!db) admins.push((db = ENGINES[e].admin()));
    return db;
  };
  const source = async (rows: number): Promise<PullFixture & { table: string }> => {
    const a = admin();
    const table = `cdf_pull_t${process.pid}_${++tables}`;
    await a.schema.createTable(table, (t) => {
      t.integer('id').primary();
      t.string('name', 200).notNullable();
      t.specificType('updated_at', ENGINES[e].stamp).notNullable();
      t.decimal('amount', 12, 2);
      t.index(['updated_at', 'id']);
    });
    const n = Math.max(rows, 0);
    if (e === 'postgresql') {
      await a.raw(`insert into ?? select i, '天津市某某商贸有限公司' || i, timestamp '${stamp(0)}' + (i / 2) * interval '1 microsecond', i % 100 + 0.5
        from generate_series(1, ?) i`, [table, n]);
    } else {
      await a.raw(`insert into ?? select seq, concat('天津市某某商贸有限公司', seq), timestamp'${stamp(0)}' + interval floor(seq / 2) microsecond, seq % 100 + 0.5
        from seq_1_to_${Math.trunc(n)}`, [table]);
    }
    let tick = Math.floor(n / 2);
    let next = n;
    const own = e === 'postgresql'
      ? "select count(*) as n from pg_stat_activity where application_name = 'cdf-pull'"
      : "select count(*) as n from information_schema.processlist where id <> connection_id() and user = 'root' and db = 'test'";
    return {
      table,
      config: { client: e, connection: ENGINES[e].connection, table, cursor: { column: 'updated_at', kind: 'timestamp', tiebreak: 'id' } },
      insert: async (count) => {
        // Two by two on one time, as the first rows.
        const rowsIn = Array.from({ length: count }, (_, i) => ({ id: ++next, name: name(next), updated_at: stamp(tick + 1 + Math.floor(i / 2)), amount: 1 }));
        tick += Math.ceil(count / 2) + 1;
        await a(table).insert(rowsIn);
      },
      update: async (ids, version) => {
        tick += 1;
        for (const id of ids) await a(table).where({ id }).update({ name: name(id, version), updated_at: stamp(tick) });
      },
      held: async () => {
        const res = (await a.raw(own)) as { rows?: Array<{ n: string }> } | Array<Array<{ n: number }>>;
        return Number(Array.isArray(res) ? res[0]![0]!.n : res.rows![0]!.n);
      },
      drop: async () => {
        await a.schema.dropTableIfExists(table);
      },
    };
  };
  return { admin, source };
}

for (const e of ['mysql', 'postgresql'] as const) {
  const { source } = engine(e);
  const connection = ENGINES[e].connection;
  pullConformance({
    connector: sqlPull,
    label: ENGINES[e].label,
    source,
    paged: (config, size) => ({ ...config, pageSize: size }),
    // Port 1 on this machine: nothing listens, the connection is refused at once.
    down: () => Promise.resolve({
      config: { client: e, connection: { host: '127.0.0.1', port: 1, database: 'test', user: 'cdf', passwordEnv: DOWN_ENV }, table: 'penalties' },
      secret: DOWN_SECRET,
    }),
    failing: [
      { about: 'a password variable that is not set', code: 'CDF_PULL_CONFIG',
        config: () => ({ client: e, connection: { ...connection, passwordEnv: 'CDF_PULL_TEST_UNSET' }, table: 'penalties' }) },
      { about: 'a table that does not exist', code: 'CDF_PULL_REFUSED', config: () => ({ client: e, connection, table: 'cdf_pull_no_such_table' }) },
      { about: 'a user the database does not know', code: 'CDF_PULL_REFUSED',
        config: () => ({ client: e, connection: { ...connection, user: 'cdf_pull_nobody' }, table: 'penalties' }) },
      { about: 'a database that does not answer', code: 'CDF_PULL_UNAVAILABLE',
        config: () => ({ client: e, connection: { ...connection, port: 1 }, table: 'penalties' }) },
    ],
    badConfigs: [
      { config: { client: e, connection, table: 'penalties; drop table x' }, field: 'table' },
      { config: { client: e, connection: { ...connection, password: 'secret' }, table: 'penalties' }, field: 'connection.password' },
      { config: { client: e, connection, table: 'penalties', query: 'select * from penalties' }, field: 'query' },
      { config: { client: e, connection, query: 'select * from penalties; delete from penalties' }, field: 'query' },
      { config: { client: e, connection, table: 'penalties', cursor: { column: 'updated_at', kind: 'date', tiebreak: 'id' } }, field: 'cursor.kind' },
      { config: { client: e, connection, table: 'penalties', cursor: { column: 'updated_at', kind: 'timestamp' } }, field: 'cursor.tiebreak' },
      { config: { client: 'oracle', connection, table: 'penalties' }, field: 'client' },
    ],
    largeRows: 100_000,
  });

  describe(`sql-pull on ${ENGINES[e].label}`, () => {
    const all = async (config: Record<string, unknown>, cursor: string | null = null): Promise<PulledRecord[]> => {
      const out: PulledRecord[] = [];
      for await (const r of sqlPull.pull(config, { cursor })) out.push(r);
      return out;
    };

    it('gives date-times as ISO text to the microsecond, decimals as text, and cursors in the database\'s own text', async () => {
      const f = await source(3);
      try {
        const [first, second] = await all(f.config);
        // Each database's own text: PostgreSQL leaves out a fraction of zero, MariaDB writes its six digits.
        const whole = e === 'postgresql' ? '08:00:00' : '08:00:00.000000';
        expect(first).toEqual({
          values: { id: 1, name: name(1), updated_at: `2025-03-01T${whole}`, amount: '1.50' },
          cursor: JSON.stringify([`2025-03-01 ${whole}`, 1]),
        });
        expect(second!.values.updated_at).toBe('2025-03-01T08:00:00.000001');
      } finally {
        await f.drop();
      }
    });

    it('reads an instant (timestamptz, MySQL TIMESTAMP) in UTC whatever the server\'s zone, and resumes from its cursor', async () => {
      const { admin } = engine(e);
      const a = admin();
      const table = `cdf_pull_t${process.pid}_${++tables}`;
      const instant = e === 'postgresql' ? 'timestamptz(6)' : 'timestamp(6)';
      await a.schema.createTable(table, (t) => {
        t.integer('id').primary();
        t.specificType('changed', `${instant} not null`);
      });
      try {
        // 16:00:00.000001 in Beijing is 08:00:00.000001 UTC; the admin session writes it in its own zone.
        if (e === 'postgresql') await a.raw(`insert into ?? values (1, '2025-03-01 16:00:00.000001+08'), (2, '2025-03-01 16:00:00.000002+08')`, [table]);
        else {
          await a.raw("set time_zone = '+08:00'");
          await a.raw(`insert into ?? values (1, '2025-03-01 16:00:00.000001'), (2, '2025-03-01 16:00:00.000002')`, [table]);
          await a.raw("set time_zone = 'SYSTEM'");
        }
        const config = { client: e, connection, table, cursor: { column: 'changed', kind: 'timestamp', tiebreak: 'id' } };
        const got = await all(config);
        expect(got.map((r) => r.values.changed)).toEqual(['2025-03-01T08:00:00.000001Z', '2025-03-01T08:00:00.000002Z']);
        expect((await all(config, got[0]!.cursor)).map((r) => r.values.id)).toEqual([2]);
      } finally {
        await a.schema.dropTableIfExists(table);
      }
    });

    it('reads a query as a subquery, and everything without a cursor (cursor null on every record)', async () => {
      const f = await source(25);
      try {
        const { table: _t, cursor: _c, ...plain } = f.config;
        const query = `select id, name from ${f.table} where id % 2 = 1`;
        const viaQuery = await all({ ...plain, query, cursor: { column: 'id', kind: 'number', tiebreak: 'id' }, pageSize: 4 });
        expect(viaQuery.map((r) => r.values)).toEqual(Array.from({ length: 13 }, (_, i) => ({ id: 2 * i + 1, name: name(2 * i + 1) })));
        expect(await all({ ...plain, query, cursor: { column: 'id', kind: 'number', tiebreak: 'id' } }, viaQuery[5]!.cursor)).toHaveLength(7);
        const full = await all({ ...f.config, cursor: undefined, pageSize: 4 });
        expect(full.map((r) => Number(r.values.id)).sort((x, y) => x - y)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
        expect(full.every((r) => r.cursor === null)).toBe(true);
        expect(sqlPull.origin({ ...plain, query })).toEqual({ source: `${e}://127.0.0.1:${String(connection.port)}/test`, query });
      } finally {
        await f.drop();
      }
    });

    it('stopping a full read early (no cursor: one statement streaming) closes its connection too', async () => {
      const f = await source(5000);
      try {
        const before = await f.held();
        let n = 0;
        for await (const r of sqlPull.pull({ ...f.config, cursor: undefined, pageSize: 100 }, { cursor: null })) {
          if (++n === 250) {
            expect(r.cursor).toBeNull();
            expect(await f.held()).toBeGreaterThan(before);
            break;
          }
        }
        const until = Date.now() + 5000;
        while ((await f.held()) !== before && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
        expect(await f.held()).toBe(before);
      } finally {
        await f.drop();
      }
    });

    it('takes the whole connection from a URL in the environment, and names it without user or password', async () => {
      const f = await source(2);
      try {
        process.env[URL_ENV] = e === 'postgresql' ? 'postgres://postgres:any-Secret-9@127.0.0.1:5432/test' : 'mysql://root@127.0.0.1:3306/test';
        const config = { ...f.config, connection: { urlEnv: URL_ENV } };
        expect((await all(config)).map((r) => r.values.id)).toEqual([1, 2]);
        expect(sqlPull.origin(config).source).toBe(`${e}://127.0.0.1:${String(connection.port)}/test`);
      } finally {
        await f.drop();
      }
    });

    it('refuses a saved cursor it did not write, saying how to start over', async () => {
      const f = await source(1);
      try {
        await expect(all(f.config, '2025-03-01')).rejects.toMatchObject({ code: 'CDF_PULL_CONFIG', messages: { en: expect.stringMatching(/read everything again/) } });
      } finally {
        await f.drop();
      }
    });
  });
}
