// Our error, back from a Temporal failure: an activity raised a CdfError, which reached the caller
// as an ApplicationFailure (in a WorkflowUpdateFailedError or a WorkflowFailedError) carrying its
// code and both languages in its details. The API then answers with that code and status, not a 500.
import { ApplicationFailure } from '@temporalio/client';
import { CdfError, ERROR_CODES, ErrorKind, isErrorCode } from '../domain/errors.ts';
import type { ErrorCode } from '../domain/errors.ts';

export function fromTemporal(e: unknown): CdfError | null {
  for (let c: unknown = e; c; c = (c as { cause?: unknown }).cause) {
    if (c instanceof ApplicationFailure || (c as { details?: unknown }).details) {
      const d = (c as { details?: unknown[] }).details?.[0] as
        { code?: string; message?: string; messageEn?: string; context?: Record<string, unknown> } | undefined;
      if (d && isErrorCode(d.code)) {
        const kind = (ERROR_CODES[d.code as ErrorCode] as { kind?: string }).kind ?? ErrorKind.data;
        return new CdfError(kind as ErrorKind, d.code as ErrorCode, { zh: d.message ?? '', en: d.messageEn ?? d.message ?? '' }, d.context ?? {});
      }
    }
  }
  return null;
}
