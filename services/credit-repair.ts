// Credit repair (信用修复): a decision, with its legal basis and who took it, that ends a record's
// publication early where the rules allow it (the regime's minimum period has run) and is refused,
// with the earliest date, where they do not. The record is withdrawn (status repaired, a new
// version keeps the history), the withdrawal travels to every subscriber as a tombstone, and the
// decision is appended to the audit chain. The tombstones go out in a Temporal workflow run
// (creditRepair) on the worker, retried there while a subscriber is down, one run per repaired version.
import { datasetDefinition } from '../catalog/dataset-definition.ts';
import { rulesForPeriod } from '../catalog/publication/rules.ts';
import { appendAudit } from '../db/audit.ts';
import { appendVersion } from '../db/golden.ts';
import { lockVisibleGolden, versionSource } from '../db/queries/golden.ts';
import { dataError, usageError } from '../domain/errors.ts';
import { repairAllowed } from '../domain/publication/public-view.ts';
import { creditRepairWorkflowId } from '../workflows/contract.ts';
import { creditRepair } from '../workflows/index.ts';
import type { ServiceContext } from './context.ts';
import { Role, requireRole } from './identity.ts';
import type { Identity } from './identity.ts';
import { unknownRecord } from './scope.ts';
import { restrictGolden, visibilityOf } from './visibility.ts';

export interface RepairOutcome {
  goldenId: number; status: 'repaired'; version: number; regime: string;
  /** Records sent to subscribers; 0 while the delivery is still pending. */
  delivered: number;
  /** The Temporal run delivering the tombstones (cdf/UI: Temporal's history). */
  deliveryWorkflowId: string;
  /** The delivery had not finished when the caller stopped waiting (a subscriber down): Temporal
   * goes on retrying it, and `cdf deliveries` shows it. */
  deliveryPending: boolean;
}

/** How long a caller waits for the tombstones before it is told they are on their way. */
const WAIT_FOR_DELIVERY_MS = 20_000;

export async function repairRecord(
  ctx: ServiceContext, who: Identity, goldenId: number, req: { basis: string; note?: string; today?: string; waitMs?: number },
): Promise<RepairOutcome> {
  requireRole(who, [Role.steward, Role.admin], { zh: '办理信用修复', en: 'decide credit repair' });
  if (!req.basis?.trim()) throw usageError('CDF_REPAIR_BASIS', { zh: '信用修复须注明依据（--basis）', en: 'a credit repair names its legal basis (--basis)' });
  const today = req.today ?? ctx.clock.today();
  // Only a record the steward sees (scope.ts): any other answers as an unknown one, and nothing is
  // withdrawn or sent.
  const visible = await visibilityOf(ctx.db, who);
  const { outcome, batchId } = await ctx.db.transaction(async (trx) => {
    const g = await lockVisibleGolden(trx, goldenId, (q) => { restrictGolden(q, visible); });
    if (!g) throw unknownRecord(goldenId);
    if (g.status !== 'active')
      throw dataError('CDF_REPAIR_NOT_ACTIVE', {
        zh: `标准记录 ${goldenId} 已不在公示（状态 ${g.status}）`,
        en: `golden record ${goldenId} is no longer published (status ${g.status})`,
      });
    const def = datasetDefinition(g.dataset);
    if (!def.publication.period)
      throw dataError('CDF_REPAIR_NOT_PUBLISHED', {
        zh: `数据集「${def.name.zh}」不公示，无需信用修复`,
        en: `dataset "${def.name.en}" is not published: there is nothing to repair`,
      });
    const decided = g.fields['decision_date'] ?? '';
    const rules = rulesForPeriod(def.publication.period);
    // Lists and licences end publication by their own dates: a removal or a new validity arrives as data.
    if (!rules)
      throw dataError('CDF_REPAIR_BY_DATA', {
        zh: `「${def.name.zh}」按移出日期或有效期停止公示：请由认定部门报送移出日期或有效期`,
        en: `"${def.name.en}" stops being published at its removal or validity date: the deciding authority supplies that date`,
      });
    const check = repairAllowed(rules, decided, today);
    if (!check.allowed) {
      throw dataError(
        'CDF_REPAIR_TOO_EARLY',
        check.earliest
          ? {
              zh: `决定日期 ${decided} 的处罚须公示至少至 ${check.earliest}（${check.regime}），此前不能信用修复`,
              en: `a penalty decided on ${decided} is published at least until ${check.earliest} (${check.regime}): no credit repair before then`,
            }
          : { zh: `决定日期 ${decided} 适用的规定不允许提前信用修复`, en: `the rules in force on ${decided} allow no early credit repair` },
      );
    }
    // The withdrawal is a version of its own, the same values from the same source row.
    const src = await versionSource(trx, g.id, g.version);
    const version = await appendVersion(
      trx,
      g,
      { fields: g.fields, subject: g.subject_uscc, status: 'repaired' },
      { batchId: src.batch_id, rowNo: src.row_no },
    );
    await appendAudit(trx, {
      actor: who.user,
      kind: 'credit_repair',
      subject: `record:${g.id}`,
      payload: { goldenId: g.id, version, basis: req.basis, note: req.note ?? null, regime: check.regime, decisionDate: decided, on: today },
    });
    return { outcome: { goldenId: g.id, status: 'repaired' as const, version, regime: check.regime! }, batchId: src.batch_id };
  });
  // Started once the repair is committed; the id makes a second start of the same repair find the
  // first run (a failed run may be started again).
  const deliveryWorkflowId = creditRepairWorkflowId(batchId, goldenId, outcome.version);
  const run = await ctx.temporal.workflow.start(creditRepair, {
    taskQueue: ctx.config.taskQueue, workflowId: deliveryWorkflowId, args: [{ goldenId, version: outcome.version, batchId }],
    workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY', workflowIdConflictPolicy: 'USE_EXISTING',
  });
  const result = await settledWithin(run.result(), req.waitMs ?? WAIT_FOR_DELIVERY_MS);
  return { ...outcome, delivered: result?.delivered ?? 0, deliveryWorkflowId, deliveryPending: !result };
}

/** The promise's value if it settles within ms, else undefined (its rejection is the caller's). */
async function settledWithin<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => { timer = setTimeout(() => resolve(undefined), ms); });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
