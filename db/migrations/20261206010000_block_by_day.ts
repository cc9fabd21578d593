// A suspected duplicate agrees with its record on every value but the key (issue 8), the decision
// date among them: the candidates are blocked by subject and that day, no longer by subject alone.
// Blocked by subject alone, every new record fetched each record its subject already had (537,757
// records for the 101,232 of one tax office's batch at 1,000,000 rows, 38 of them on the same day
// with the same values), 20 s of a 1,000,000-row run for no item, and the count per new record
// grows with the store's history of each subject. The day joins the two indexes' keys; a lookup by
// subject alone still reads the subject index by its leading columns. The field is the one every
// dated disclosure names (catalog/datasets/*.yaml: penalties, licences, red and black lists).
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    drop index golden_records_subject_idx;
    create index golden_records_subject_idx on golden_records (dataset, subject_uscc, (fields->>'decision_date'))
      where subject_uscc is not null;
    drop index golden_records_person_idx;
    create index golden_records_person_idx on golden_records (dataset, (fields->>'subject_id_no'), (fields->>'decision_date'))
      where subject_uscc is null and fields->>'subject_id_no' is not null;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    drop index golden_records_subject_idx;
    create index golden_records_subject_idx on golden_records (dataset, subject_uscc) where subject_uscc is not null;
    drop index golden_records_person_idx;
    create index golden_records_person_idx on golden_records (dataset, (fields->>'subject_id_no'))
      where subject_uscc is null and fields->>'subject_id_no' is not null;
  `);
}
