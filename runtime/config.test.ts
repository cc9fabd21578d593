import { readFileSync } from 'node:fs';
import path from 'node:path';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { FORMAT_WORDS, PATTERN_WORDS, configProperties, loadConfig, redactUrl } from './config.ts';
import { Secret } from '../domain/secret.ts';
import { refusal } from '../test/helpers/refusal.ts';

const CWD = path.resolve('/srv/cdf');

// The database URL is held in a Secret, which no comparison can see into: a Secret equals the
// string it reveals, so the expectations below still check the value itself.
expect.addEqualityTesters([
  (a: unknown, b: unknown) => {
    if (a instanceof Secret && typeof b === 'string') return a.reveal() === b;
    if (typeof a === 'string' && b instanceof Secret) return a === b.reveal();
    return undefined;
  },
]);


describe('loadConfig', () => {
  it('gives the defaults for an empty environment', () => {
    expect(loadConfig({}, CWD)).toEqual({
      dataDir: path.join(CWD, 'var'),
      databaseUrl: undefined,
      embeddedPgPort: 54329,
      temporalAddress: undefined,
      temporalNamespace: 'default',
      temporalPort: 7233,
      temporalUiPort: 8233,
      temporalUiUrl: 'http://localhost:8233',
      taskQueue: 'cdf-ingest',
      apiHost: '127.0.0.1',
      apiPort: 8600,
      lang: 'zh-CN',
      chunkRows: 5000,
      partRows: 10000,
      cleanThreads: true,
      workers: 1,
      stewardEscalateAfter: 72 * 3_600_000,
      timelinessRealtimeMinutes: 60,
      caseFeedbackDays: 30,
      pullRetry: { attempts: 4, initialSeconds: 10 },
      realtimePullSeconds: 60,
      maxUploadBytes: 2048 * 1024 * 1024,
      maxRows: 5_000_000,
      maxColumns: 200,
      maxCellBytes: 32 * 1024,
      xlsxMaxInflatedBytes: 512 * 1024 * 1024,
      xlsxMaxRatio: 100,
      xlsxMaxSharedStrings: 2_000_000,
      openLineageUrl: undefined,
      openLineageFile: undefined,
      allowedOrigins: [],
      rateLimitPerMinute: 600,
      secureCookies: false,
      fileSinkRoots: [],
      webhookHosts: [],
      secretEnvAllow: ['CDF_SINK_*', 'CDF_PULL_*'],
    });
  });

  it('reads every variable', () => {
    const c = loadConfig({
      CDF_DATA_DIR: 'data/here',
      DATABASE_URL: 'postgres://cdf:secret@db:5432/cdf',
      CDF_PG_PORT: '6000',
      TEMPORAL_ADDRESS: 'temporal:7233',
      TEMPORAL_NAMESPACE: 'credit',
      CDF_TEMPORAL_PORT: '7300',
      CDF_TEMPORAL_UI_PORT: '8300',
      CDF_TASK_QUEUE: 'q1',
      CDF_HOST: '0.0.0.0',
      CDF_PORT: '9000',
      CDF_LANG: 'en',
      CDF_CHUNK_ROWS: '250',
      CDF_PART_ROWS: '1000',
      CDF_CLEAN_THREADS: 'false',
      CDF_WORKERS: '3',
      CDF_STEWARD_ESCALATE_HOURS: '24',
      CDF_TIMELINESS_REALTIME_MINUTES: '15', CDF_PULL_ATTEMPTS: '2', CDF_PULL_RETRY_SECONDS: '0.5', CDF_REALTIME_PULL_SECONDS: '30',
      CDF_MAX_UPLOAD_MB: '3',
      CDF_MAX_ROWS: '1000',
      CDF_MAX_COLUMNS: '50',
      CDF_MAX_CELL_BYTES: '4096',
      CDF_XLSX_MAX_INFLATED_BYTES: '67108864',
      CDF_XLSX_MAX_RATIO: '50',
      CDF_XLSX_MAX_SHARED_STRINGS: '1000',
      CDF_OPENLINEAGE_URL: 'http://marquez:5000',
      CDF_OPENLINEAGE_FILE: 'lineage/events.ndjson',
      CDF_FILE_SINK_ROOTS: '/srv/exchange, /mnt/share/',
      CDF_WEBHOOK_HOSTS: 'Bureau.example.gov.cn,10.1.2.3',
      CDF_SECRET_ENV_ALLOW: 'CDF_SINK_*,BUREAU_KEY',
      CDF_ALLOWED_ORIGINS: 'https://credit.example.gov.cn, https://portal.example.gov.cn',
      CDF_RATE_LIMIT_PER_MINUTE: '120',
      CDF_SECURE_COOKIES: 'true',
    }, CWD);
    expect(c).toEqual({
      dataDir: path.join(CWD, 'data/here'),
      databaseUrl: 'postgres://cdf:secret@db:5432/cdf',
      embeddedPgPort: 6000,
      temporalAddress: 'temporal:7233',
      temporalNamespace: 'credit',
      temporalPort: 7300,
      temporalUiPort: 8300,
      temporalUiUrl: 'http://localhost:8300',
      taskQueue: 'q1',
      apiHost: '0.0.0.0',
      apiPort: 9000,
      lang: 'en',
      chunkRows: 250,
      partRows: 1000,
      cleanThreads: false,
      workers: 3,
      stewardEscalateAfter: 24 * 3_600_000,
      timelinessRealtimeMinutes: 15,
      caseFeedbackDays: 30,
      pullRetry: { attempts: 2, initialSeconds: 0.5 },
      realtimePullSeconds: 30,
      maxUploadBytes: 3 * 1024 * 1024,
      maxRows: 1000,
      maxColumns: 50,
      maxCellBytes: 4096,
      xlsxMaxInflatedBytes: 64 * 1024 * 1024,
      xlsxMaxRatio: 50,
      xlsxMaxSharedStrings: 1000,
      openLineageUrl: 'http://marquez:5000',
      openLineageFile: path.join(CWD, 'lineage/events.ndjson'),
      allowedOrigins: ['https://credit.example.gov.cn', 'https://portal.example.gov.cn'],
      rateLimitPerMinute: 120,
      secureCookies: true,
      fileSinkRoots: ['/srv/exchange', '/mnt/share'],
      webhookHosts: ['bureau.example.gov.cn', '10.1.2.3'],
      secretEnvAllow: ['CDF_SINK_*', 'BUREAU_KEY'],
    });
  });

  it('refuses file sink roots that are not absolute paths, in plain words', () => {
    expect(() => loadConfig({ CDF_FILE_SINK_ROOTS: '/srv/exchange,outbox' }, CWD)).toThrow(
      'environment variable CDF_FILE_SINK_ROOTS must be comma-separated absolute paths (e.g. /srv/exchange,/mnt/share), got "/srv/exchange,outbox"');
  });

  it('keeps an absolute data folder as it is', () => {
    expect(loadConfig({ CDF_DATA_DIR: '/data/cdf' }, CWD).dataDir).toBe(path.resolve('/data/cdf'));
  });

  it('treats empty values as unset', () => {
    const c = loadConfig({ DATABASE_URL: '', TEMPORAL_ADDRESS: '', CDF_PG_PORT: '', CDF_CHUNK_ROWS: '' }, CWD);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.temporalAddress).toBeUndefined();
    expect(c.embeddedPgPort).toBe(54329);
    expect(c.chunkRows).toBe(5000);
  });

  it.each([['0'], ['soon'], ['-2']])('refuses CDF_STEWARD_ESCALATE_HOURS=%j, and takes fractions of an hour', (raw) => {
    const e = refusal(() => loadConfig({ CDF_STEWARD_ESCALATE_HOURS: raw }, CWD));
    expect(e.code).toBe('CDF_CONFIG_INVALID');
    expect(e.messages.zh).toBe(`环境变量 CDF_STEWARD_ESCALATE_HOURS 应为正数，实为 "${raw}"`);
    expect(loadConfig({ CDF_STEWARD_ESCALATE_HOURS: '0.5' }, CWD).stewardEscalateAfter).toBe(1_800_000);
  });

  it('allows port 0 for the API (any free port)', () => {
    expect(loadConfig({ CDF_PORT: '0' }, CWD).apiPort).toBe(0);
  });

  it.each([
    ['CDF_PG_PORT', 'abc', 1],
    ['CDF_CHUNK_ROWS', '1.5', 1],
    ['CDF_CHUNK_ROWS', '0', 1],
    ['CDF_MAX_UPLOAD_MB', '-1', 1],
    ['CDF_MAX_ROWS', '0', 1],
    ['CDF_MAX_COLUMNS', '2.5', 1],
    ['CDF_MAX_CELL_BYTES', 'big', 1],
    ['CDF_PORT', '-1', 0],
    ['CDF_TEMPORAL_PORT', '72 33', 1],
  ])('refuses %s=%j', (name, raw, min) => {
    const e = refusal(() => loadConfig({ [name]: raw }, CWD));
    expect(e.kind).toBe('usage');
    expect(e.code).toBe('CDF_CONFIG_INVALID');
    expect(e.messages.zh).toBe(`环境变量 ${name} 应为不小于 ${min} 的整数，实为 "${raw}"`);
    expect(e.messages.en).toBe(`environment variable ${name} must be an integer ≥ ${min}, got "${raw}"`);
    expect(e.context).toEqual({ field: name, value: raw });
  });

  it('leaves OpenLineage emission off unless a URL or file is set', () => {
    const c = loadConfig({ CDF_OPENLINEAGE_URL: '', CDF_OPENLINEAGE_FILE: '' }, CWD);
    expect(c.openLineageUrl).toBeUndefined();
    expect(c.openLineageFile).toBeUndefined();
  });

  it.each([['marquez:5000'], ['ftp://marquez/'], ['not a url']])('refuses CDF_OPENLINEAGE_URL=%j', (raw) => {
    const e = refusal(() => loadConfig({ CDF_OPENLINEAGE_URL: raw }, CWD));
    expect(e.kind).toBe('usage');
    expect(e.code).toBe('CDF_CONFIG_INVALID');
    expect(e.messages.zh).toMatch(/^环境变量 CDF_OPENLINEAGE_URL 应为 http\(s\) 地址/);
    expect(e.messages.en).toMatch(/^environment variable CDF_OPENLINEAGE_URL must be an http\(s\) URL/);
  });

  it('never echoes the password of an OpenLineage URL it refuses', () => {
    const e = refusal(() => loadConfig({ CDF_OPENLINEAGE_URL: 'ftp://ol:s3cret@marquez/' }, CWD));
    expect(JSON.stringify(e.toJSON())).not.toContain('s3cret');
  });

  it('refuses an unknown CDF_LANG', () => {
    const e = refusal(() => loadConfig({ CDF_LANG: 'fr' }, CWD));
    expect(e.kind).toBe('usage');
    expect(e.code).toBe('CDF_CONFIG_INVALID');
    expect(e.messages.zh).toBe('CDF_LANG 只能是 zh-CN 或 en，实为 "fr"');
    expect(e.messages.en).toBe('CDF_LANG must be zh-CN or en, got "fr"');
  });
});

describe('redactUrl', () => {
  it('hides the password', () => {
    const out = redactUrl('postgres://cdf:s3cret@db.internal:5432/cdf?sslmode=require');
    expect(out).toBe('postgres://cdf:***@db.internal:5432/cdf?sslmode=require');
    expect(out).not.toContain('s3cret');
  });

  it('leaves a URL without password as it is', () => {
    expect(redactUrl('postgres://cdf@localhost:5432/cdf')).toBe('postgres://cdf@localhost:5432/cdf');
  });

  it('hides a password that needs escaping', () => {
    const out = redactUrl('postgres://cdf:p%40ss%3Aword@db/cdf');
    expect(out).toBe('postgres://cdf:***@db/cdf');
    expect(out).not.toMatch(/p%40ss|word/);
  });

  it('hides a password given as a query parameter', () => {
    expect(redactUrl('postgres://cdf@db/cdf?password=s3cret&sslmode=require')).toBe('postgres://cdf@db/cdf?password=***&sslmode=require');
  });

  it('never echoes what it cannot parse', () => {
    expect(redactUrl('not a url with secret')).toBe('(unparseable URL)');
  });
});

describe('the configuration schema', () => {
  const props = configProperties();

  it('describes every variable of the README configuration table (TEMPORAL_CLI is a build-tool setting)', () => {
    const readme = readFileSync(path.join(import.meta.dirname, '..', 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('### 配置 · Configuration'), readme.indexOf('### 测试 · Tests'));
    const named = [...table.matchAll(/^\| (.+?) \|/gm)].flatMap((m) => [...m[1]!.matchAll(/`([A-Z_]+)`/g)].map((n) => n[1]!));
    expect(named.length).toBeGreaterThan(10);
    for (const name of named.filter((n) => n !== 'TEMPORAL_CLI')) expect(props, name).toHaveProperty(name);
    expect(props).not.toHaveProperty('TEMPORAL_CLI');
  });

  it('has plain words for every pattern and format it uses, and a minimum for every number', () => {
    for (const [name, p] of Object.entries(props)) {
      if (p.pattern) expect(PATTERN_WORDS, name).toHaveProperty([p.pattern]);
      if (p.format) expect(FORMAT_WORDS, name).toHaveProperty([p.format]);
      if (p.type === 'integer') expect(p.minimum, name).toBeTypeOf('number');
      if (p.type === 'number') expect(p.exclusiveMinimum ?? p.minimum, name).toBeTypeOf('number');
    }
  });

  const patterns = Object.values(props).flatMap((p) => (p.pattern ? [p.pattern] : []));
  it.each([
    ['CDF_PG_PORT', '70000', '环境变量 CDF_PG_PORT 应为不大于 65535 的整数，实为 "70000"',
      'environment variable CDF_PG_PORT must be an integer ≤ 65535, got "70000"'],
    ['CDF_CHUNK_ROWS', '   ', '环境变量 CDF_CHUNK_ROWS 应为不小于 1 的整数，实为 "   "',
      'environment variable CDF_CHUNK_ROWS must be an integer ≥ 1, got "   "'],
    ['CDF_STEWARD_ESCALATE_HOURS', 'Infinity', '环境变量 CDF_STEWARD_ESCALATE_HOURS 应为正数，实为 "Infinity"',
      'environment variable CDF_STEWARD_ESCALATE_HOURS must be a positive number, got "Infinity"'],
    ['TEMPORAL_ADDRESS', 'temporal', '环境变量 TEMPORAL_ADDRESS 应为“主机:端口”（如 temporal:7233），实为 "temporal"',
      'environment variable TEMPORAL_ADDRESS must be host:port (e.g. temporal:7233), got "temporal"'],
    ['CDF_OPENLINEAGE_URL', 'marquez:5000', '环境变量 CDF_OPENLINEAGE_URL 应为 http(s) 地址，实为 "marquez:5000"',
      'environment variable CDF_OPENLINEAGE_URL must be an http(s) URL, got "marquez:5000"'],
    ['DATABASE_URL', 'cdf:s3cret at db', '环境变量 DATABASE_URL 应为带协议的地址（如 postgres://用户:密码@主机:5432/库），实为 "[redacted]"',
      'environment variable DATABASE_URL must be a URL with its scheme (e.g. postgres://user:password@host:5432/db), got "[redacted]"'],
  ])('refuses %s=%j in plain words', (name, raw, zh, en) => {
    const e = refusal(() => loadConfig({ [name]: raw }, CWD));
    expect(e.kind).toBe('usage');
    expect(e.code).toBe('CDF_CONFIG_INVALID');
    expect(e.messages).toEqual({ zh, en });
    for (const p of patterns) expect(JSON.stringify(e.toJSON())).not.toContain(p);
  });

  it('never echoes the password of a DATABASE_URL it refuses', () => {
    const e = refusal(() => loadConfig({ DATABASE_URL: 'postgres://cdf:s3cret@db/my db' }, CWD));
    expect(e.context).toEqual({ field: 'DATABASE_URL', value: 'postgres://cdf:***@db/my%20db' });
    expect(JSON.stringify(e.toJSON())).not.toContain('s3cret');
  });

  it('names every bad variable at once, one sentence each', () => {
    const e = refusal(() => loadConfig({ CDF_PORT: 'x', CDF_LANG: 'fr' }, CWD));
    expect(e.messages.zh).toBe('环境变量 CDF_PORT 应为不小于 0 的整数，实为 "x"；CDF_LANG 只能是 zh-CN 或 en，实为 "fr"');
    expect(e.messages.en).toBe('environment variable CDF_PORT must be an integer ≥ 0, got "x"; CDF_LANG must be zh-CN or en, got "fr"');
    expect(e.context).toEqual({ field: 'CDF_PORT', value: 'x' });
  });

  it('gives the defaults the schema states', () => {
    const c = loadConfig({}, CWD);
    expect(props.CDF_PG_PORT?.default).toBe(c.embeddedPgPort);
    expect(props.CDF_CHUNK_ROWS?.default).toBe(c.chunkRows);
    expect(props.CDF_LANG?.default).toBe(c.lang);
    expect(props.CDF_TASK_QUEUE?.default).toBe(c.taskQueue);
  });

  it('reads the identity of the CLI', () => {
    const c = loadConfig({ CDF_IDENTITY: 'steward@li' }, CWD);
    expect(c.cliIdentity).toBe('steward@li');
    expect(loadConfig({ CDF_IDENTITY: '' }, CWD)).toMatchObject({ cliIdentity: undefined });
  });

  it('never shows the database password, however the Config is printed', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://cdf:s3cret@db:5432/cdf' }, CWD);
    expect(c.databaseUrl).toBeInstanceOf(Secret);
    expect(c.databaseUrl?.reveal()).toBe('postgres://cdf:s3cret@db:5432/cdf');
    const routes = [JSON.stringify(c), inspect(c, { depth: 5 }), inspect(c, { showHidden: true }), String(c.databaseUrl), `${c.databaseUrl}`];
    for (const printed of routes) {
      expect(printed).not.toContain('s3cret');
    }
    expect(JSON.parse(JSON.stringify(c)).databaseUrl).toBe('[redacted]');
  });
});
