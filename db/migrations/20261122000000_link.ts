// Link (issue 5): the subject registry the link step resolves codes and names against, the steward
// queue for links too uncertain to make, and the code conflicts (重错码) found on the way.
import type { Knex } from 'knex';

// The blocking key's patterns as they stood when this migration was written (domain/link/name-key.ts
// BLOCK_PREFIX, BLOCK_SUFFIX). Copied, not imported: a migration must do the same thing forever,
// whatever the live code becomes; a later change of the key is a later migration (test/link.test.ts
// holds the SQL function and the TypeScript key together).
const BLOCK_PREFIX = '^(天津市|天津)?([一-鿿]{1,3}(新区|区|县))?';
const BLOCK_SUFFIX = '(股份有限公司|有限责任公司|有限公司|分公司|公司)$';

/** knex turns every bare `?` into a positional parameter, even in a regular expression. */
const sqlPattern = (re: string): string => re.replace(/\?/g, '\\?').replace(/'/g, "''");

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    -- Trigram index over names: an index picks a small candidate block for fuzzy matching. pg_trgm
    -- sees Chinese characters only in a database whose LC_CTYPE is a UTF-8 locale.
    create extension if not exists pg_trgm;

    -- domain/link/name-key.ts blockKey, in SQL: the name key without the shared prefix and legal form.
    create function cdf_block_key(name_key text) returns text immutable strict parallel safe language sql as $fn$
      select regexp_replace(regexp_replace(replace(name_key, '(天津)', ''), '${sqlPattern(BLOCK_PREFIX)}', ''), '${sqlPattern(BLOCK_SUFFIX)}', '')
    $fn$;

    -- What the clean step computed for linking: the subject's name and legal representative as
    -- matching keys (simplified script, half-width, no spaces; the stored fields are unchanged),
    -- and a reject held back for the link step to confirm (a subject USCC whose check character
    -- fails: the registry may show which subject was meant).
    alter table clean_rows
      add column name_key text,
      add column rep_key text,
      add column held_reject jsonb;

    -- One row per registered subject, maintained by the sync of legal_person_registry batches:
    -- the registry is a dataset like the others, loaded through the same upload path.
    create table registry_subjects (
      uscc text primary key,
      -- Characters 9–17 of the USCC: how an organisation code or an old tax number finds it.
      orgcode text not null,
      regno text,
      name text not null,
      name_key text not null,
      -- cdf_block_key(name_key): what the trigram index blocks on.
      block_key text not null,
      rep_key text,
      golden_id bigint not null references golden_records(id),
      batch_id text not null,
      row_no int not null
    );
    create index registry_subjects_orgcode_idx on registry_subjects (orgcode);
    create index registry_subjects_regno_idx on registry_subjects (regno) where regno is not null;
    create index registry_subjects_name_idx on registry_subjects (name_key);
    create index registry_subjects_block_trgm_idx on registry_subjects using gin (block_key gin_trgm_ops);
    -- The first fuzzy block: subjects with the row's legal representative.
    create index registry_subjects_rep_idx on registry_subjects (rep_key) where rep_key is not null;

    -- The steward queue: work a person must decide. Kinds so far: uncertain_link.
    create table steward_tasks (
      id bigserial primary key,
      kind text not null,
      batch_id text not null references batches(id),
      row_no int not null,
      status text not null default 'open',
      detail jsonb not null,
      created_at timestamptz not null default now(),
      decided_at timestamptz,
      decided_by text,
      decision jsonb,
      unique (kind, batch_id, row_no)
    );
    create index steward_tasks_open_idx on steward_tasks (status, kind, id);

    -- 重错码: a row whose codes disagree with each other, with the registry or with other rows.
    create table code_conflicts (
      batch_id text not null references batches(id),
      row_no int not null,
      kind text not null,
      code text,
      subject_uscc text,
      detail jsonb not null default '{}',
      primary key (batch_id, row_no, kind)
    );
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    drop table if exists code_conflicts, steward_tasks, registry_subjects;
    drop function if exists cdf_block_key(text);
    alter table clean_rows drop column if exists name_key, drop column if exists rep_key, drop column if exists held_reject;
  `);
}
