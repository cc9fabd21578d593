import { describe, expect, it } from 'vitest';
import { summarize, topLines } from './summary.ts';
import type { CpuProfile } from './summary.ts';

const frame = (functionName: string, url = 'file:///work/app/domain/clean/clean-row.ts') => ({ functionName, url, lineNumber: 0 });

// root → run → clean → clean (recursive), and root → (idle). Samples: clean 3 ms, inner clean 2 ms, run 1 ms, idle 10 ms.
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)', ''), children: [2, 5] },
    { id: 2, callFrame: frame('run', 'file:///work/app/activities/clean/range.ts'), children: [3] },
    { id: 3, callFrame: frame('clean'), children: [4] },
    { id: 4, callFrame: frame('clean') },
    { id: 5, callFrame: frame('(idle)', '') },
  ],
  samples: [3, 4, 2, 5, 3],
  timeDeltas: [1500, 2000, 1000, 10000, 1500],
};

describe('summarize', () => {
  it('sums own and inclusive time per function, idle left out, a recursive function once per sample', () => {
    const s = summarize([profile, profile], 'file:///work/app/');
    expect(s.busyMs).toBe(12);
    expect(s.self.get('clean domain/clean/clean-row.ts')).toBe(10);
    expect(s.self.get('run activities/clean/range.ts')).toBe(2);
    expect(s.total.get('clean domain/clean/clean-row.ts')).toBe(10);
    expect(s.total.get('run activities/clean/range.ts')).toBe(12);
    expect([...s.self.keys()].some((k) => k.startsWith('(idle)'))).toBe(false);
  });

  it('lists the largest first with their share', () => {
    const s = summarize([profile], 'file:///work/app/');
    const lines = topLines(s.total, s.busyMs, 2);
    expect(lines[0]).toMatch(/6 ms +100\.0 % +run activities\/clean\/range\.ts$/);
    expect(lines[1]).toMatch(/5 ms +83\.3 % +clean domain\/clean\/clean-row\.ts$/);
  });
});
