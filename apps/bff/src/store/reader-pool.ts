// Read connections handed out one query at a time, so a query that outlives its time budget can be
// interrupted without hitting another request's query on the same connection. Waiting for a free
// connection counts against the budget too: under load a question fails fast instead of queueing forever.
import { QueryTimeoutError } from './record-store.js';

export interface Interruptible {
  interrupt(): void;
}

export class ReaderPool<C extends Interruptible> {
  private readonly free: C[];
  private readonly waiting: Array<(connection: C) => void> = [];

  constructor(
    /** Every connection, handed out or not (for closing). */
    readonly all: readonly C[],
    private readonly timeoutMs: number,
  ) {
    this.free = [...all];
  }

  /** Runs `query` on a connection of its own; past the budget the query is interrupted and this rejects. */
  async run<T>(query: (connection: C) => Promise<T>): Promise<T> {
    const deadline = Date.now() + this.timeoutMs;
    const connection = await this.acquire(deadline);
    const running = query(connection);
    // The connection is handed out again only once its query has settled (an interrupted one unwinds first).
    running.then(
      () => this.release(connection),
      () => this.release(connection),
    );
    let timer: NodeJS.Timeout | undefined;
    const budget = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => {
          // Rejected first, so the caller sees the timeout rather than the interrupted query's own error.
          reject(new QueryTimeoutError(this.timeoutMs));
          connection.interrupt();
        },
        Math.max(0, deadline - Date.now()),
      );
    });
    try {
      return await Promise.race([running, budget]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Holds a connection for a long stream (an export); `done` gives it back. No time budget: the range is bounded. */
  async hold(): Promise<{ connection: C; done: () => void }> {
    const connection = await this.acquire(Number.POSITIVE_INFINITY);
    let released = false;
    return {
      connection,
      done: () => {
        if (released) return;
        released = true;
        this.release(connection);
      },
    };
  }

  private acquire(deadline: number): Promise<C> {
    const connection = this.free.pop();
    if (connection) return Promise.resolve(connection);
    return new Promise<C>((resolve, reject) => {
      const take = (c: C) => {
        clearTimeout(timer);
        resolve(c);
      };
      const timer =
        deadline === Number.POSITIVE_INFINITY
          ? undefined
          : setTimeout(
              () => {
                const index = this.waiting.indexOf(take);
                if (index >= 0) this.waiting.splice(index, 1);
                reject(new QueryTimeoutError(this.timeoutMs));
              },
              Math.max(0, deadline - Date.now()),
            );
      this.waiting.push(take);
    });
  }

  private release(connection: C): void {
    const next = this.waiting.shift();
    if (next) next(connection);
    else this.free.push(connection);
  }
}
