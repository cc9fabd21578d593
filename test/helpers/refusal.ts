import { CdfError } from '../../domain/errors.ts';

/** Runs fn, which must throw a CdfError, and returns that error for the test to inspect. */
export function refusal(fn: () => unknown): CdfError {
  try {
    fn();
  } catch (e) {
    if (e instanceof CdfError) return e;
    throw e;
  }
  throw new Error('expected a CdfError, nothing was thrown');
}
