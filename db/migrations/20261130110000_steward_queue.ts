// The steward queue at scale (issue 14): a page of the queue filtered by dataset, agency, region,
// kind, age or escalation, sorted and counted, must answer in milliseconds with a million golden
// records behind it. The columns a filter or sort reads are kept on the item itself (filled by a
// trigger from its batch, its row and its detail, so every step that raises items keeps them
// without knowing), each with an index led by status. `pattern` names what makes items "the same
// kind of case" for bulk decisions (kind, dataset, rule, the differing fields and which side holds
// a value for each). Every decision is a row of steward_decisions, kept when it is undone (reopen
// appends the inverse as a new version; nothing is deleted), so earlier decisions on a record or a
// subject can be shown and an undo names what it reverted.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    alter table steward_tasks
      add column dataset text,
      add column agency text,
      add column subject_region text,
      add column pattern text,
      add column score real,
      add column reopens int not null default 0;

    create function cdf_steward_task_fill() returns trigger language plpgsql as $fn$
    begin
      if new.dataset is null or new.agency is null then
        select b.dataset, b.agency into new.dataset, new.agency from batches b where b.id = new.batch_id;
      end if;
      if new.subject_region is null then
        select substr(c.subject_uscc, 3, 6) into new.subject_region
          from clean_rows c where c.batch_id = new.batch_id and c.row_no = new.row_no and c.subject_uscc is not null;
      end if;
      new.score := coalesce(
        case when jsonb_typeof(new.detail->'score') = 'number' then (new.detail->>'score')::real end,
        (select max((c->>'score')::real) from jsonb_array_elements(
           case when jsonb_typeof(new.detail->'candidates') = 'array' then new.detail->'candidates' else '[]'::jsonb end) c
          where jsonb_typeof(c->'score') = 'number'));
      -- Which side holds a value for each differing field: a = only the held record, b = only the
      -- incoming row, x = both (different values).
      new.pattern := md5(concat_ws('|', new.kind, new.dataset, coalesce(new.detail->>'rule', new.detail->>'reason', ''),
        (select string_agg(k || ':' || case
                  when coalesce(new.detail->'held'->'values'->>k, '') = '' then 'b'
                  when coalesce(new.detail->'incoming'->'values'->>k, '') = '' then 'a'
                  else 'x' end, ',' order by k)
           from jsonb_array_elements_text(case when jsonb_typeof(new.detail->'differs') = 'array' then new.detail->'differs' else '[]'::jsonb end) k)));
      return new;
    end
    $fn$;

    update steward_tasks t set dataset = b.dataset, agency = b.agency from batches b where b.id = t.batch_id;
    create trigger steward_tasks_fill before insert or update of detail, batch_id, row_no on steward_tasks
      for each row execute function cdf_steward_task_fill();
    update steward_tasks set detail = detail;

    create index steward_tasks_status_id_idx on steward_tasks (status, id);
    create index steward_tasks_dataset_idx on steward_tasks (status, dataset, id);
    -- The scope's two branches (an agency's items, a district's subjects) carry the kind, so the
    -- badge counts per kind read the index alone.
    create index steward_tasks_agency_idx on steward_tasks (status, agency, id) include (kind);
    create index steward_tasks_region_idx on steward_tasks (status, subject_region, id) include (kind);
    create index steward_tasks_pattern_idx on steward_tasks (status, pattern, id);
    create index steward_tasks_score_idx on steward_tasks (status, score desc nulls last, id);
    create index steward_tasks_escalated_idx on steward_tasks (status, id) where escalated_at is not null;
    create index steward_tasks_golden_idx on steward_tasks (golden_id) where golden_id is not null;

    create table steward_decisions (
      id bigserial primary key,
      task_id bigint not null references steward_tasks(id),
      golden_id bigint,
      subject_uscc text,
      action text not null,
      decision jsonb not null,
      outcome jsonb,
      note text,
      decided_by text not null,
      decided_at timestamptz not null default now(),
      -- What undoing it needs: the record states and source roles it changed, as they were before.
      undo jsonb,
      undone_at timestamptz,
      undone_by text,
      undo_note text,
      undo_outcome jsonb
    );
    create index steward_decisions_task_idx on steward_decisions (task_id, id);
    create index steward_decisions_golden_idx on steward_decisions (golden_id, id) where golden_id is not null;
    create index steward_decisions_subject_idx on steward_decisions (subject_uscc, id) where subject_uscc is not null;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    drop table if exists steward_decisions;
    drop trigger if exists steward_tasks_fill on steward_tasks;
    drop function if exists cdf_steward_task_fill();
    drop index if exists steward_tasks_status_id_idx, steward_tasks_dataset_idx, steward_tasks_agency_idx, steward_tasks_region_idx,
      steward_tasks_pattern_idx, steward_tasks_score_idx, steward_tasks_escalated_idx, steward_tasks_golden_idx;
    alter table steward_tasks drop column if exists dataset, drop column if exists agency, drop column if exists subject_region,
      drop column if exists pattern, drop column if exists score, drop column if exists reopens;
  `);
}
