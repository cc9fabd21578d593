// A value that must never be printed (the database password inside DATABASE_URL, any future
// token). Every route by which an object becomes text — String(), a template literal, JSON, a log
// line, util.inspect and console.log — gives "[redacted]"; only an explicit reveal() gives the
// value, so each place that really uses it (the database connection) is visible in the code.
import { inspect } from 'node:util';

export const REDACTED = '[redacted]';

export class Secret {
  // A private field: no enumerable key, so neither Object.keys, a spread nor a deep comparison sees it.
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  /** The value itself, for the one place that needs it. */
  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [Symbol.toPrimitive](): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return REDACTED;
  }
}
