import { mkdtempSync, writeFileSync, chmodSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliCacheDir, ensureTemporalCli, findTemporalCli, TEMPORAL_CLI_VERSION } from './temporal-cli.ts';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'cdf-cli-'));
const fakeCli = (dir: string) => {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'temporal');
  writeFileSync(file, '#!/bin/sh\n');
  chmodSync(file, 0o755);
  return file;
};

describe('finding the Temporal CLI', () => {
  it('prefers TEMPORAL_CLI, then PATH, then the per-user cache', () => {
    const a = fakeCli(path.join(tmp(), 'env'));
    const b = fakeCli(path.join(tmp(), 'bin'));
    const cache = tmp();
    const c = fakeCli(path.join(cliCacheDir({ XDG_CACHE_HOME: cache }), 'bin'));
    expect(findTemporalCli({ TEMPORAL_CLI: a, PATH: path.dirname(b), XDG_CACHE_HOME: cache })).toEqual({ path: a, source: 'env' });
    expect(findTemporalCli({ PATH: path.dirname(b), XDG_CACHE_HOME: cache })).toEqual({ path: b, source: 'path' });
    expect(findTemporalCli({ PATH: '', XDG_CACHE_HOME: cache })).toEqual({ path: c, source: 'cache' });
    expect(c).toContain(path.join('credit-data-factory', 'temporal-cli', TEMPORAL_CLI_VERSION));
  });

  it('fails with a message saying how to provide it when TEMPORAL_CLI names nothing', async () => {
    await expect(ensureTemporalCli(() => undefined, { TEMPORAL_CLI: '/nowhere/temporal', PATH: '' })).rejects.toThrow(
      'TEMPORAL_CLI=/nowhere/temporal 不存在 / does not exist',
    );
  });
});
