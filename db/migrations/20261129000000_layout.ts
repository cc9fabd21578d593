// Layout of an upload (issue 12): the header line found below any title, unit or note lines, the
// lines skipped above it, the footers found after the data, and where CSV rows start past their
// header line + row number. Null for batches received before it (header on the first line).
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`alter table batches add column layout jsonb`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`alter table batches drop column if exists layout`);
}
