// How long sign-ins last and how hard guessing is made. Plain constants: they are policy a
// security review reads in one place, not settings an operator should loosen by accident.
export const SESSION_IDLE_SECONDS = 30 * 60;
export const SESSION_MAX_SECONDS = 10 * 60 * 60;
export const LOCK_AFTER_FAILURES = 5;
export const LOCK_SECONDS = 15 * 60;
export const TOKEN_MAX_DAYS = 366;
/** A token's use is audited at most once in this many seconds (its last use is always recorded). */
export const TOKEN_AUDIT_QUIET_SECONDS = 60;
export const SESSION_COOKIE = 'cdf_session';

/** What a token may be used for: reading (GET), uploading extracts, or any change its account may make. */
export const TOKEN_SCOPES = ['read', 'upload', 'write'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];
