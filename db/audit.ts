// Appending to and verifying the audit chain. Appends take turns (a transaction-scoped advisory
// lock), so each entry links to the one before it even when workers append at once; an append
// inside a caller's transaction commits or rolls back with what it records.
import type { Knex } from 'knex';
import { entryHash, firstBreak, GENESIS } from '../domain/audit/chain.ts';
import type { AuditEntry, ChainBreak } from '../domain/audit/chain.ts';
import type { Db } from './connect.ts';

export interface AuditEvent { actor: string; kind: string; subject: string; payload: unknown }

async function appendIn(trx: Knex.Transaction, events: AuditEvent[]): Promise<void> {
  await trx.raw(`select pg_advisory_xact_lock(hashtext('cdf:audit'))`);
  const last = (await trx('audit_log').orderBy('seq', 'desc').first('seq', 'hash')) as { seq: string | number; hash: string } | undefined;
  let prev = last?.hash ?? GENESIS;
  let seq = Number(last?.seq ?? 0);
  const rows = events.map((ev) => {
    const entry: AuditEntry = {
      seq: ++seq,
      at: new Date().toISOString(),
      actor: ev.actor,
      kind: ev.kind,
      subject: ev.subject,
      payload: JSON.parse(JSON.stringify(ev.payload ?? null)) as unknown,
    };
    const hash = entryHash(prev, entry);
    const row = { ...entry, payload: JSON.stringify(entry.payload), prev_hash: prev, hash };
    prev = hash;
    return row;
  });
  if (rows.length) await trx('audit_log').insert(rows);
}

export async function appendAudit(db: Db | Knex.Transaction, ...events: AuditEvent[]): Promise<void> {
  if (!events.length) return;
  if ('commit' in db) return appendIn(db as Knex.Transaction, events);
  await (db as Db).transaction((trx) => appendIn(trx, events));
}

/** Recomputes the whole chain in pages; the first broken link, or null, and how many entries were checked. */
export async function verifyAudit(db: Db, pageSize = 5000): Promise<{ entries: number; broken: ChainBreak | null }> {
  let state = { prev: GENESIS, seq: 0 };
  let entries = 0;
  for (;;) {
    const rows = (await db('audit_log').where('seq', '>', state.seq).orderBy('seq').limit(pageSize)) as Array<{
      seq: string | number;
      at: string;
      actor: string;
      kind: string;
      subject: string;
      payload: unknown;
      prev_hash: string;
      hash: string;
    }>;
    const page = rows.map((r) => ({
      seq: Number(r.seq),
      at: r.at,
      actor: r.actor,
      kind: r.kind,
      subject: r.subject,
      payload: r.payload,
      prevHash: r.prev_hash,
      hash: r.hash,
    }));
    const broken = firstBreak(page, state);
    if (broken) return { entries: entries + page.findIndex((p) => p.seq >= broken.seq), broken };
    entries += page.length;
    if (page.length < pageSize) return { entries, broken: null };
    state = { prev: page[page.length - 1]!.hash, seq: page[page.length - 1]!.seq };
  }
}
