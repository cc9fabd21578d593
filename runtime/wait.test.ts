import { describe, expect, it } from 'vitest';
import { waitFor } from './wait.ts';

describe('waitFor', () => {
  it('gives up on a probe that never answers and tries again', async () => {
    let calls = 0;
    await waitFor('a service', async () => {
      calls++;
      if (calls === 1) return new Promise<boolean>(() => undefined); // hangs forever
      return true;
    }, 5000, 10, 100);
    expect(calls).toBe(2);
  });

  it('names what it waited for when time is up', async () => {
    await expect(waitFor('the moon', async () => false, 100, 10)).rejects.toThrow('timed out after 0 s waiting for the moon');
  });
});
