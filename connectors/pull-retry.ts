// Back-off for a pull connector's failed page (connectors/sql-pull, connectors/http-pull): a page
// that failed in a way that may pass (a refused connection, a timeout, a 503) is tried again after
// 0.5 s, 1 s, 2 s … with jitter, so several workers that lost the same source do not come back in
// step; a failure that will not pass (a password refused, a missing table) is thrown at once.
// The caller turns the last error into its own bilingual one: only it knows the source's name.

export interface Verdict {
  retry: boolean;
  /** What the source asked us to wait (an HTTP Retry-After), in ms: waited instead when longer. */
  afterMs?: number;
}

export interface RetryOptions {
  retries: number;
  /** The first wait, doubled each time (tests shorten it). */
  baseMs?: number;
  /** No single wait longer than this, whatever the source asks. */
  maxMs?: number;
  signal?: AbortSignal;
  /** Called before each wait: a caller heartbeats, so a long back-off is not taken for a hang. */
  onRetry?: (attempt: number, waitMs: number, error: unknown) => void;
}

/** Thrown by withRetries when the last attempt failed: the error, and how many attempts were made. */
export class RetriesExhausted extends Error {
  constructor(readonly last: unknown, readonly attempts: number, readonly retryable: boolean) {
    super(last instanceof Error ? last.message : String(last), { cause: last });
    this.name = 'RetriesExhausted';
  }
}

/** The wait before retry number `attempt` (1-based): base · 2^(attempt-1), ±25 %, at most maxMs. */
export function backoffMs(attempt: number, baseMs = 500, maxMs = 60_000): number {
  const plain = baseMs * 2 ** (attempt - 1);
  return Math.min(maxMs, Math.round(plain * (0.75 + Math.random() * 0.5)));
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Runs `attempt` until it succeeds, `judge` says its failure will not pass, or `retries` retries
 * are spent; then throws RetriesExhausted. An abort of `signal` is thrown as it is, never retried. */
export async function withRetries<T>(attempt: () => Promise<T>, judge: (e: unknown) => Verdict, o: RetryOptions): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (e) {
      if (o.signal?.aborted) throw o.signal.reason;
      const verdict = judge(e);
      if (!verdict.retry || n > o.retries) throw new RetriesExhausted(e, n, verdict.retry);
      const maxMs = o.maxMs ?? 60_000;
      const wait = Math.min(maxMs, Math.max(backoffMs(n, o.baseMs, maxMs), verdict.afterMs ?? 0));
      o.onRetry?.(n, wait, e);
      await sleep(wait, o.signal);
    }
  }
}

/** A message with every secret in it blanked: a driver or an API may echo what it was given. */
export function scrub(text: string, secrets: Array<string | undefined>): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 3) out = out.split(s).join('***');
  return out;
}
