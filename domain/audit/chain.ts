// The audit log is a hash chain: each entry's hash covers its own content and the previous entry's
// hash, so changing, removing or reordering any entry breaks every link after it. Pure: the
// database layer stores entries, this computes and checks them.
import { createHash } from 'node:crypto';

export interface AuditEntry {
  seq: number;
  /** ISO time, stored as written (a timestamp type would round it and break the hash). */
  at: string;
  actor: string;
  kind: string;
  subject: string;
  payload: unknown;
}

export const GENESIS = '0'.repeat(64);

/** JSON with object keys sorted at every level: the same content always hashes the same. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v as object).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

export function entryHash(prev: string, e: AuditEntry): string {
  return createHash('sha256').update(prev).update('\n').update(canonical(e)).digest('hex');
}

export type ChainBreak = { seq: number; reason: 'hash' | 'prev' | 'gap'; zh: string; en: string };

/** Checks entries in order; returns the first broken link, or null. */
export function firstBreak(entries: Iterable<AuditEntry & { prevHash: string; hash: string }>, start = { prev: GENESIS, seq: 0 }): ChainBreak | null {
  let { prev, seq } = start;
  for (const e of entries) {
    if (e.seq !== seq + 1)
      return {
        seq: seq + 1,
        reason: 'gap',
        zh: `第 ${seq + 1} 条记录缺失（下一条是第 ${e.seq} 条）`,
        en: `entry ${seq + 1} is missing (the next is ${e.seq})`,
      };
    if (e.prevHash !== prev)
      return {
        seq: e.seq,
        reason: 'prev',
        zh: `第 ${e.seq} 条记录所指的前一条哈希与实际不符`,
        en: `entry ${e.seq} points at a previous hash that is not the previous entry's`,
      };
    const { prevHash: _p, hash, ...content } = e;
    if (entryHash(prev, content) !== hash)
      return {
        seq: e.seq,
        reason: 'hash',
        zh: `第 ${e.seq} 条记录的内容与其哈希不符（已被改动）`,
        en: `entry ${e.seq}'s content does not match its hash (it was altered)`,
      };
    prev = hash;
    seq = e.seq;
  }
  return null;
}
