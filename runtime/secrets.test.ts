import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSecrets } from './secrets.ts';

describe('the factory\'s generated secrets', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'cdf-secrets-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('are made at first start, readable by their owner only, and the same after', () => {
    const file = path.join(dir, 'var', 'secrets.json');
    const first = loadSecrets(file);
    expect(first.created).toEqual(['postgresPassword', 'appPassword']);
    expect(first.secrets.postgresPassword).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.secrets.appPassword).not.toBe(first.secrets.postgresPassword);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = loadSecrets(file);
    expect(again).toEqual({ secrets: first.secrets, created: [] });
  });

  it('differ from one data folder to the next', () => {
    expect(loadSecrets(path.join(dir, 'a.json')).secrets.postgresPassword).not.toBe(loadSecrets(path.join(dir, 'b.json')).secrets.postgresPassword);
  });

  it('keep what is there, make only what is missing, and close a file left readable by others', () => {
    const file = path.join(dir, 'secrets.json');
    writeFileSync(file, JSON.stringify({ postgresPassword: 'kept-password-0123456789' }));
    chmodSync(file, 0o644);
    const { secrets, created } = loadSecrets(file);
    expect(secrets.postgresPassword).toBe('kept-password-0123456789');
    expect(created).toEqual(['appPassword']);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(secrets);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});
