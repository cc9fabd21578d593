// Errors are named by what should happen next: a DataError is the user's input and is never
// retried (shown with row, field and a fix), a TransientError is retried, anything else is a bug.
// Every error carries a stable machine code and a message in zh-CN and English. The codes are one
// closed set (domain/errors/codes.ts) with each code's kind, title and next step.
import { ERROR_CODES } from './errors/codes.ts';
import type { CodeOf, ErrorCode } from './errors/codes.ts';

export { ERROR_CODES, code, codeText, isErrorCode } from './errors/codes.ts';
export type { CodeOf, CodeText, ErrorCode, RejectCode } from './errors/codes.ts';

export type Lang = 'zh-CN' | 'en';

export interface Bilingual {
  zh: string;
  en: string;
}

export interface ErrorContext {
  file?: string;
  row?: number;
  field?: string;
  column?: string;
  value?: string;
  path?: string;
  [key: string]: unknown;
}

export const ErrorKind = {
  data: 'data',
  usage: 'usage',
  forbidden: 'forbidden',
  /** Who is asking is not proven (no session or token, or a wrong one): HTTP 401. */
  unauthenticated: 'unauthenticated',
  /** Too many requests or failed sign-ins: wait and try again (HTTP 429). */
  limited: 'limited',
  notFound: 'not_found',
  transient: 'transient',
  /** Ours to fix: retried (it may have met a passing state) and logged. */
  bug: 'bug',
} as const;
export type ErrorKind = (typeof ErrorKind)[keyof typeof ErrorKind];

/** The Temporal failure type of a data error: activities raise it, workflows never retry it. */
export const DATA_FAILURE_TYPE = 'CdfDataError';

export class CdfError extends Error {
  readonly code: ErrorCode;
  readonly kind: ErrorKind;
  readonly messages: Bilingual;
  readonly context: ErrorContext;

  constructor(kind: ErrorKind, code: ErrorCode, messages: Bilingual, context: ErrorContext = {}, options?: { cause?: unknown }) {
    super(`${messages.zh} / ${messages.en}`, options);
    this.name = 'CdfError';
    this.kind = kind;
    this.code = code;
    this.messages = messages;
    this.context = context;
  }

  message_(lang: Lang): string {
    return lang === 'en' ? this.messages.en : this.messages.zh;
  }

  toJSON(): Record<string, unknown> {
    const { title, next } = ERROR_CODES[this.code];
    return { code: this.code, kind: this.kind, message: this.messages.zh, messageEn: this.messages.en, title, next, context: this.context };
  }
}

/** The user's data cannot be accepted as it is: never retried, always explained. */
export const dataError = (code: CodeOf<'data'>, messages: Bilingual, context?: ErrorContext): CdfError =>
  new CdfError(ErrorKind.data, code, messages, context);

/** The caller asked for something malformed (a missing flag, an unknown dataset). */
export const usageError = (code: CodeOf<'usage'>, messages: Bilingual, context?: ErrorContext): CdfError =>
  new CdfError(ErrorKind.usage, code, messages, context);

export const forbiddenError = (code: CodeOf<'forbidden'>, messages: Bilingual, context?: ErrorContext): CdfError =>
  new CdfError(ErrorKind.forbidden, code, messages, context);

export const unauthenticatedError = (code: CodeOf<'unauthenticated'>, messages: Bilingual, context?: ErrorContext): CdfError =>
  new CdfError(ErrorKind.unauthenticated, code, messages, context);

export const limitedError = (code: CodeOf<'limited'>, messages: Bilingual, context?: ErrorContext): CdfError =>
  new CdfError(ErrorKind.limited, code, messages, context);

export const notFoundError = (code: CodeOf<'not_found'>, messages: Bilingual, context?: ErrorContext): CdfError =>
  new CdfError(ErrorKind.notFound, code, messages, context);

/** Something outside us failed in a way that may pass (a connection, a lock): retry. */
export const transientError = (code: CodeOf<'transient'>, messages: Bilingual, context?: ErrorContext, cause?: unknown): CdfError =>
  new CdfError(ErrorKind.transient, code, messages, context, { cause });

export const isCdfError = (e: unknown): e is CdfError => e instanceof CdfError;
