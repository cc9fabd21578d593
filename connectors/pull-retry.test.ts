// The pull connectors' back-off: how many attempts, which failures are retried, how long it waits.
import { describe, expect, it } from 'vitest';
import { backoffMs, RetriesExhausted, scrub, withRetries } from './pull-retry.ts';

const failing = (times: number, error = new Error('ECONNREFUSED')) => {
  let calls = 0;
  return { attempt: () => (++calls <= times ? Promise.reject(error) : Promise.resolve(calls)), calls: () => calls };
};

describe('withRetries', () => {
  it('tries again after a failure that may pass, and answers once it does', async () => {
    const f = failing(2);
    const waits: number[] = [];
    expect(await withRetries(f.attempt, () => ({ retry: true }), { retries: 3, baseMs: 1, onRetry: (_n, ms) => waits.push(ms) })).toBe(3);
    expect(waits).toHaveLength(2);
  });

  it('gives up after `retries` retries, saying how many attempts were made', async () => {
    const f = failing(10);
    const thrown = await withRetries(f.attempt, () => ({ retry: true }), { retries: 2, baseMs: 1 }).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(RetriesExhausted);
    expect(thrown).toMatchObject({ attempts: 3, retryable: true });
    expect(f.calls()).toBe(3);
  });

  it('does not retry a failure that will not pass', async () => {
    const f = failing(10);
    await expect(withRetries(f.attempt, () => ({ retry: false }), { retries: 5, baseMs: 1 })).rejects.toMatchObject({ attempts: 1, retryable: false });
    expect(f.calls()).toBe(1);
  });

  it('waits what the source asks when that is longer than its own back-off, within the cap', async () => {
    const waits: number[] = [];
    const f = failing(1);
    await withRetries(f.attempt, () => ({ retry: true, afterMs: 40 }), { retries: 1, baseMs: 1, onRetry: (_n, ms) => waits.push(ms) });
    expect(waits).toEqual([40]);
    const capped: number[] = [];
    const hour = () => ({ retry: true, afterMs: 3_600_000 });
    await withRetries(failing(1).attempt, hour, { retries: 1, baseMs: 1, maxMs: 30, onRetry: (_n, ms) => capped.push(ms) });
    expect(capped).toEqual([30]);
  });

  it('stops waiting when the pull is aborted, with the abort itself', async () => {
    const ac = new AbortController();
    const started = Date.now();
    const pending = withRetries(failing(10).attempt, () => ({ retry: true }), { retries: 5, baseMs: 10_000, signal: ac.signal });
    setTimeout(() => ac.abort(new Error('stopped')), 20);
    await expect(pending).rejects.toThrow('stopped');
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('backoffMs', () => {
  it('doubles from half a second, within a quarter either way', () => {
    for (const [n, plain] of [[1, 500], [2, 1000], [3, 2000]] as const) {
      for (let i = 0; i < 50; i++) {
        const ms = backoffMs(n);
        expect(ms).toBeGreaterThanOrEqual(plain * 0.75);
        expect(ms).toBeLessThanOrEqual(plain * 1.25);
      }
    }
  });
});

describe('scrub', () => {
  it('blanks every secret a message repeats', () => {
    expect(scrub('postgres://u:pw-123@h/db failed for pw-123', ['pw-123', undefined, ''])).toBe('postgres://u:***@h/db failed for ***');
  });
});
