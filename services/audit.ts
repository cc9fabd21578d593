// Verifying the audit chain, for auditors and admins: the answer a page shows as it is (a result
// code with its name in both languages, entries checked, the period they span, and the first
// broken link with what stood there), so no client reinterprets it.
import { verifyAudit } from '../db/audit.ts';
import type { Db } from '../db/connect.ts';
import { auditEntryAt, auditSpan } from '../db/queries/audit-log.ts';
import type { ChainBreak } from '../domain/audit/chain.ts';
import type { Bilingual } from '../domain/errors.ts';
import { Role, requireRole } from './identity.ts';
import type { Identity } from './identity.ts';

export interface AuditVerification {
  result: 'intact' | 'broken';
  resultName: Bilingual;
  /** Entries verified before the first break (all of them when intact). */
  entries: number;
  /** When the first entry and the last verified one were written (ISO times as chained; null: none). */
  firstAt: string | null;
  lastAt: string | null;
  /** The first broken link, with the entry found there (null fields: it is missing). */
  broken: (ChainBreak & { at: string | null; kind: string | null; actor: string | null }) | null;
}

const RESULT_NAMES = {
  intact: { zh: '审计链完整', en: 'the audit chain is intact' },
  broken: { zh: '审计链断开', en: 'the audit chain is broken' },
} as const;

export async function verifyAuditChain(db: Db, who: Identity): Promise<AuditVerification> {
  requireRole(who, [Role.auditor, Role.admin], { zh: '校验审计链', en: 'verify the audit chain' });
  const { entries, broken } = await verifyAudit(db);
  const span = await auditSpan(db, broken?.seq);
  const at = broken ? await auditEntryAt(db, broken.seq) : undefined;
  const result = broken ? 'broken' : 'intact';
  return {
    result, resultName: RESULT_NAMES[result], entries, firstAt: span?.first_at ?? null, lastAt: span?.last_at ?? null,
    broken: broken ? { ...broken, at: at?.at ?? null, kind: at?.kind ?? null, actor: at?.actor ?? null } : null,
  };
}
