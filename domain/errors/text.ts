// What the error table says about one code: its kind (what should happen next: never retried,
// retried, a bug), a short title a report or the UI shows, and what the user should do next.
// The per-instance message (file, row, value) stays with the call site that raises the error.
import type { Bilingual, ErrorKind } from '../errors.ts';

export interface CodeText {
  kind: ErrorKind;
  title: Bilingual;
  next: Bilingual;
}

/** A family of codes; `as const satisfies CodeFamily` keeps each code's kind as a literal. */
export type CodeFamily = Record<`CDF_${string}`, CodeText>;
