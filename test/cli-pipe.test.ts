// `cdf … | head`: a reader that stops early is a normal end for a command that streams to standard
// output. The command ends quietly with 141 (128 + SIGPIPE), the status `git log | head` gives, with
// no stack trace on standard error.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDemoCatalog } from '../services/demo.ts';
import { repoRoot } from './helpers/cli.ts';
import { createTestFactory } from './helpers/factory.ts';
import type { TestFactory } from './helpers/factory.ts';

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  firstLine: string;
}

/** Runs `cdf args`, keeps `linesWanted` lines of its output, then closes the pipe as `head -n N` does. */
function cdfIntoHead(args: string[], env: NodeJS.ProcessEnv, linesWanted: number): Promise<Ended> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'cdf.mjs'), ...args], { env, cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let seen = '';
    child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
    if (linesWanted === 0) child.stdout.destroy();
    else {
      child.stdout.setEncoding('utf8').on('data', (t: string) => {
        seen += t;
        if (seen.split('\n').length > linesWanted) child.stdout.destroy();
      });
    }
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr, firstLine: seen.split('\n')[0] ?? '' }));
  });
}

describe('a reader that closes early', () => {
  it('ends a long listing quietly with 141 after the lines the reader wanted', async () => {
    // 6,000 lines (~300 KB) cannot all sit in a pipe's buffer: the writer meets the closed pipe.
    const codes = Array.from({ length: 6000 }, () => '91350100M000100Y43');
    const r = await cdfIntoHead(['codes', 'check', ...codes], { ...process.env, CDF_LANG: 'zh-CN' }, 1);
    expect(r.firstLine).toBe('91350100M000100Y43\tuscc\t有效\t91350100M000100Y43');
    expect(r.stderr).toBe('');
    expect(r).toMatchObject({ code: 141, signal: null });
  });

  describe('on a factory', () => {
    let f: TestFactory;
    beforeAll(async () => {
      f = await createTestFactory({ inProcessWorker: false });
      await importDemoCatalog(f.ctx.db, 'admin@test', f.ctx.config);
    });
    afterAll(async () => f?.close());

    // A reader gone before the first write: the command's very first line meets the closed pipe.
    it.each([
      ['catalog show', ['catalog', 'show']],
      ['export golden', ['export', 'golden', '--dataset', 'admin_penalty', '--format', 'csv']],
    ])('%s ends quietly with 141', async (_name, args) => {
      const r = await cdfIntoHead(args, f.env, 0);
      expect(r.stderr).toBe('');
      expect(r).toMatchObject({ code: 141, signal: null });
    });

    it('still exits 0 when the reader takes everything', async () => {
      const r = await cdfIntoHead(['catalog', 'show'], f.env, 1_000_000);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.firstLine).toMatch(/^目录版本 1 \(/);
    });
  });
});
