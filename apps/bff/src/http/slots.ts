// A fixed number of slots for expensive work (exports), with a short bounded wait for one to free up: a burst
// of users queues for a few seconds instead of being refused at once, and a flood is still refused quickly.

export class SlotsBusyError extends Error {}

export class Slots {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    readonly size: number,
    private readonly limits: { maxWaiting: number; maxWaitMs: number },
  ) {}

  get inUse(): number {
    return this.running;
  }

  /** Resolves with the slot's release function; rejects with SlotsBusyError when the queue is full or the wait ends. */
  async acquire(): Promise<() => void> {
    if (this.running < this.size) this.running++;
    else {
      if (this.waiting.length >= this.limits.maxWaiting)
        throw new SlotsBusyError(`${this.running} running and ${this.waiting.length} waiting`);
      await new Promise<void>((resolve, reject) => {
        const wake = () => {
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          this.waiting.splice(this.waiting.indexOf(wake), 1);
          reject(new SlotsBusyError(`no slot freed within ${this.limits.maxWaitMs} ms`));
        }, this.limits.maxWaitMs);
        this.waiting.push(wake);
      });
      // The releasing holder handed its slot straight to us: `running` did not change.
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    };
  }
}
