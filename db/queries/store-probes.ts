// How a statement over one batch reaches the golden store and the registry of subjects: through a
// key, one probe per batch row.
// Each is a lateral subquery with `offset 0`, which the planner cannot turn into a join. Joined
// plainly, a batch that is a fair share of the store is planned as a hash of every record, a cost
// that grows with every record ever made rather than with the batch (README, "A batch against
// the store").
import type { Knex } from 'knex';

/** The record a row's natural `key` already has (`g`-style: id, content_hash), through the store's
 * unique key (dataset, natural_key); `:dataset` is bound by the statement. */
export const heldByKey = (key: string): string =>
  `(select g.id, g.content_hash from golden_records g where g.dataset = :dataset and g.natural_key = ${key} offset 0)`;

/** A new golden record's id, drawn before the record is written (compare draws one per key nobody
 * holds; sync then creates the record under it). The same sequence as the column's default. */
export const DRAW_RECORD_ID = "nextval(pg_get_serial_sequence('golden_records', 'id'))";

/** The record with the id `id` (an expression of the outer row), its `columns`, through the primary key. */
export const recordById = (id: string, columns: string): string =>
  `(select ${columns} from golden_records r where r.id = ${id} offset 0)`;

/** The registered subjects whose `column` equals `value` (an expression of the outer row), their
 * `columns` (`r`-style), through that column's index; `extra` narrows them further. The registry
 * grows with the city (a million subjects and more), a batch's open rows rarely past thousands. */
export const registeredBy = (column: 'uscc' | 'orgcode' | 'regno' | 'name_key', value: string, columns: string, extra = ''): string =>
  `(select ${columns} from registry_subjects r where r.${column} = ${value} ${extra} offset 0)`;

/** The plan PostgreSQL picks for `sql` with `bindings` (EXPLAIN, JSON), for the tests of its shape. */
export async function jsonPlan(db: Knex | Knex.Transaction, sql: string, bindings: Knex.RawBinding[] | Knex.ValueDict): Promise<unknown> {
  const { rows } = await db.raw<{ rows: Array<{ 'QUERY PLAN': unknown }> }>(`explain (format json) ${sql}`, bindings);
  return rows[0]!['QUERY PLAN'];
}
