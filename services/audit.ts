// Verifying the audit chain, for auditors and admins.
import { verifyAudit } from '../db/audit.ts';
import type { Db } from '../db/connect.ts';
import { Role, requireRole } from './identity.ts';
import type { Identity } from './identity.ts';

export async function verifyAuditChain(db: Db, who: Identity): ReturnType<typeof verifyAudit> {
  requireRole(who, [Role.auditor, Role.admin], { zh: '校验审计链', en: 'verify the audit chain' });
  return verifyAudit(db);
}
