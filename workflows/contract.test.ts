// The contract against the code it describes: the steps are activities the workflow can run, the
// names recorded in histories do not drift, and every workflow is registered under the name its
// function carries (clients start workflows by function, and the SDK sends the function's name).
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Activities } from '../activities/index.ts';
import { PIPELINE_STEPS as DOMAIN_STEPS } from '../domain/pipeline.ts';
import type { PipelineStep } from '../domain/pipeline.ts';
import { caseFeedbackUpdate, decideUpdate, MEASURE_CASE_WORKFLOW, PIPELINE_STATES, PIPELINE_STEPS, progressQuery } from './contract.ts';
import type { IngestProgress } from './contract.ts';
import * as workflows from './index.ts';

describe('the pipeline contract', () => {
  it('is the domain step list, each step an activity of the same name', () => {
    expect(PIPELINE_STEPS).toBe(DOMAIN_STEPS);
    expect(PIPELINE_STEPS).toEqual(['receive', 'clean', 'link', 'compare', 'sync', 'distribute']);
    // ingestBatch runs `acts[step]` for each step: a step without its activity fails the typecheck.
    expectTypeOf<PipelineStep>().toExtend<keyof Activities>();
    expectTypeOf<IngestProgress['step']>().toEqualTypeOf<PipelineStep | (typeof PIPELINE_STATES)[number]>();
    expect(PIPELINE_STATES.filter((s) => (PIPELINE_STEPS as readonly string[]).includes(s))).toEqual([]);
  });

  it('keeps the update and query names recorded in running workflows\' histories', () => {
    expect(decideUpdate.name).toBe('decide');
    expect(progressQuery.name).toBe('progress');
    expect(caseFeedbackUpdate.name).toBe('feedback');
  });

  it('registers every workflow under the name of the function clients start it by', () => {
    expect(Object.keys(workflows).sort()).toEqual([
      'creditRepair', 'ingestBatch', 'measureCase', 'publicationExpiry', 'pullSource', 'startStrandedBatches', 'stewardAction',
    ]);
    // Activities start a case's workflow by name (they may not import workflows).
    expect(workflows.measureCase.name).toBe(MEASURE_CASE_WORKFLOW);
    for (const [name, fn] of Object.entries(workflows)) expect(fn.name).toBe(name);
  });
});
