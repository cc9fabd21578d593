import { describe, expect, it } from 'vitest';
import { PartSlots } from './part-slots.ts';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('PartSlots', () => {
  it('runs at most `size` works at once, the rest in order as slots free, and heartbeats the waiting', async () => {
    const slots = new PartSlots(2);
    let now = 0;
    let most = 0;
    const order: number[] = [];
    const beats: number[] = [];
    const work = (i: number) => slots.run(async () => {
      most = Math.max(most, ++now);
      order.push(i);
      await tick();
      now--;
      return i;
    }, () => beats.push(i), 1);
    expect(await Promise.all([0, 1, 2, 3, 4].map(work))).toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(beats.length).toBeGreaterThan(0);
    expect(beats.every((i) => i >= 2)).toBe(true);
  });

  it('frees the slot of a work that fails', async () => {
    const slots = new PartSlots(1);
    await expect(slots.run(() => Promise.reject(new Error('no')), () => undefined)).rejects.toThrow('no');
    expect(await slots.run(async () => 'next', () => undefined)).toBe('next');
  });
});
