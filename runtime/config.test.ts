import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, redactUrl } from './config.ts';
import { refusal } from '../test/helpers/refusal.ts';

const CWD = path.resolve('/srv/cdf');


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
      taskQueue: 'cdf-ingest',
      apiHost: '127.0.0.1',
      apiPort: 8600,
      lang: 'zh-CN',
      chunkRows: 5000,
      stewardEscalateAfter: 72 * 3_600_000,
      maxUploadBytes: 2048 * 1024 * 1024,
      openLineageUrl: undefined,
      openLineageFile: undefined,
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
      CDF_STEWARD_ESCALATE_HOURS: '24',
      CDF_MAX_UPLOAD_MB: '3',
      CDF_OPENLINEAGE_URL: 'http://marquez:5000',
      CDF_OPENLINEAGE_FILE: 'lineage/events.ndjson',
    }, CWD);
    expect(c).toEqual({
      dataDir: path.join(CWD, 'data/here'),
      databaseUrl: 'postgres://cdf:secret@db:5432/cdf',
      embeddedPgPort: 6000,
      temporalAddress: 'temporal:7233',
      temporalNamespace: 'credit',
      temporalPort: 7300,
      temporalUiPort: 8300,
      taskQueue: 'q1',
      apiHost: '0.0.0.0',
      apiPort: 9000,
      lang: 'en',
      chunkRows: 250,
      stewardEscalateAfter: 24 * 3_600_000,
      maxUploadBytes: 3 * 1024 * 1024,
      openLineageUrl: 'http://marquez:5000',
      openLineageFile: path.join(CWD, 'lineage/events.ndjson'),
    });
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

  it('never echoes what it cannot parse', () => {
    expect(redactUrl('not a url with secret')).toBe('(unparseable URL)');
  });
});
