// registry_subjects as the code mapping service reads it: the subjects a code names in the
// registry (by USCC, organisation code or registration number), within the divisions the caller
// may use. The link step's own reads of the registry are its (activities/link/).
import type { Knex } from 'knex';

type Conn = Knex | Knex.Transaction;

export interface RegistrySubject { uscc: string; name: string }

/**
 * Up to 10 subjects, by USCC, whose `column` is `value`; within `divisions` (a USCC's characters
 * 3–8) when given, none when that list is empty.
 */
export async function registrySubjectsBy(
  db: Conn, column: 'uscc' | 'orgcode' | 'regno', value: string, divisions: string[] | null,
): Promise<RegistrySubject[]> {
  return (await db('registry_subjects').where(column, value).modify((q) => {
    if (divisions) void q.whereRaw(`substr(uscc, 3, 6) in (${divisions.map(() => '?').join(', ') || 'null'})`, divisions);
  }).orderBy('uscc').limit(10).select('uscc', 'name')) as RegistrySubject[];
}
