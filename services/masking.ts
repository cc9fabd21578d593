// Personal data in service answers: masked (domain/publication/personal.ts, the public view's own
// masking) for every reader without the unmask right, whatever the role; served unmasked only to
// an account granted it (`identity.unmask`), and then each answer writes one audit entry (kind
// 'unmask': who, which object), one per request however many rows it holds.
//
// An agency reading its OWN batch's report and rejects sees them as it sent them, unmasked and not
// audited: they are its own submission, which it must correct and re-upload; nothing is disclosed
// to it that it did not hold. Everyone else's view of those rows is masked.
import { appendAudit } from '../db/audit.ts';
import type { Db } from '../db/connect.ts';
import { Role } from './identity.ts';
import type { Identity } from './identity.ts';

export type Unmasked = 'unmask_right' | 'own_submission';

/** Why the caller sees personal data unmasked, or null: it sees it masked. */
export function unmaskedFor(who: Identity, submittedBy?: string): Unmasked | null {
  if (who.unmask) return 'unmask_right';
  if (submittedBy !== undefined && who.role === Role.agency && who.agency === submittedBy) return 'own_submission';
  return null;
}

/** The audit entry of one answer served unmasked by the unmask right; `subject` names the object
 * (batch:ID, record:ID, dataset:CODE, steward_queue). */
export async function auditUnmask(db: Db, who: Identity, why: Unmasked | null, subject: string, what: string): Promise<void> {
  if (why !== 'unmask_right') return;
  await appendAudit(db, { actor: who.user, kind: 'unmask', subject, payload: { what, role: who.role, region: who.region ?? null, via: who.via ?? null } });
}
