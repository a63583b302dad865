import { afterEach, describe, expect, it, vi } from 'vitest';
import { ReaderPool } from './reader-pool.js';
import { QueryTimeoutError } from './record-store.js';

/** A connection whose queries hang until interrupted (then reject, as DuckDB's do) or released by the test. */
function connection() {
  const pending: Array<{ resolve: (v: string) => void; reject: (e: Error) => void }> = [];
  return {
    interrupts: 0,
    pending,
    interrupt() {
      this.interrupts++;
      for (const p of pending.splice(0)) p.reject(new Error('INTERRUPT Error: Interrupted!'));
    },
    query(): Promise<string> {
      return new Promise((resolve, reject) => pending.push({ resolve, reject }));
    },
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('ReaderPool', () => {
  it('interrupts a query past its budget, on its own connection only, and hands the connection on', async () => {
    vi.useFakeTimers();
    const [a, b] = [connection(), connection()];
    const pool = new ReaderPool([a, b], 1000);
    // Connections are handed out last-in first: the slow query runs on b, the other on a.
    const slow = pool.run((c) => c.query());
    const other = pool.run((c) => c.query());
    const slowFailure = expect(slow).rejects.toBeInstanceOf(QueryTimeoutError);
    const [first, second] = [b, a];
    await vi.advanceTimersByTimeAsync(0);
    // The second query finishes in time; the first is interrupted at the budget.
    second.pending.shift()!.resolve('ok');
    expect(await other).toBe('ok');
    await vi.advanceTimersByTimeAsync(1000);
    await slowFailure;
    expect(first.interrupts).toBe(1);
    expect(second.interrupts).toBe(0);
    // Both connections are free again.
    const again = [pool.run((c) => c.query()), pool.run((c) => c.query())];
    await vi.advanceTimersByTimeAsync(0);
    for (const c of [a, b]) c.pending.shift()!.resolve('again');
    expect(await Promise.all(again)).toEqual(['again', 'again']);
  });

  it('counts the wait for a free connection against the budget', async () => {
    vi.useFakeTimers();
    const only = connection();
    const pool = new ReaderPool([only], 500);
    const holder = pool.run((c) => c.query());
    const waiter = pool.run((c) => c.query());
    const waiterFailure = expect(waiter).rejects.toBeInstanceOf(QueryTimeoutError);
    const holderFailure = expect(holder).rejects.toBeInstanceOf(QueryTimeoutError);
    await vi.advanceTimersByTimeAsync(500);
    await Promise.all([waiterFailure, holderFailure]);
  });

  it('lends a connection for a stream until it is given back', async () => {
    const [a] = [connection()];
    const pool = new ReaderPool([a], 1000);
    const { connection: held, done } = await pool.hold();
    expect(held).toBe(a);
    const next = pool.run(async () => 'after');
    done();
    expect(await next).toBe('after');
  });
});
