import { describe, expect, it } from 'vitest';
import { cpuByGroup, cpuWithin, groupOf, machineTime, parseStat, valueAt } from './cpu.ts';
import type { CpuSample } from './cpu.ts';
import { cpuFigures } from './cpu-figures.ts';

const groups = (worker: number, postgres: number): CpuSample['groups'] => ({ worker, postgres, temporal: 0, api: 0, other: 0 });

describe('CPU figures from /proc', () => {
  it('reads a stat line whose process name holds spaces and parentheses', () => {
    const line = '4242 (postgres: cdf (x) idle) S 4100 4242 4242 0 -1 4194560 500 0 0 0 250 50 7 3 20 0 1 0 900 1000 10';
    // own 250 + 50 ticks, reaped children 7 + 3
    expect(parseStat(line)).toEqual({ pid: 4242, ppid: 4100, comm: 'postgres: cdf (x) idle', ticks: 310 });
    expect(parseStat('garbage')).toBeNull();
  });

  it('tells the factory processes apart', () => {
    expect(groupOf('postgres', '')).toBe('postgres');
    expect(groupOf('temporal', '/cache/temporal server start-dev')).toBe('temporal');
    expect(groupOf('node', '/usr/bin/node --import tsx /repo/worker/main.ts')).toBe('worker');
    expect(groupOf('node', '/usr/bin/node --import tsx /repo/server/main.ts')).toBe('api');
    expect(groupOf('sh', 'sh -c true')).toBe('other');
  });

  it('interpolates between samples and sums the spans', () => {
    const samples: CpuSample[] = [
      { at: 10, groups: groups(0, 0), busy: 0, total: 0 },
      { at: 12, groups: groups(2, 1), busy: 3, total: 4 },
      { at: 14, groups: groups(2, 3), busy: 5, total: 8 },
    ];
    expect(valueAt(samples, 11, (s) => s.groups.worker)).toBe(1);
    expect(valueAt(samples, 99, (s) => s.groups.postgres)).toBe(3);
    const w = cpuWithin(samples, [{ from: 10, to: 11 }, { from: 12, to: 14 }]);
    expect(w.groups.worker).toBe(1);
    expect(w.groups.postgres).toBe(0.5 + 2);
    expect(w.busy).toBe(1.5 + 2);
    const f = cpuFigures(samples, [{ step: 'clean', from: 10, to: 12 }], { from: 10, to: 14 }, 1_000_000, ['clean', 'sync']);
    expect(f.microsPerRow).toMatchObject({ worker: 2, postgres: 3, total: 5 });
    expect(f.steps.clean).toMatchObject({ worker: 2, postgres: 1, total: 3, machineBusy: 0.75 });
    expect(f.steps.sync!.total).toBe(0);
    expect(f).toMatchObject({ machineBusy: 0.625, factoryBusy: 0.625, cores: 2 });
  });

  it('counts a busy child process of this one', async () => {
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, ['-e', 'const t = Date.now(); while (Date.now() - t < 400); setTimeout(() => {}, 2000)', 'server/main']);
    await new Promise((r) => setTimeout(r, 700));
    try {
      expect(cpuByGroup(process.pid).api).toBeGreaterThan(0.2);
      expect(machineTime().total).toBeGreaterThan(0);
    } finally {
      child.kill();
    }
  });
});
