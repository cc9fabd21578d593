// Issue 8, a suspected duplicate is "a typo away": two natural keys one clerk's slip apart, one
// character wrong, missing or extra, or two neighbours swapped (an optimal-string-alignment
// distance of one). Trigram similarity of the whole key measured the wrong thing: the authority's
// USCC and the document number's prefix and year are most of a key, so 津和市场监管罚〔2024〕1228号
// and …2151号 of one authority scored 0.75, above the 0.6 that made an item. At 1,000,000 rows
// every one of the 117 items raised that way was two different decisions.
//
// A natural person has no USCC: his records were never compared at all. They are blocked by the
// person's ID number, from a partial index over person records only (about 8 % of penalties). The
// field is the one every person-bearing dataset names (catalog/datasets/*.yaml, subject.idNo).
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create function cdf_one_typo_apart(a text, b text) returns boolean
      immutable strict parallel safe language plpgsql as $fn$
    declare
      la int := length(a);
      lb int := length(b);
      lo int := 0;
      hi int := least(la, lb);
      mid int;
      i int;
    begin
      if a = b or abs(la - lb) > 1 then return false; end if;
      -- The common prefix by halving (keys are short, but a pair is checked per candidate).
      while lo < hi loop
        mid := (lo + hi + 1) / 2;
        if left(a, mid) = left(b, mid) then lo := mid; else hi := mid - 1; end if;
      end loop;
      i := lo + 1; -- the first character that differs
      if la = lb then
        return substr(a, i + 1) = substr(b, i + 1)
            or (substr(a, i, 1) = substr(b, i + 1, 1) and substr(a, i + 1, 1) = substr(b, i, 1)
                and substr(a, i + 2) = substr(b, i + 2));
      elsif la > lb then
        return substr(a, i + 1) = substr(b, i);
      else
        return substr(a, i) = substr(b, i + 1);
      end if;
    end
    $fn$;
    create index golden_records_person_idx on golden_records (dataset, (fields->>'subject_id_no'))
      where subject_uscc is null and fields->>'subject_id_no' is not null;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists golden_records_person_idx; drop function if exists cdf_one_typo_apart(text, text)');
}
