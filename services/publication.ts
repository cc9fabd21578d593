// The end-of-publication sweep on demand (it also runs daily on a Temporal schedule): admins and
// stewards start it, for today or, to catch up or to test, for a given day.
import { publicationExpiry } from '../workflows/index.ts';
import type { ExpiryOutcome } from '../workflows/contract.ts';
import { usageError } from '../domain/errors.ts';
import type { ServiceContext } from './context.ts';
import { Role, requireRole } from './identity.ts';
import type { Identity } from './identity.ts';

export async function runExpiry(ctx: ServiceContext, who: Identity, today?: string): Promise<ExpiryOutcome> {
  requireRole(who, [Role.admin, Role.steward], { zh: '执行公示期满撤下', en: 'run the end of publication' });
  if (today !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(Date.parse(today)))) {
    throw usageError('CDF_DATE_INVALID', { zh: `日期应为 YYYY-MM-DD，实为 "${today}"`, en: `a date is YYYY-MM-DD, got "${today}"` }, { value: today });
  }
  return ctx.temporal.workflow.execute(publicationExpiry, {
    taskQueue: ctx.config.taskQueue, workflowId: `cdf-publication-expiry-${today ?? 'today'}-${Date.now()}`, args: [today ? { today } : {}],
  });
}
