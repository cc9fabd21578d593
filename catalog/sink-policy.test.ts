// The operator's bounds on the catalogue's sinks, as the catalogue import applies them: a folder
// outside the roots (by `..` or by a symlink), a webhook host not listed, a secret's variable not
// allowed — each refused naming the subscription, the field, the value and what is allowed.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Subscription } from '../domain/catalog.ts';
import { isCdfError } from '../domain/errors.ts';
import { addressAllowed, assertCatalogSinksAllowed, notPublic, secretEnvAllowed, sinkPolicyProblems } from './sink-policy.ts';
import type { SinkPlaces } from './sink-policy.ts';

const root = mkdtempSync(path.join(os.tmpdir(), 'cdf-sink-policy-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const exchange = path.join(root, 'exchange');
mkdirSync(path.join(root, 'outbox'), { recursive: true });
mkdirSync(exchange);
mkdirSync(path.join(root, 'pwned-dir2'));
symlinkSync(path.join(root, 'pwned-dir2'), path.join(exchange, 'link'));

const places: SinkPlaces = {
  dataDir: root, fileSinkRoots: [exchange], webhookHosts: ['bureau.example.gov.cn', '10.1.2.3'], secretEnvAllow: ['CDF_SINK_*', 'BUREAU_HOOK_KEY'],
};
const sub = (id: string, sink: Subscription['sink'], config: Record<string, unknown>) => ({ id, sink, config });
const problems = (...subscriptions: Array<ReturnType<typeof sub>>) => sinkPolicyProblems({ subscriptions } as never, places);

describe('file sinks', () => {
  it('write under the outbox or a configured root', () => {
    expect(problems(sub('a', 'file', {}), sub('b', 'file', { dir: path.join(exchange, 'credit', 'new') }), sub('c', 'file', { dir: exchange }))).toEqual([]);
  });
  it('are refused outside them: by .., by a symlink, by a relative path', () => {
    const found = problems(
      sub('up', 'file', { dir: `${path.join(root, 'outbox')}/../pwned-dir2` }),
      sub('link', 'file', { dir: path.join(exchange, 'link', 'x') }),
      sub('relative', 'file', { dir: 'outbox/x' }),
      sub('prefix', 'file', { dir: `${exchange}-evil` }),
    );
    expect(found.map((p) => p.path)).toEqual(['/subscriptions/0/config/dir', '/subscriptions/1/config/dir', '/subscriptions/2/config/dir',
      '/subscriptions/3/config/dir']);
    expect(found[0]!.en).toBe(`subscription up, sink configuration field dir is "${path.join(root, 'outbox')}/../pwned-dir2": it is outside the allowed roots `
      + `(it really is ${path.join(root, 'pwned-dir2')}); allowed: a folder under ${path.join(root, 'outbox')}, ${exchange}`);
    expect(found[1]!.zh).toContain(`（实际位置 ${path.join(root, 'pwned-dir2', 'x')}）`);
    expect(found[2]!.en).toContain('it is not an absolute path');
  });
});

describe('webhooks', () => {
  it('post only to a listed host; the secret from the default or an allowed variable', () => {
    expect(problems(
      sub('a', 'webhook', { url: 'https://bureau.example.gov.cn/credit' }),
      sub('b', 'webhook', { url: 'http://10.1.2.3:8080/x', secretEnv: 'CDF_SINK_B' }),
      sub('c', 'webhook', { url: 'https://BUREAU.example.gov.cn/', secretEnv: 'CDF_WEBHOOK_SECRET' }),
      sub('d', 'webhook', { url: 'https://bureau.example.gov.cn/', secretEnv: 'BUREAU_HOOK_KEY' }),
    )).toEqual([]);
  });
  it('are refused to any other host, and to a variable not allowed', () => {
    const found = problems(
      sub('internal', 'webhook', { url: 'http://127.0.0.1:9999/changes' }),
      sub('env', 'webhook', { url: 'https://bureau.example.gov.cn/', secretEnv: 'DATABASE_URL' }),
    );
    expect(found.map((p) => p.path)).toEqual(['/subscriptions/0/config/url', '/subscriptions/1/config/secretEnv']);
    expect(found[0]!.en).toBe('subscription internal, sink configuration field url is "http://127.0.0.1:9999/changes": the host 127.0.0.1 is not in '
      + 'the allow-list; allowed: the hosts CDF_WEBHOOK_HOSTS lists: bureau.example.gov.cn, 10.1.2.3');
    expect(found[1]!.zh).toBe('订阅 env 的投递配置字段 secretEnv 为 "DATABASE_URL"：环境变量 DATABASE_URL 不在允许读取的范围内；'
      + '允许的是CDF_SECRET_ENV_ALLOW 所列的变量：CDF_SINK_…、BUREAU_HOOK_KEY');
  });
  it('connect to a private, loopback or link-local address only when the list names it', () => {
    for (const a of ['127.0.0.1', '10.0.0.5', '172.20.1.1', '192.168.1.1', '169.254.169.254', '0.0.0.0', '::1', 'fe80::1', 'fd00::1',
      '::ffff:127.0.0.1', '::ffff:7f00:1', '100.64.0.1']) {
      expect(notPublic(a), a).toBe(true);
      expect(addressAllowed(places, a), a).toBe(false);
    }
    expect(addressAllowed(places, '10.1.2.3')).toBe(true);
    expect(addressAllowed(places, '93.184.216.34')).toBe(true);
    expect(addressAllowed(places, '2606:2800:220:1:248:1893:25c8:1946')).toBe(true);
  });
});

describe('SQL sinks and the import', () => {
  it('read the connection URL only from an allowed variable', () => {
    expect(secretEnvAllowed(places, 'CDF_SINK_SUBSCRIBER_DB')).toBe(true);
    expect(secretEnvAllowed(places, 'CDF_SINKX')).toBe(false);
    expect(problems(sub('db', 'sql', { urlEnv: 'DATABASE_URL', table: 't' })).map((p) => p.path)).toEqual(['/subscriptions/0/config/urlEnv']);
  });
  it('refuses the catalogue with one error listing every refusal', () => {
    let e: unknown;
    try {
      assertCatalogSinksAllowed({ subscriptions: [sub('db', 'sql', { urlEnv: 'PATH', table: 't' }), sub('f', 'file', { dir: '/etc' })] } as never,
        places, 'catalog.yaml');
    } catch (err) {
      e = err;
    }
    expect(isCdfError(e) && e.code).toBe('CDF_SINK_NOT_ALLOWED');
    expect(isCdfError(e) && e.messages.en.split('\n')).toHaveLength(3);
  });
});

describe('pulls', () => {
  const pull = (config: Record<string, unknown>) => ({ agency: 'a', dataset: 'admin_penalty', pull: { connector: 'sql-pull', config } });
  const pullProblems = (...entries: Array<ReturnType<typeof pull>>) => sinkPolicyProblems({ entries } as never, places).map((p) => p.path);
  it('read a password, URL, token or key only from an allowed variable, or the factory\'s own exchange area', () => {
    expect(pullProblems(pull({ connection: { urlEnv: 'CDF_FRONT_DATABASE_URL' }, table: 'front.t' }), pull({ connection: { passwordEnv: 'CDF_SINK_REG' } })))
      .toEqual([]);
    expect(pullProblems(pull({ connection: { urlEnv: 'DATABASE_URL' } }), pull({ auth: { kind: 'bearer', tokenEnv: 'HOME' } })))
      .toEqual(['/entries/0/pull/config/connection/urlEnv', '/entries/1/pull/config/auth/tokenEnv']);
  });
  it('read the factory\'s own database only in its exchange area: a table of schema front, no query', () => {
    const front = { urlEnv: 'CDF_FRONT_DATABASE_URL' };
    expect(pullProblems(pull({ connection: front, table: 'front.registry_legal_persons' }))).toEqual([]);
    expect(pullProblems(pull({ connection: front, table: 'accounts' }), pull({ connection: front, table: 'front.x', query: 'select * from accounts' })))
      .toEqual(['/entries/0/pull/config/table', '/entries/1/pull/config/query']);
  });
});
