// The demo's stand-in for the registration authority's own database: a table in the factory's
// exchange area (前置库, schema front), so each factory (and each test's database) has its own, holding the
// demo registry as a registration system stores it (its own column names, an id and an update
// time). The demo catalogue pulls the legal-person registry from it on a schedule. Pointing the
// entry at a real registry database is a change of the entry's connection, nothing else.
import type { Knex } from 'knex';

export const DEMO_FRONT_TABLE = 'front.registry_legal_persons';

/** A registered subject as the registration system holds it. */
export interface FrontSubject { uniscid: string; entname: string; regno: string; orgcode: string; lerep: string; regorg_div: string }

/** Creates the schema and table when missing and fills an empty table; true when it filled it. */
export async function ensureDemoFront(db: Knex, subjects: readonly FrontSubject[]): Promise<boolean> {
  await db.raw(`
    create table if not exists front.registry_legal_persons (
      id bigserial primary key,
      uniscid text not null unique,
      entname text not null,
      regno text, orgcode text, lerep text, regorg_div text,
      updated_at timestamptz not null default clock_timestamp()
    );
    create index if not exists registry_legal_persons_updated_idx on front.registry_legal_persons (updated_at, id);
  `);
  const [{ n }] = (await db(DEMO_FRONT_TABLE).count({ n: '*' })) as [{ n: string }];
  if (Number(n) > 0) return false;
  for (let i = 0; i < subjects.length; i += 500) await db(DEMO_FRONT_TABLE).insert(subjects.slice(i, i + 500));
  return true;
}
