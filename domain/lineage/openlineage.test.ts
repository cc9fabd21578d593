import { describe, expect, it } from 'vitest';
import { datasetDefinition } from '../../catalog/dataset-definition.ts';
import { schemaValidator } from '../../schemas/ajv.ts';
import { batchRunId, buildRunEvents, jobName, stepRunId } from './openlineage.ts';
import type { BatchSummary, RunEvent, RunEventsInput } from './openlineage.ts';
import { uuidV5 } from './name-uuid.ts';

const validate = schemaValidator('openlineage/run-event.schema.json');
const UUID_V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const at = (min: number) => new Date(Date.UTC(2026, 10, 23, 2, min));

const STEPS = [
  ['receive', { received: 12 }],
  ['clean', { accepted: 11, rejected: 1 }],
  ['link', { linked: 9, unlinked: 2, msUscc: 14, fuzzyLookupMs: 3 }],
  ['compare', { new: 8, duplicates: 1, conflicts: 1, outOfResponsibility: 1 }],
  ['sync', { goldenCreated: 8, goldenUpdated: 0 }],
  ['distribute', { subscriptions: 2, delivered: 16 }],
] as const;

const batch = (over: Partial<BatchSummary> = {}): BatchSummary => ({
  id: 'b_20261123_0001',
  dataset: 'admin_penalty',
  agency: 'city_market_regulation',
  channel: 'agency_upload',
  fileName: '处罚.csv',
  fileSha256: 'a'.repeat(64),
  catalogVersion: 1,
  headers: ['行政相对人名称', 'CF_WSH', '备用', 'CF_CFJGDM'],
  columnMap: ['subject_name', 'decision_no', null, 'authority_uscc'],
  status: 'done',
  step: 'distribute',
  createdAt: at(0),
  finishedAt: at(7),
  updatedAt: at(7),
  error: null,
  steps: STEPS.map(([step, stats], i) => ({ step, stats: { ...stats }, doneAt: at(i + 1) })),
  ...over,
});

const input = (b: BatchSummary = batch()): RunEventsInput => ({
  batch: b,
  dataset: datasetDefinition('admin_penalty'),
  registry: datasetDefinition('legal_person_registry'),
  subscriptions: ['public_disclosure_outbox', 'city_bureau_hook'],
});

const output = (e: RunEvent, name: string) => e.outputs.find((o) => o.name === name)!;
const lineageOf = (e: RunEvent, name: string) =>
  (
    output(e, name).facets.columnLineage as unknown as {
      fields: Record<string, { inputFields: Array<{ name: string; field: string; transformations: Array<{ subtype: string }> }> }>;
    }
  ).fields;

describe('buildRunEvents', () => {
  it('gives a START and a COMPLETE for each step, every one valid against the schema', () => {
    const events = buildRunEvents(input());
    expect(events.map((e) => `${e.job.name}:${e.eventType}`)).toEqual(STEPS.flatMap(([s]) => [`admin_penalty.${s}:START`, `admin_penalty.${s}:COMPLETE`]));
    for (const e of events) expect(validate(e), JSON.stringify(validate.errors)).toBe(true);
    // A step starts when the one before it is done.
    expect(events.slice(0, 4).map((e) => e.eventTime)).toEqual([at(0), at(1), at(1), at(2)].map((d) => d.toISOString()));
  });

  it('derives run ids from the batch and step: valid version-5 UUIDs, the same every time, distinct per step', () => {
    const a = buildRunEvents(input());
    expect(buildRunEvents(input())).toEqual(a);
    const ids = new Set(a.map((e) => e.run.runId));
    expect(ids.size).toBe(6);
    for (const id of ids) expect(id).toMatch(UUID_V5);
    expect(a[0]!.run.runId).toBe(stepRunId('b_20261123_0001', 'receive'));
    expect(stepRunId('b_20261123_0002', 'receive')).not.toBe(a[0]!.run.runId);
    expect(a[0]!.run.facets.parent).toMatchObject({
      run: { runId: batchRunId('b_20261123_0001') },
      job: { namespace: 'credit-data-factory', name: jobName('admin_penalty', 'ingestBatch') },
    });
  });

  it('computes RFC 4122 version-5 UUIDs (the RFC\'s own DNS example, as Python\'s uuid5 gives it)', () => {
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'python.org')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
  });

  it('maps columns: raw from the file as received, clean fields from the column they were read from, golden from clean', () => {
    const events = buildRunEvents(input());
    const receive = lineageOf(events[1]!, 'admin_penalty.raw');
    expect(receive['CF_WSH']!.inputFields).toMatchObject([{ name: 'agency_upload/处罚.csv', field: 'CF_WSH', transformations: [{ subtype: 'IDENTITY' }] }]);
    expect(events[1]!.inputs[0]).toMatchObject({ namespace: 'file://city_market_regulation', name: 'agency_upload/处罚.csv' });
    const clean = lineageOf(events[3]!, 'admin_penalty.clean');
    expect(clean['decision_no']!.inputFields).toMatchObject([{ name: 'admin_penalty.raw', field: 'CF_WSH', transformations: [{ subtype: 'TRANSFORMATION' }] }]);
    expect(clean['subject_name']!.inputFields.map((i) => i.field)).toEqual(['行政相对人名称']);
    expect(Object.keys(clean).sort()).toEqual(['authority_uscc', 'decision_no', 'subject_name']); // the unmapped column feeds nothing
    const link = lineageOf(events[5]!, 'admin_penalty.clean');
    expect(link['$subject_uscc']!.inputFields.filter((i) => i.name === 'legal_person_registry').map((i) => i.field)).toContain('uscc');
    expect(events[5]!.inputs.map((i) => i.name)).toEqual(['admin_penalty.clean', 'legal_person_registry']);
    const sync = lineageOf(events[9]!, 'admin_penalty');
    expect(sync['fine_amount']!.inputFields).toMatchObject([{ name: 'admin_penalty.clean', field: 'fine_amount' }]);
    const distribute = events[11]!;
    expect(distribute.outputs.map((o) => `${o.namespace}/${o.name}`)).toEqual([
      'credit-data-factory.subscriptions/public_disclosure_outbox',
      'credit-data-factory.subscriptions/city_bureau_hook',
    ]);
    expect(lineageOf(distribute, 'city_bureau_hook')['decision_no']!.inputFields).toMatchObject([{ name: 'admin_penalty', field: 'decision_no' }]);
  });

  it('carries the row-level lineage reference and the step\'s row counts, without timings', () => {
    const complete = buildRunEvents(input())[5]!;
    expect(complete.run.facets.cdf_rowLineage).toMatchObject({
      batchId: 'b_20261123_0001', step: 'link', api: '/api/lineage/batches/b_20261123_0001', cli: 'cdf lineage --batch b_20261123_0001',
      rowCounts: { linked: 9, unlinked: 2 },
    });
    expect(complete.run.facets.cdf_rowLineage!.rowCounts).not.toHaveProperty('msUscc');
    expect(complete.run.facets.cdf_rowLineage!.rowCounts).not.toHaveProperty('fuzzyLookupMs');
  });

  it('ends the step a batch failed in with FAIL, carrying the recorded error', () => {
    const b = batch({
      status: 'failed', step: 'clean', updatedAt: at(3), finishedAt: null, steps: batch().steps.slice(0, 1),
      error: { code: 'CDF_FILE_EMPTY', message: '文件没有数据行', messageEn: 'the file has no data rows' },
    });
    const events = buildRunEvents(input(b));
    expect(events.map((e) => e.eventType)).toEqual(['START', 'COMPLETE', 'START', 'FAIL']);
    expect(events[3]!.run.facets.errorMessage).toMatchObject({
      message: 'CDF_FILE_EMPTY: 文件没有数据行 / the file has no data rows',
      programmingLanguage: 'TypeScript',
    });
    for (const e of events) expect(validate(e), JSON.stringify(validate.errors)).toBe(true);
  });

  it('gives a running step its START only', () => {
    const b = batch({ status: 'running', step: 'link', finishedAt: null, steps: batch().steps.slice(0, 2) });
    expect(buildRunEvents(input(b)).map((e) => `${e.job.name}:${e.eventType}`).slice(-1)).toEqual(['admin_penalty.link:START']);
  });
});

// Mutations reach deep into the event by path; typing each path would hide what is changed.
type Loose = any; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('the run-event schema', () => {
  const event = () => structuredClone(buildRunEvents(input())[1]!) as Loose;
  it.each([
    ['a facet without _producer', (e: Loose) => { delete e.run.facets.parent._producer; }],
    ['a dataset facet without _schemaURL', (e: Loose) => { delete e.outputs[0].facets.columnLineage._schemaURL; }],
    ['an unknown eventType', (e: Loose) => { e.eventType = 'DONE'; }],
    ['a runId that is not a UUID', (e: Loose) => { e.run.runId = 'b_20261123_0001/receive'; }],
    ['a producer that is not a URI', (e: Loose) => { e.producer = 'credit data factory'; }],
    ['no eventTime', (e: Loose) => { delete e.eventTime; }],
    ['a column-lineage input without its field', (e: Loose) => { delete e.outputs[0].facets.columnLineage.fields.CF_WSH.inputFields[0].field; }],
    ['a parent without its job', (e: Loose) => { delete e.run.facets.parent.job; }],
  ])('refuses %s', (_what, mutate) => {
    const e = event();
    expect(validate(e)).toBe(true);
    mutate(e);
    expect(validate(e)).toBe(false);
  });
});
