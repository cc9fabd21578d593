// The one place where our errors become Temporal failures: a data error is not retried (it will
// fail the same way) and carries its code and bilingual message to whoever reads the run; nor are
// the usage, forbidden and not-found kinds. A transient error (a subscriber or server down) is
// retried as it is; so is a bug (it may have met a passing state), logged with its code first.
import { ApplicationFailure } from '@temporalio/common';
import { DATA_FAILURE_TYPE, ErrorKind, isCdfError } from '../domain/errors.ts';

export async function asTemporalFailures<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isCdfError(e) && e.kind === ErrorKind.bug) {
      console.error(`[bug] ${e.code}: ${e.message}`, e.context);
      throw e;
    }
    if (isCdfError(e) && e.kind !== ErrorKind.transient) {
      throw ApplicationFailure.create({ type: DATA_FAILURE_TYPE, message: e.message, nonRetryable: true, details: [e.toJSON()] });
    }
    throw e;
  }
}
