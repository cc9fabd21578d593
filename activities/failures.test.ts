import { ApplicationFailure } from '@temporalio/common';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CdfError, DATA_FAILURE_TYPE, ErrorKind, dataError, notFoundError, transientError } from '../domain/errors.ts';
import { asTemporalFailures } from './failures.ts';

const failWith = (e: unknown) => asTemporalFailures(() => Promise.reject(e));
const words = { zh: '说明', en: 'explained' };

describe('errors as Temporal failures', () => {
  afterEach(() => vi.restoreAllMocks());

  it('never retries a data error, and carries its code, messages, title and next step', async () => {
    const failure = await failWith(dataError('CDF_ROW_REQUIRED', words)).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: DATA_FAILURE_TYPE, nonRetryable: true, message: '说明 / explained' });
    expect((failure as ApplicationFailure).details?.[0]).toMatchObject({ code: 'CDF_ROW_REQUIRED', title: { zh: '缺少必填字段' } });
    expect(await failWith(notFoundError('CDF_BATCH_UNKNOWN', words)).catch((e: unknown) => e)).toMatchObject({ nonRetryable: true });
  });

  it('lets a transient error through as it is, for Temporal to retry', async () => {
    const e = transientError('CDF_DELIVERY_FAILED', words);
    await expect(failWith(e)).rejects.toBe(e);
  });

  it('retries a bug too, logged with its code', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const e = new CdfError(ErrorKind.bug, 'CDF_INTERNAL', words);
    await expect(failWith(e)).rejects.toBe(e);
    expect(String(log.mock.calls[0]?.[0])).toContain('CDF_INTERNAL');
    const plain = new Error('boom');
    await expect(failWith(plain)).rejects.toBe(plain);
  });
});
