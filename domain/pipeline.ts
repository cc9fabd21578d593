// The pipeline's steps as the domain knows them, with no Temporal in sight: lineage, reports and
// the bench name steps by these; the workflow (workflows/ingest-batch.ts) runs them in this order
// and reports its progress in these terms (workflows/contract.ts re-exports them for clients).

import type { LinkCounts, LinkQuality } from './quality.ts';

// Link runs before compare: whether two copies of a disclosure agree depends on the subject they
// link to, not on which code each copy carried.
export const PIPELINE_STEPS = ['receive', 'clean', 'link', 'compare', 'sync', 'distribute'] as const;
export type PipelineStep = (typeof PIPELINE_STEPS)[number];

/** The step an activity of a batch's run belongs to. Clean, compare and distribute run in parts (a
 * plan, parts at once on every worker, a finish: cleanPlan, cleanPart, cleanFinish; comparePlan,
 * comparePart, compareFinish; distributePlan, distributeTo, distributeFinish, then openCases for
 * the measures delivered); every other activity is named for its step. */
export function stepOfActivity(activity: string): string {
  // Opening the cases of the measures just delivered is the end of distributing them.
  if (activity === 'openCases') return 'distribute';
  return /^(clean|compare|distribute)(Plan|Part|To|Finish)$/.exec(activity)?.[1] ?? activity;
}

/** The task queue a batch's clean parts (its row ranges) are scheduled on: each
 * worker process polls it with only as many slots as it runs parts at once, so a process never
 * holds parts it cannot start while another process idles (on the batch's own queue, with eight
 * activity slots, the first process took every part of a batch of up to eight parts). */
export const partsTaskQueue = (taskQueue: string): string => `${taskQueue}-parts`;

/** Where a batch's run stands besides its steps: finishing, done, failed, or done and waiting for
 * the stewards' decisions on its items (its workflow stays to receive them). */
export const PIPELINE_STATES = ['finish', 'done', 'failed', 'awaiting_stewards'] as const;
export type PipelineState = (typeof PIPELINE_STATES)[number];

/** What the batch's workflow reports as its current step. */
export type PipelinePhase = PipelineStep | PipelineState;

/** A batch's figures as its steps leave them (stored on the batch, reported by the API and CLI). */
export interface BatchCounts {
  received?: number;
  accepted?: number;
  rejected?: number;
  rejectedByCode?: Record<string, number>;
  new?: number;
  duplicates?: number;
  conflicts?: number;
  /** Rows that were their own source's newer version of a record (a new version, no steward). */
  updates?: number;
  /** Rows another authority is the catalogue's source of (一数一源): reported, not synced. */
  outOfResponsibility?: number;
  /** Copies that differ from a linked copy only by a subject link a steward has yet to decide. */
  awaitingLink?: number;
  linked?: number;
  unlinked?: number;
  /** Rows waiting for a steward to choose their subject. */
  linkPending?: number;
  /** Link quality (domain/quality.ts): the counts and the rates made from them. */
  link?: LinkCounts & LinkQuality;
  /** Rows a steward is asked about as near-duplicates of a record held (not conflicts). */
  suspectedDuplicates?: number;
  /** New golden records (a same-source update is a new version, in goldenVersions). */
  goldenCreated?: number;
  goldenVersions?: number;
  delivered?: number;
}
