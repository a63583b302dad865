import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Slots, SlotsBusyError } from './slots.js';

describe('Slots', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('hands a freed slot to the first waiter, in order, without exceeding the size', async () => {
    const slots = new Slots(2, { maxWaiting: 5, maxWaitMs: 10_000 });
    const first = await slots.acquire();
    const second = await slots.acquire();
    const order: string[] = [];
    const third = slots.acquire().then((release) => {
      order.push('third');
      return release;
    });
    const fourth = slots.acquire().then((release) => {
      order.push('fourth');
      return release;
    });
    await vi.advanceTimersByTimeAsync(1);
    expect(order).toEqual([]);
    first();
    first(); // a second call of one release frees nothing more
    const releaseThird = await third;
    expect(order).toEqual(['third']);
    expect(slots.inUse).toBe(2);
    second();
    (await fourth)();
    releaseThird();
    expect(slots.inUse).toBe(0);
  });

  it('refuses at once when the queue is full, and after the wait when no slot frees', async () => {
    const slots = new Slots(1, { maxWaiting: 1, maxWaitMs: 5_000 });
    await slots.acquire();
    const waiter = slots.acquire();
    const refusedLater = expect(waiter).rejects.toBeInstanceOf(SlotsBusyError);
    await expect(slots.acquire()).rejects.toThrow(/1 running and 1 waiting/);
    await vi.advanceTimersByTimeAsync(5_000);
    await refusedLater;
    expect(slots.inUse).toBe(1);
  });
});
