// Issue 15: a golden version no longer copies values its source row already holds. A record's
// first version (and a same-source update's version) is exactly the clean row it was made from,
// whose values are written once by clean and never changed after (steward decisions and re-keying
// change a row's class, record, subject or hash, never its fields; only held rows are deleted, in
// link, before any version can name them). Copying them was a second logged write of every row's
// jsonb document in sync (33 s of a million-row run's 756 s).
//
// Such a version keeps fields null and reads them from its row: golden_version_values is the table
// as readers knew it. Its content hash stays a copy: a steward's decision may change the row's.
// Versions already held whose values equal their row's become references too.
import type { Knex } from 'knex';

/** Versions held whose values equal their source row's keep a reference instead (tested in
 * db/queries/pipeline/compare-sync.int.test.ts). Returns how many. */
export async function referenceVersionsToRows(knex: Knex): Promise<number> {
  const r = await knex.raw<{ rowCount: number }>(`
    update golden_versions v set fields = null
      from clean_rows c
     where v.fields is not null and c.batch_id = v.batch_id and c.row_no = v.row_no and c.fields = v.fields`);
  return r.rowCount;
}

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    alter table golden_versions alter column fields drop not null;
    create view golden_version_values as
      select v.golden_id, v.version, coalesce(v.fields, c.fields) as fields, v.content_hash, v.batch_id, v.row_no,
             v.valid_from, v.field_sources
        from golden_versions v
        left join clean_rows c on v.fields is null and c.batch_id = v.batch_id and c.row_no = v.row_no;
  `);
  await referenceVersionsToRows(knex);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    update golden_versions v set fields = c.fields
      from clean_rows c
     where v.fields is null and c.batch_id = v.batch_id and c.row_no = v.row_no;
    drop view if exists golden_version_values;
    alter table golden_versions alter column fields set not null;
  `);
}
