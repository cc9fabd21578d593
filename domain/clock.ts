// The one source of time for business decisions (the day a delivery is made on, the end of a
// publicity period): activities take it from their dependencies and services from their context,
// so a test or a replayed day passes a fixed clock instead of waiting for the calendar.
import { chinaToday } from './china-day.ts';

export interface Clock {
  now(): Date;
  /** The calendar day in China (YYYY-MM-DD) at now(), whatever time zone the process runs in. */
  today(): string;
}

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => chinaToday(new Date()),
};

/** A clock stopped at one instant. */
export function fixedClock(at: Date | string): Clock {
  const instant = new Date(at);
  if (Number.isNaN(instant.getTime())) throw new RangeError(`fixedClock: not a time: ${String(at)}`);
  return { now: () => new Date(instant), today: () => chinaToday(instant) };
}
