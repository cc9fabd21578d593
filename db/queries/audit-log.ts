// audit_log as the chain's verification reads it beside db/audit.ts (which appends and recomputes
// the chain): when the entries it checked were written, and the entry at a broken link.
import type { Knex } from 'knex';

type Conn = Knex | Knex.Transaction;

/** When the first entry and the last one before `beforeSeq` (all of them without it) were written; nulls when there are none. */
export async function auditSpan(db: Knex, beforeSeq?: number): Promise<{ first_at: string | null; last_at: string | null } | undefined> {
  return (await db('audit_log').modify((q) => {
    if (beforeSeq !== undefined) void q.where('seq', '<', beforeSeq);
  }).first(db.raw('min(at) as first_at, max(at) as last_at'))) as { first_at: string | null; last_at: string | null } | undefined;
}

/** The entry at `seq`: when, what and who; undefined when it is missing. */
export async function auditEntryAt(db: Conn, seq: number): Promise<{ at: string; kind: string; actor: string } | undefined> {
  return (await db('audit_log').where({ seq }).first('at', 'kind', 'actor')) as { at: string; kind: string; actor: string } | undefined;
}
