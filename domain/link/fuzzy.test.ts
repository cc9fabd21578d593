import { describe, expect, it } from 'vitest';
import { scoreBlock } from './fuzzy.ts';
import type { Candidate } from './fuzzy.ts';
import { nameKey } from './name-key.ts';

const cand = (uscc: string, name: string, rep: string | null): Candidate => ({ uscc, name, nameKey: nameKey(name), repKey: rep });
const FUYUAN = cand('A', '天津市和平区福源科技有限公司', '张建国');
const FUYUAN2 = cand('B', '天津市和平区福原科技有限公司', '李明');
const HONGDA = cand('C', '天津市和平区宏达科技有限公司', '王伟');
const q = (name: string, rep: string | null = null) => ({ nameKey: nameKey(name), repKey: rep });

describe('scoreBlock', () => {
  it('links a one-character typo when the legal representative agrees', () => {
    const r = scoreBlock(q('天津市和平区福源科枝有限公司', '张建国'), [FUYUAN, FUYUAN2, HONGDA]);
    expect(r.kind).toBe('link');
    if (r.kind === 'link') expect(r.best.uscc).toBe('A');
  });
  it('asks a steward when the typo sits between two subjects equally', () => {
    const r = scoreBlock(q('天津市和平区福达科技有限公司'), [FUYUAN, HONGDA]);
    expect(r.kind).toBe('uncertain');
    expect(r.candidates.map((c) => c.uscc).sort()).toEqual(['A', 'C']);
  });
  it('asks a steward when the name matches but the legal representative does not', () => {
    const r = scoreBlock(q('天津市和平区福源科技有限公司', '赵六'), [FUYUAN, HONGDA]);
    expect(r.kind).toBe('uncertain');
  });
  it('does not take a short name for every longer name that contains it', () => {
    const r = scoreBlock(q('福源科技'), [FUYUAN]);
    expect(r.kind).not.toBe('link');
  });
  it('gives up on an empty block or a name unlike every candidate', () => {
    expect(scoreBlock(q('天津市和平区福源科技有限公司'), []).kind).toBe('none');
    expect(scoreBlock(q('北京朝阳区某某餐饮管理中心'), [FUYUAN]).kind).toBe('none');
  });
  it('is deterministic: ties are broken by USCC', () => {
    const a = scoreBlock(q('天津市和平区福达科技有限公司'), [FUYUAN, HONGDA]);
    const b = scoreBlock(q('天津市和平区福达科技有限公司'), [HONGDA, FUYUAN]);
    expect(a).toEqual(b);
  });
});
