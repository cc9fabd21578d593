// SQL-table sink: each record is upserted into the subscriber's own PostgreSQL table by golden id,
// a tombstone marks it deleted. A version never overwrites a newer one, so a retried or late
// delivery cannot roll a row back; delivering the same change twice has one effect.
// The connection URL is read only from a variable the operator allows (CDF_SECRET_ENV_ALLOW,
// catalog/sink-policy.ts), checked at the catalogue import and again here.
import knex from 'knex';
import { sinkRefusal } from '../../catalog/sink-policy.ts';
import type { DeliveryRecord, DeliveryResult, SinkConnector } from '../types.ts';
import { checkSqlSink, TABLE } from './check.ts';

export const sqlSink: SinkConnector = {
  kind: 'sink',
  id: 'sql',
  check: (config) => checkSqlSink(config),
  async deliver(config, key, records, places): Promise<DeliveryResult> {
    const refused = sinkRefusal(places, { id: key.split(':')[0]!, sink: 'sql' }, config);
    if (refused) throw refused;
    const envName = String(config.urlEnv ?? '');
    const url = process.env[envName];
    if (!url) throw new Error(`SQL subscription: set ${envName || 'urlEnv'} to the subscriber's connection URL`);
    const table = String(config.table ?? '');
    if (!TABLE.test(table)) throw new Error(`SQL subscription: "${table}" is not a plain table name`);
    const pageSize = Number(config.pageSize ?? 1000);
    const db = knex({ client: 'pg', connection: url, pool: { min: 0, max: 1 } });
    let count = 0;
    let tombstones = 0;
    try {
      await db.raw(`create table if not exists ${table} (
        golden_id bigint primary key, version int not null, dataset text not null, subject_uscc text,
        fields jsonb not null, deleted boolean not null default false, delivery_key text not null, delivered_at timestamptz not null default now())`);
      const flush = async (page: DeliveryRecord[]) => {
        if (!page.length) return;
        await db.raw(
          `
          insert into ${table} (golden_id, version, dataset, subject_uscc, fields, deleted, delivery_key)
          select * from jsonb_to_recordset(cast(? as jsonb))
                   as x(golden_id bigint, version int, dataset text, subject_uscc text, fields jsonb, deleted boolean, delivery_key text)
          on conflict (golden_id) do update set version = excluded.version, dataset = excluded.dataset, subject_uscc = excluded.subject_uscc,
            fields = excluded.fields, deleted = excluded.deleted, delivery_key = excluded.delivery_key, delivered_at = now()
          where ${table}.version <= excluded.version`,
          [
            JSON.stringify(
              page.map((r) => ({
                golden_id: r.goldenId,
                version: r.version,
                dataset: r.dataset,
                subject_uscc: r.subjectUscc,
                fields: r.fields,
                deleted: r.op === 'tombstone',
                delivery_key: key,
              })),
            ),
          ],
        );
      };
      let page: DeliveryRecord[] = [];
      for await (const r of records) {
        if (r.op === 'tombstone') tombstones++;
        else count++;
        page.push(r);
        if (page.length === pageSize) {
          await flush(page);
          page = [];
        }
      }
      await flush(page);
    } finally {
      await db.destroy();
    }
    return { location: `${new URL(url).host}${new URL(url).pathname}#${table}`, records: count, tombstones };
  },
};

export default sqlSink;
