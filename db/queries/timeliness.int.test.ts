// Who is late now, on a cloned database with a fixed `now` (Friday 20 November 2026, 12:00 China
// time), and the per-period counts (db/quality.ts) under the same rules: a batch that failed or came
// through another channel is no arrival; an empty but successful pull is one; realtime is a tolerance
// of `realtimeMinutes`; an entry never seen has been expected since it (re)appeared in the catalogue.
import { beforeAll, expect, it } from 'vitest';
import type { Db } from '../connect.ts';
import { timeliness } from '../quality.ts';
import { clonedDatabase, seedBatch } from '../../test/helpers/query-seed.ts';
import { entryTimeliness } from './timeliness.ts';
import type { TimelinessEntry } from './timeliness.ts';

const database = clonedDatabase();
let db: Db;
const NOW = new Date('2026-11-20T12:00:00+08:00');
const at = (local: string) => new Date(`${local}+08:00`);
const entry = (agency: string, frequency: string, channel = 'agency_upload', dataset = 'admin_penalty'): TimelinessEntry =>
  ({ agency, dataset, region: '120000', channel, frequency });

const ENTRIES = {
  onTime: entry('a_on_time', 'daily'),
  late: entry('b_late', 'daily'),
  returned: entry('c_returned', 'weekly'),
  monthly: entry('d_monthly', 'monthly'),
  never: entry('e_never', 'daily'),
  emptyPull: entry('p_empty_pull', 'daily', 'scheduled_pull', 'legal_person_registry'),
  failingPull: entry('q_failing_pull', 'daily', 'scheduled_pull', 'legal_person_registry'),
  realtime: entry('r_realtime', 'realtime'),
  realtimeLate: entry('s_realtime_late', 'realtime'),
};
const all = Object.values(ENTRIES);

beforeAll(async () => {
  db = database.db;
  // Catalogue history: c_returned is in v1, dropped in v2, back from v3 (Monday 9 November); the others are in every version.
  const version = async (importedAt: string, entries: TimelinessEntry[]) => ((await db('catalog_versions').insert({
    sha256: `v_${importedAt}`, content: JSON.stringify({ agencies: [], entries }), imported_by: 'test', imported_at: at(importedAt),
  }).returning('id')) as Array<{ id: number }>)[0]!.id;
  const others = all.filter((e) => e !== ENTRIES.returned);
  const v1 = await version('2026-11-01T10:00:00', all);
  await version('2026-11-05T10:00:00', others);
  await version('2026-11-09T10:00:00', all);
  await version('2026-11-12T10:00:00', all);
  const batch = (id: string, e: TimelinessEntry, local: string, extra: { status?: string; channel?: string } = {}) =>
    seedBatch(db, { id, catalogVersion: v1, agency: e.agency, dataset: e.dataset, channel: extra.channel ?? e.channel, createdAt: at(local), ...extra });
  await batch('a1', ENTRIES.onTime, '2026-11-19T10:00:00');
  await batch('a2', ENTRIES.onTime, '2026-11-21T09:00:00'); // after now: not yet arrived
  await batch('b1', ENTRIES.late, '2026-11-17T09:00:00');
  await batch('b2', ENTRIES.late, '2026-11-19T09:00:00', { status: 'failed' });
  await batch('b3', ENTRIES.late, '2026-11-20T09:00:00', { channel: 'national_vertical' });
  await batch('p1', ENTRIES.emptyPull, '2026-11-10T06:00:00');
  await batch('r1', ENTRIES.realtime, '2026-11-20T08:10:00');
  await batch('r2', ENTRIES.realtime, '2026-11-20T09:20:00');
  await batch('r3', ENTRIES.realtime, '2026-11-20T11:30:00');
  await batch('s1', ENTRIES.realtimeLate, '2026-11-20T10:00:00');
  const pull = { connector: 'sql-pull', failures: 0 };
  await db('pull_sources').insert([
    { ...pull, agency: 'p_empty_pull', dataset: 'legal_person_registry', channel: 'scheduled_pull', last_success_at: at('2026-11-20T06:00:00'),
      last_attempt_at: at('2026-11-20T06:00:00'), last_rows: 0 },
    { ...pull, agency: 'q_failing_pull', dataset: 'legal_person_registry', channel: 'scheduled_pull', last_success_at: at('2026-11-18T06:00:00'),
      last_attempt_at: at('2026-11-20T06:00:00'), failures: 3, failing_since: at('2026-11-19T06:00:00'),
      last_error: JSON.stringify({ code: 'CDF_PULL_FAILED', zh: '连接被拒绝', en: 'connection refused' }) },
  ]);
});

it('says who is overdue and by how much, who was never seen since when, and who is on time, most urgent first', async () => {
  const rows = await entryTimeliness(db, all, NOW, 60);
  expect(rows.map((r) => [r.agency, r.status, r.lateSeconds])).toEqual([
    ['b_late', 'overdue', 36 * 3600], // last on the 17th: the 18th's was due by midnight of the 19th
    ['q_failing_pull', 'overdue', 12 * 3600], // last good pull on the 18th, failing since the 19th
    ['s_realtime_late', 'overdue', 3600], // realtime: an hour's tolerance after 10:00
    ['e_never', 'never_seen', (17 * 24 + 12) * 3600], // expected since 1 Nov: the 2nd's was due by the 3rd
    ['d_monthly', 'never_seen', 0], // expected since 1 Nov: December's is due by 1 January
    ['c_returned', 'never_seen', 0], // back in the catalogue on Monday 9 Nov: the next week's is due by the 23rd
    ['r_realtime', 'on_time', 0],
    ['a_on_time', 'on_time', 0],
    ['p_empty_pull', 'on_time', 0],
  ]);
  const by = Object.fromEntries(rows.map((r) => [r.agency, r]));
  expect(by.b_late).toMatchObject({ lastArrival: at('2026-11-17T09:00:00'), lastArrivalKind: 'batch', lastBatchId: 'b1', due: at('2026-11-19T00:00:00'),
    expectedSince: null, pull: null });
  expect(by.a_on_time).toMatchObject({ lastBatchId: 'a1', due: at('2026-11-21T00:00:00') });
  expect(by.e_never).toMatchObject({ lastArrival: null, lastArrivalKind: null, expectedSince: at('2026-11-01T10:00:00'), due: at('2026-11-03T00:00:00') });
  expect(by.c_returned).toMatchObject({ expectedSince: at('2026-11-09T10:00:00'), due: at('2026-11-23T00:00:00') });
  expect(by.d_monthly).toMatchObject({ due: at('2027-01-01T00:00:00') });
  expect(by.r_realtime).toMatchObject({ lastBatchId: 'r3', due: at('2026-11-20T12:30:00') });
  // The empty pull this morning is the last arrival, though its last batch is from the 10th.
  expect(by.p_empty_pull).toMatchObject({
    lastArrival: at('2026-11-20T06:00:00'), lastArrivalKind: 'pull', lastBatchId: 'p1', due: at('2026-11-22T00:00:00'),
    pull: { lastSuccessAt: at('2026-11-20T06:00:00'), failures: 0, failingSince: null },
  });
  expect(by.q_failing_pull!.pull).toEqual({
    lastSuccessAt: at('2026-11-18T06:00:00'), lastAttemptAt: at('2026-11-20T06:00:00'), failures: 3, failingSince: at('2026-11-19T06:00:00'),
    lastError: { code: 'CDF_PULL_FAILED', zh: '连接被拒绝', en: 'connection refused' },
  });
  // A longer tolerance puts the late realtime entry back on time.
  expect((await entryTimeliness(db, [ENTRIES.realtimeLate], NOW, 180))[0]).toMatchObject({ status: 'on_time', due: at('2026-11-20T13:00:00') });
  expect(await entryTimeliness(db, [], NOW, 60)).toEqual([]);
});

it('counts periods by the same rules: an empty successful pull is on time, realtime periods are the tolerance long', async () => {
  const window = (from: string) => ({ from: at(from), to: NOW, restrict: () => undefined });
  const [realtime] = await timeliness(db, window('2026-11-20T08:00:00'), NOW, [{ ...ENTRIES.realtime, unit: 'realtime' }], 60);
  // 08:00–12:00 in hours: 8 and 9 on time, 10 late (the next came at 11:30), 11 on time.
  expect(realtime).toEqual({ agency: 'r_realtime', dataset: 'admin_penalty', channel: 'agency_upload', expected: 4, onTime: 3, late: 1, missing: 0 });
  // In periods of two hours, 08–10 and 10–12 both had one.
  expect((await timeliness(db, window('2026-11-20T08:00:00'), NOW, [{ ...ENTRIES.realtime, unit: 'realtime' }], 120))[0])
    .toMatchObject({ expected: 2, onTime: 2 });
  const [pull] = await timeliness(db, window('2026-11-18T00:00:00'), NOW, [{ ...ENTRIES.emptyPull, unit: 'day' }]);
  // The 18th missing, the 19th late (this morning's pull), the 20th on time by this morning's empty pull.
  expect(pull).toMatchObject({ expected: 3, onTime: 1, late: 1, missing: 1 });
  const [late] = await timeliness(db, window('2026-11-16T00:00:00'), NOW, [{ ...ENTRIES.late, unit: 'day' }]);
  // 16th late (the 17th's), 17th on time, 18th and 19th missing (failed; another channel), the 20th still running.
  expect(late).toMatchObject({ expected: 4, onTime: 1, late: 1, missing: 2 });
});
