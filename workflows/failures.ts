// How workflows pass an activity's failure on: an update answers its caller with our reason (the
// ApplicationFailure an activity raised, with its code and both languages), not with the
// ActivityFailure wrapped around it; and an update's input is refused by the domain's own check.
import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import type { Bilingual } from '../domain/errors.ts';
import { DATA_FAILURE_TYPE } from '../domain/errors.ts';

/** The failure an activity raised, unwrapped from the ActivityFailure Temporal reports it in. */
export const activityCause = (e: unknown): unknown => (e instanceof ActivityFailure ? e.cause : e);

/** What an update handler throws for a failed activity: our reason, never retried; anything else as it was. */
export function asUpdateFailure(e: unknown): unknown {
  const cause = activityCause(e);
  return cause instanceof ApplicationFailure
    ? ApplicationFailure.create({ type: cause.type ?? DATA_FAILURE_TYPE, message: cause.message, details: cause.details ?? [], nonRetryable: true })
    : e;
}

/** An update validator from a check that gives the reason to refuse (both languages), or null. */
export const refusing = <T>(check: (input: T) => Bilingual | null) => (input: T): void => {
  const why = check(input);
  if (why) throw new Error(`${why.zh} / ${why.en}`);
};
