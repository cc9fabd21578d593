import { describe, expect, it } from 'vitest';
import { remembered } from './memo.ts';

describe('remembered', () => {
  it('works a value out once while it is remembered, and gives the same answer', () => {
    const seen: string[] = [];
    const upper = remembered((v: string) => (seen.push(v), v.toUpperCase()), 10);
    expect([upper('a'), upper('b'), upper('a'), upper('a')]).toEqual(['A', 'B', 'A', 'A']);
    expect(seen).toEqual(['a', 'b']);
  });

  it('forgets everything at its bound, so values that never repeat keep memory flat', () => {
    const seen: string[] = [];
    const id = remembered((v: string) => (seen.push(v), v), 2);
    for (const v of ['a', 'b', 'c', 'a']) id(v);
    // 'c' found the memory full (a, b) and cleared it: 'a' is worked out again.
    expect(seen).toEqual(['a', 'b', 'c', 'a']);
  });

  it('remembers an empty or falsy answer too', () => {
    let calls = 0;
    const empty = remembered((_v: string) => (calls++, ''), 10);
    empty('x');
    empty('x');
    expect(calls).toBe(1);
  });
});
