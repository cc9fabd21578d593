import { describe, expect, it } from 'vitest';
import { canonical, entryHash, firstBreak, GENESIS } from './chain.ts';
import type { AuditEntry } from './chain.ts';

function chain(n: number) {
  let prev = GENESIS;
  return Array.from({ length: n }, (_, i) => {
    const e: AuditEntry = {
      seq: i + 1,
      at: `2026-11-22T00:00:0${i}.000Z`,
      actor: 'steward@wang',
      kind: 'steward_decision',
      subject: `task:${i + 1}`,
      payload: { b: i, a: [1, { y: 2, x: 1 }] },
    };
    const hash = entryHash(prev, e);
    const out = { ...e, prevHash: prev, hash };
    prev = hash;
    return out;
  });
}

describe('the audit chain', () => {
  it('hashes content independent of key order', () => {
    expect(canonical({ b: 1, a: { d: 2, c: [3, { f: 1, e: 0 }] } })).toBe('{"a":{"c":[3,{"e":0,"f":1}],"d":2},"b":1}');
  });
  it('verifies an intact chain', () => {
    expect(firstBreak(chain(5))).toBeNull();
  });
  it('names the first broken link: an altered entry, a removed one, a re-pointed one', () => {
    const altered = chain(5);
    altered[2] = { ...altered[2]!, payload: { b: 99 } };
    expect(firstBreak(altered)).toMatchObject({ seq: 3, reason: 'hash' });
    const removed = chain(5).filter((e) => e.seq !== 2);
    expect(firstBreak(removed)).toMatchObject({ seq: 2, reason: 'gap' });
    const repointed = chain(5);
    repointed[3] = { ...repointed[3]!, prevHash: GENESIS };
    expect(firstBreak(repointed)).toMatchObject({ seq: 4, reason: 'prev' });
  });
});
