// The case workflows' activities: starting each case's workflow once its delivery opened it
// (called by ingestBatch after distribute), recording a department's feedback, and escalating a
// case at its deadline. Only ids and small answers pass through Temporal; the cases stay in PostgreSQL.
import { Context } from '@temporalio/activity';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { applyFeedback, escalateCase } from '../../db/cases.ts';
import { markWorkflowsStarted, unstartedCases } from '../../db/queries/cases.ts';
import { caseWorkflowId } from '../../domain/cases.ts';
import type { CaseAnswer, CaseFeedback } from '../../domain/cases.ts';
import { MEASURE_CASE_WORKFLOW } from '../../workflows/contract.ts';
import type { MeasureCaseInput, MeasureCaseResult } from '../../workflows/contract.ts';
import type { ActivityDeps, BatchRef } from '../deps.ts';

const CHUNK = 200;

/**
 * Starts the workflow of every case the batch's deliveries opened and that has none yet, a chunk
 * at a time (heartbeating), with the worker's own client on the worker's task queue. Starting one
 * already started is fine (a retried attempt); each chunk is marked started once its runs exist.
 */
export async function openCases(deps: ActivityDeps, { batchId }: BatchRef): Promise<number> {
  const ctx = Context.current();
  const client = ctx.client;
  let after = 0;
  let started = 0;
  for (;;) {
    const chunk = await unstartedCases(deps.db, batchId, after, CHUNK);
    if (!chunk.length) return started;
    await Promise.all(chunk.map(async (c) => {
      const id = Number(c.id);
      try {
        await client.workflow.start<(input: MeasureCaseInput) => Promise<MeasureCaseResult>>(MEASURE_CASE_WORKFLOW, {
          taskQueue: ctx.info.taskQueue, workflowId: caseWorkflowId({ id, batchId: c.batch_id }),
          args: [{ caseId: id, dueAt: new Date(c.due_at).toISOString() }], workflowIdReusePolicy: 'REJECT_DUPLICATE',
        });
      } catch (e) {
        if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
      }
    }));
    await markWorkflowsStarted(deps.db, chunk.map((c) => Number(c.id)));
    started += chunk.length;
    after = Number(chunk[chunk.length - 1]!.id);
    ctx.heartbeat({ after });
  }
}

export async function recordCaseFeedback(deps: ActivityDeps, input: { caseId: number } & CaseFeedback & { by: string }): Promise<CaseAnswer> {
  const { caseId, by, outcome, detail } = input;
  return applyFeedback(deps.db, caseId, { outcome, detail: detail ?? {}, by });
}

/** At the deadline: overdue and escalated (audited); false when the case was answered meanwhile. */
export async function escalateMeasureCase(deps: ActivityDeps, { caseId }: { caseId: number }): Promise<boolean> {
  return escalateCase(deps.db, caseId);
}
