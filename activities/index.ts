// The barrel the worker loads: every activity bound to its dependencies, each wrapped so our
// errors reach Temporal as the right kind of failure.
import { escalateMeasureCase, openCases, recordCaseFeedback } from './cases/steps.ts';
import { clean, cleanFinish, cleanPart, cleanPlan } from './clean.ts';
import { compare, compareFinish, comparePart, comparePlan } from './compare.ts';
import type { ActivityDeps } from './deps.ts';
import { asTemporalFailures } from './failures.ts';
import { fail, finish } from './finish.ts';
import { distribute, distributeFinish, distributePlan, distributeTo } from './distribute.ts';
import { link } from './link.ts';
import { expirePublications } from './publication-expiry.ts';
import { pullFailed, pullLand, pullRecord } from './pull.ts';
import { emitOpenLineage } from './emit-lineage.ts';
import { receive } from './receive.ts';
import { deliverRepair } from './repair-delivery.ts';
import { applyDecision, distributeDecision, escalate, openTasks } from './steward/decide.ts';
import { reopenDecision } from './steward/reopen.ts';
import { strandedBatches } from './stranded.ts';
import { sync } from './sync.ts';

const steps = {
  receive, clean, cleanPlan, cleanPart, cleanFinish, compare, comparePlan, comparePart, compareFinish, link, sync,
  distribute, distributePlan, distributeTo, distributeFinish, finish, fail,
  applyDecision, distributeDecision, openTasks, escalate, expirePublications, emitOpenLineage,
  deliverRepair, reopenDecision,
  openCases, recordCaseFeedback, escalateMeasureCase,
  pullLand, pullRecord, pullFailed, strandedBatches,
};

type Bound<T> = { [K in keyof T]: T[K] extends (deps: ActivityDeps, input: infer I) => Promise<infer O> ? (input: I) => Promise<O> : never };

export function createActivities(deps: ActivityDeps): Bound<typeof steps> {
  const bound = {} as Record<string, (input: unknown) => Promise<unknown>>;
  for (const [name, fn] of Object.entries(steps)) {
    bound[name] = (input: unknown) => asTemporalFailures(() => (fn as (d: ActivityDeps, i: unknown) => Promise<unknown>)(deps, input));
  }
  return bound as Bound<typeof steps>;
}

export type Activities = ReturnType<typeof createActivities>;
