// pull_sources and pull_schedules on a cloned database: an attempt creates the source's row and
// says where it starts; the cursor moves only from where the pull began (a second pull that began
// at the same place loses); a failure counts and keeps its first time; the schedule registry.
import { beforeAll, expect, it } from 'vitest';
import type { Db } from '../connect.ts';
import { clonedDatabase } from '../../test/helpers/query-seed.ts';
import { allPullSources, beginPull, failPull, finishPull, forgetPullSchedule, pullSchedules, pullSource, recordPullSchedule } from './pulls.ts';

const database = clonedDatabase();
let db: Db;
beforeAll(() => {
  db = database.db;
});
const key = { agency: 'agency_a', dataset: 'admin_penalty', channel: 'scheduled_pull' };

it('moves the cursor only from where a pull began, and counts failures until a success', async () => {
  expect(await pullSource(db, key)).toBeUndefined();
  expect(await beginPull(db, key, 'sql-pull')).toEqual({ cursor: null });
  expect(await finishPull(db, key, { from: null, to: '["2026-11-30 10:00:00",7]', rows: 7, batchId: 'b1' })).toBe(true);
  // A second pull that also began at null lost the race: nothing moves.
  expect(await finishPull(db, key, { from: null, to: '["2026-11-30 11:00:00",9]', rows: 9, batchId: 'b2' })).toBe(false);
  expect(await beginPull(db, key, 'sql-pull')).toEqual({ cursor: '["2026-11-30 10:00:00",7]' });
  const error = { code: 'CDF_PULL_UNAVAILABLE', zh: '连不上', en: 'unreachable' };
  await failPull(db, key, error);
  const first = (await pullSource(db, key))!;
  await failPull(db, key, error);
  const second = (await pullSource(db, key))!;
  expect(second).toMatchObject({ failures: 2, last_error: error, last_rows: 7, last_batch_id: 'b1' });
  expect(second.failing_since).toEqual(first.failing_since);
  // An empty pull answers: the failures are cleared, the cursor stays.
  expect(await finishPull(db, key, { from: second.cursor, to: second.cursor, rows: 0, batchId: null })).toBe(true);
  expect(await pullSource(db, key)).toMatchObject({
    failures: 0, failing_since: null, last_error: null, cursor: '["2026-11-30 10:00:00",7]', last_rows: 0, last_batch_id: 'b1',
  });
  expect((await allPullSources(db)).map((s) => s.agency)).toEqual(['agency_a']);
});

it('keeps the schedules one factory made, by the prefix of its task queue', async () => {
  await recordPullSchedule(db, { schedule_id: 'cdf-pull-q1-a-d-c', ...key, spec_sha256: 'x' });
  await recordPullSchedule(db, { schedule_id: 'cdf-pull-q1-a-d-c', ...key, spec_sha256: 'y' });
  await recordPullSchedule(db, { schedule_id: 'cdf-pull-q_2-a-d-c', ...key, spec_sha256: 'z' });
  expect((await pullSchedules(db, 'cdf-pull-q1-')).map((s) => [s.schedule_id, s.spec_sha256])).toEqual([['cdf-pull-q1-a-d-c', 'y']]);
  // `_` in a prefix is itself, not any one character.
  expect(await pullSchedules(db, 'cdf-pull-q_')).toHaveLength(1);
  await forgetPullSchedule(db, 'cdf-pull-q1-a-d-c');
  expect(await pullSchedules(db, 'cdf-pull-q1-')).toEqual([]);
});
