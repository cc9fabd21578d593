// A row whose subject waits for a steward's link decision keeps its content hash without the
// subject (base_hash), so that compare can tell whether it is the same as a copy already linked
// once linked the same way, and hold it (class awaiting_link) rather than raise a conflict that is
// only about a link nobody has decided yet. Written only for the few rows left unlinked.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw('alter table clean_rows add column base_hash text');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('alter table clean_rows drop column if exists base_hash');
}
