// How the CLI speaks: JSON on stdout with --json; otherwise text in the user's language
// (Chinese first, English with --lang en or CDF_LANG=en). Errors go to stderr; exit 1 for a
// user error, 2 for a usage error.
import { CdfError, ERROR_CODES, ErrorKind, code, isCdfError } from '../domain/errors.ts';
import type { Bilingual, Lang } from '../domain/errors.ts';

export interface Io {
  lang: Lang;
  json: boolean;
  out(text: string): void;
  err(text: string): void;
}

export const say = (io: Io, m: Bilingual): string => (io.lang === 'en' ? m.en : m.zh);

export function printJson(io: Io, value: unknown): void {
  io.out(JSON.stringify(value, null, 2));
}

export function reportError(io: Io, e: unknown): number {
  if (isCdfError(e)) {
    if (io.json) io.err(JSON.stringify(e.toJSON()));
    else {
      // What to do next comes from the error table; the message says what happened to what.
      const next = ERROR_CODES[e.code].next;
      io.err(`${io.lang === 'en' ? 'Error' : '错误'} [${e.code}]: ${e.message_(io.lang)}`);
      io.err(io.lang === 'en' ? `Next: ${next.en}` : `下一步：${next.zh}`);
    }
    return e.kind === ErrorKind.usage ? 2 : 1;
  }
  const message = e instanceof Error ? e.message : String(e);
  io.err(io.json ? JSON.stringify({ code: code('CDF_INTERNAL'), message }) : `${io.lang === 'en' ? 'Error' : '错误'}: ${message}`);
  return 1;
}

export const usage = (zh: string, en: string): CdfError => new CdfError(ErrorKind.usage, 'CDF_USAGE', { zh, en });

/** 128 + SIGPIPE: the status `git log | head`, `seq … | head` and `cat` end with when their reader
 * has gone, so a script under `set -o pipefail` sees `cdf` exactly as it sees them. */
export const READER_GONE = 141;

/** Every command writes through process.stdout (io.out or a stream of export lines). When the reader
 * closes early (`cdf export golden … | head`), Node reports EPIPE as an unhandled 'error' event with a
 * stack trace; a reader that has seen enough is a normal end, so end quietly as Unix tools do.
 * Installed once, by the real process's entry (main without an injected Io). */
export function endQuietlyWhenReaderCloses(stdout: NodeJS.WritableStream = process.stdout, exit: (code: number) => void = process.exit): void {
  stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') return exit(READER_GONE);
    throw e;
  });
}
