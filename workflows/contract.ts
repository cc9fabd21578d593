// The pipeline's contract with everything outside the worker: what each workflow takes and
// returns, the updates and queries it answers, and the workflow ids clients derive. Definitions
// only (defineQuery/defineUpdate build plain objects), so services, the CLI and activities import
// it without running workflow code. Clients start a workflow by its function (workflows/index.ts),
// never by a string, so a rename fails the typecheck rather than a run.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Duration } from '@temporalio/common';
import type { CaseAnswer, CaseFeedback, CaseStatus } from '../domain/cases.ts';
import type { BatchCounts } from '../domain/pipeline.ts';
import type { PipelinePhase, PipelineStep } from '../domain/pipeline.ts';
import type { DecisionOutcome, StewardDecision } from '../domain/steward/decision.ts';

export { PIPELINE_STATES, PIPELINE_STEPS } from '../domain/pipeline.ts';
export type { PipelinePhase, PipelineState, PipelineStep } from '../domain/pipeline.ts';
export type { ExpiryInput, ExpiryOutcome } from '../activities/publication-expiry.ts';
export type { ReopenOutcome } from '../activities/steward/reopen.ts';

// startStrandedBatches: batches received while Temporal was down get their workflows.

export interface StrandedSweepInput {
  /** Batches received at least this long ago (default 120): a fresh upload starts its own. */
  olderThanSeconds?: number;
  /** At most this many a run (default 200); the next run takes the rest. */
  limit?: number;
}
export interface StrandedOutcome { found: number; started: string[] }

// ingestBatch: one batch through the pipeline, then its stewards' decisions.

export interface IngestBatchInput {
  batchId: string;
  /** How long a steward item may stay undecided before it is escalated (and again each period). */
  escalateAfter?: Duration;
}

export interface IngestProgress {
  /** awaiting_stewards: the batch is done; its workflow stays to receive decisions on its items. */
  step: PipelinePhase;
  completed: Partial<Record<PipelineStep, Record<string, number>>>;
}

export interface IngestBatchResult {
  batchId: string;
  counts: BatchCounts;
}

export const progressQuery = defineQuery<IngestProgress>('progress');
/** A steward's decision on one of this batch's queue items: validated, applied, answered. */
export const decideUpdate = defineUpdate<DecisionOutcome, [StewardDecision & { decidedBy: string }]>('decide');

// creditRepair: a repaired record's tombstone to every subscriber, after the repair is committed.

export interface CreditRepairInput {
  goldenId: number;
  /** The repaired version: the delivery key is subscription:batch:record<goldenId>:repair-v<version>. */
  version: number;
  /** The batch of the source row the repaired version stands on. */
  batchId: string;
}

export interface CreditRepairResult {
  /** Records sent, over all subscriptions (a tombstone each where the subscription may receive it). */
  delivered: number;
}

/** One run per repaired version: starting it again (a retried request) finds the same run. */
// The record's source batch is in the id: record numbers restart in every database (a reset data
// folder, each test's database) while batch ids are random, so two databases sharing a Temporal
// server never collide, and a repeated start of one repair still finds its first run.
export const creditRepairWorkflowId = (batchId: string, goldenId: number, version: number): string =>
  `credit-repair-${batchId}-${goldenId}-v${version}`;

// stewardAction: a steward's decision or undo outside its batch's run (workflows/steward-action.ts).

export type StewardActionInput =
  | { op: 'decide'; batchId: string; decision: StewardDecision & { decidedBy: string } }
  | { op: 'reopen'; batchId: string; taskId: number; by: string; note?: string; reopens: number };

/** One run per item and attempt: the item's reopen count says which attempt it is. */
export const stewardActionWorkflowId = (batchId: string, taskId: number, op: string, reopens: number): string =>
  `steward-${op}-${batchId}-task${taskId}-${reopens}`;

// measureCase: one joint measure's case (workflows/measure-case.ts), from its push to the
// department's feedback, holding the deadline.

export interface MeasureCaseInput {
  caseId: number;
  /** The deadline (ISO time): the case goes overdue at it, measured by Temporal's clock. */
  dueAt: string;
}

export interface MeasureCaseResult { caseId: number; status: CaseStatus; overdue: boolean }

/** Activities start the case workflow by name (they may not import workflows); the test checks it is the function's. */
export const MEASURE_CASE_WORKFLOW = 'measureCase';
/** A department's feedback on the case: validated (checkFeedback), recorded, answered. */
export const caseFeedbackUpdate = defineUpdate<CaseAnswer, [CaseFeedback & { by: string }]>('feedback');

/** The ingestBatch workflow of a batch: the upload and a pull both derive it, so a batch runs once. */
export const ingestWorkflowId = (batchId: string): string => `ingest-${batchId}`;

// pullSource: one pull of a catalogue entry's source (its schedule starts it, or an operator).

export interface PullSourceInput {
  agency: string;
  dataset: string;
  channel: string;
  /** Read everything again from the beginning. */
  full?: boolean;
  /** Who asked: the schedule, or the operator who ran it by hand. */
  by?: string;
  /** Attempts before the pull is recorded as failing, and the first retry's wait (configuration). */
  retry?: { attempts: number; initialSeconds: number };
}

export interface PullSourceResult {
  rows: number;
  batchId: string | null;
  /** The rows were a file already received: no new batch. */
  duplicate: boolean;
  /** Another pull of the source moved its cursor meanwhile: this one's rows were dropped. */
  stale: boolean;
}
