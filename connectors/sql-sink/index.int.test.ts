// The SQL sink against a real PostgreSQL (a database of its own, cloned by test/global-setup.ts's
// server): the shared sink contract, a table per case. The batch-through-Temporal story, a credit
// repair and a late older version are test/sql-sink.test.ts's.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/helpers/factory.ts';
import type { TestDatabase } from '../../test/helpers/factory.ts';
import { SINK_CONFIG, SINK_UNAVAILABLE } from '../check.ts';
import { sinkConformance } from '../conformance/sink.suite.ts';
import { sqlSink } from './index.ts';

const URL_ENV = 'CDF_CONFORMANCE_SUBSCRIBER_DB';
const DOWN_ENV = 'CDF_CONFORMANCE_DOWN_DB';
let subscriber: TestDatabase;

beforeAll(async () => {
  subscriber = await createTestDatabase();
  process.env[URL_ENV] = subscriber.url;
  // Port 1 on this machine: nothing listens, the connection is refused at once.
  process.env[DOWN_ENV] = 'postgres://cdf:secret@127.0.0.1:1/nowhere';
}, 120_000);
afterAll(async () => {
  delete process.env[URL_ENV];
  delete process.env[DOWN_ENV];
  await subscriber?.drop();
});

it('check() is ok on a table that exists, and never shows the password of the URL it could not reach', async () => {
  await subscriber.db.raw('create table if not exists existing_penalties (golden_id bigint primary key)');
  expect(await sqlSink.check({ urlEnv: URL_ENV, table: 'existing_penalties' })).toEqual({ ok: true });
  const down = await sqlSink.check({ urlEnv: DOWN_ENV, table: 'penalties' });
  expect(down).toMatchObject({ ok: false, code: SINK_UNAVAILABLE });
  expect(JSON.stringify(down)).not.toContain('secret');
});

let targets = 0;
sinkConformance({
  connector: sqlSink,
  target: () => {
    const table = `conformance_${++targets}`;
    const url = new URL(subscriber.url);
    return Promise.resolve({
      config: { urlEnv: URL_ENV, table, pageSize: 2, dir: '/unused/outbox', dataset: 'admin_penalty' },
      location: () => `${url.host}${url.pathname}#${table}`,
      places: { dataDir: '/unused', fileSinkRoots: [], webhookHosts: [], secretEnvAllow: [URL_ENV] },
      // A table keeps the last version of each record: a second delivery would show as a version
      // it should not have, or as rows it should not hold.
      arrivals: async () => ((await subscriber.db(table).orderBy('golden_id').select('golden_id', 'version', 'deleted')) as
        Array<{ golden_id: string; version: number; deleted: boolean }>)
        .map((r) => ({ goldenId: Number(r.golden_id), version: r.version, op: r.deleted ? 'tombstone' as const : 'upsert' as const })),
    });
  },
  failing: [
    { about: 'an unset connection URL', config: () => ({ urlEnv: 'CDF_CONFORMANCE_UNSET_DB', table: 'penalties' }), code: SINK_CONFIG },
    { about: 'a table name that is not plain', config: () => ({ urlEnv: URL_ENV, table: 'public.t; drop table x' }), code: SINK_CONFIG },
    { about: 'a database that does not answer', config: () => ({ urlEnv: DOWN_ENV, table: 'penalties' }), code: SINK_UNAVAILABLE },
  ],
  // test/sql-sink.test.ts's subscription, and the least a subscription needs.
  catalogConfigs: [
    { urlEnv: 'CDF_SINK_TEST_SUBSCRIBER_DB', table: 'credit_penalties', pageSize: 3 },
    { urlEnv: 'SUBSCRIBER_DB', table: 'penalties' },
  ],
  badCatalogConfig: { config: { urlEnv: 'CDF_SINK_TEST_SUBSCRIBER_DB', table: 'Credit-Penalties' }, field: 'table' },
});
