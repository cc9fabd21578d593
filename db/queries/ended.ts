// Records whose publication is surely over (domain/publication/public-view.ts, endedBefore): a
// condition on a golden record's fields that pages of public records use to leave them out in the
// store, unread. A bound is met when its field is filled and earlier than its day; ISO dates
// compare as text, byte by byte (collation "C"), as the domain compares them.
import type { EndedBefore } from '../../domain/publication/public-view.ts';

/** The bounds as the one parameter `meetsEnded` reads: a JSON list of {field, before}. */
export const endedParam = (ended: readonly EndedBefore[] = []): string => JSON.stringify(ended.map(({ field, before }) => ({ field, before })));

/** SQL true when the record aliased `alias` meets one of the bounds in the parameter `param`
 * (endedParam; an empty list is never met). */
export const meetsEnded = (alias: string, param: string): string => `exists (
  select from jsonb_to_recordset(cast(${param} as jsonb)) e(field text, before text)
   where ${alias}.fields->>e.field <> '' and ${alias}.fields->>e.field < e.before collate "C")`;
