// The one closed set of error codes the factory raises or stores, each with its kind, title and
// next step (families in table/). `ErrorCode` is derived from it, so a code not listed here does
// not compile where an error is raised or a reject is stored.
import type { Bilingual, ErrorKind } from '../errors.ts';
import { ACCESS_CODES } from './table/access.ts';
import { CONNECTOR_CODES } from './table/connector.ts';
import { DELIVERY_CODES } from './table/delivery.ts';
import { FILE_CODES } from './table/file.ts';
import { PULL_CODES } from './table/pull.ts';
import { REQUEST_CODES } from './table/request.ts';
import { ROW_CODES } from './table/row.ts';
import { SETUP_CODES } from './table/setup.ts';
import { STEWARD_CODES } from './table/steward.ts';
import type { CodeText } from './text.ts';

export type { CodeText } from './text.ts';

export const ERROR_CODES = {
  ...FILE_CODES, ...ROW_CODES, ...ACCESS_CODES, ...SETUP_CODES, ...REQUEST_CODES, ...STEWARD_CODES, ...DELIVERY_CODES,
  ...CONNECTOR_CODES, ...PULL_CODES,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The codes of one kind: `dataError` takes only data codes, so the table's kind is the one raised. */
export type CodeOf<K extends ErrorKind> = { [C in ErrorCode]: (typeof ERROR_CODES)[C]['kind'] extends K ? C : never }[ErrorCode];

/** What a row reject may be stored with (domain/clean, the link step's held rejects). */
export type RejectCode = keyof typeof ROW_CODES;

export const isErrorCode = (s: unknown): s is ErrorCode => typeof s === 'string' && Object.hasOwn(ERROR_CODES, s);

/** A code written outside the error helpers (a stored reject, an SQL parameter), checked by the compiler. */
export const code = <C extends ErrorCode>(c: C): C => c;

/** The table's texts for a code read back from storage or another process; an unknown one (a
 * code retired since) is shown as itself rather than hidden. */
export function codeText(c: string): CodeText {
  if (isErrorCode(c)) return ERROR_CODES[c];
  const self: Bilingual = { zh: c, en: c };
  return { kind: 'bug', title: self, next: { zh: '', en: '' } };
}
