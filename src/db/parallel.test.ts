import { describe, expect, it } from 'vitest';
import { inLanes } from './parallel.js';

const tick = () => new Promise((ok) => setTimeout(ok, 5));

describe('inLanes', () => {
  it('runs every part, never more than the lanes at once, in the order given', async () => {
    let running = 0;
    let most = 0;
    const started: number[] = [];
    await inLanes(2, [1, 2, 3, 4, 5], async (p) => {
      started.push(p);
      most = Math.max(most, ++running);
      await tick();
      running--;
    });
    expect(started).toEqual([1, 2, 3, 4, 5]);
    expect(most).toBe(2);
  });

  it('stops taking parts after a failure and throws it once the started parts have finished', async () => {
    const finished: number[] = [];
    const run = inLanes(2, [1, 2, 3, 4], async (p) => {
      if (p === 1) throw new Error('part 1 failed');
      await tick();
      finished.push(p);
    });
    await expect(run).rejects.toThrow('part 1 failed');
    expect(finished).toEqual([2]);
  });
});
