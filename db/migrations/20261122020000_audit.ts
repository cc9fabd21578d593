// The audit log (issue 7): steward decisions, rule decisions, catalogue versions and finished
// batches, appended as a hash chain an auditor can verify end to end (domain/audit/chain.ts).
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table audit_log (
      seq bigint primary key,
      at text not null,
      actor text not null,
      kind text not null,
      subject text not null,
      payload jsonb not null,
      prev_hash text not null,
      hash text not null
    );
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table if exists audit_log');
}
