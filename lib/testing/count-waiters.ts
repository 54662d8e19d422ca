/** Largest delay `setTimeout` honours (longer ones fire at once), in milliseconds. */
export const MAX_TIMER_MS = 2_147_483_647;

interface Waiter {
  readonly count: number;
  readonly action?: string;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

/**
 * Promises that resolve once a counter (of calls, of held calls, …) reaches a number, each bounded by a timeout,
 * so tests wait on an event, never on a guessed sleep, and never forever.
 */
export class CountWaiters {
  private readonly waiters = new Set<Waiter>();

  /**
   * @param noun what is counted, for error messages (e.g. "call", "held call")
   * @param progress the current count (of `action`, or of everything when undefined)
   */
  constructor(
    private readonly noun: string,
    private readonly progress: (action: string | undefined) => number,
  ) {}

  /**
   * Resolves once `progress(action)` reaches `count`, at once if it already has.
   *
   * @param timedOut the message to reject with once `timeoutMs` has passed
   */
  wait(count: number, action: string | undefined, timeoutMs: number, timedOut: () => string): Promise<void> {
    if (!Number.isInteger(count) || count < 0) {
      return Promise.reject(
        new RangeError(`Invalid ${this.noun} count ${String(count)}: it must be a non-negative integer.`),
      );
    }
    if (!(Number.isInteger(timeoutMs) && timeoutMs > 0 && timeoutMs <= MAX_TIMER_MS)) {
      return Promise.reject(
        new RangeError(
          `Invalid timeoutMs ${String(timeoutMs)}: use a positive integer number of milliseconds, at most ${MAX_TIMER_MS}.`,
        ),
      );
    }
    if (this.progress(action) >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        count,
        action,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          reject(new Error(timedOut()));
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  /** Resolves every waiter whose count has been reached (call after the counter grew). */
  notify(): void {
    for (const waiter of [...this.waiters]) {
      if (this.progress(waiter.action) < waiter.count) continue;
      this.settle(waiter);
      waiter.resolve();
    }
  }

  /** Rejects every pending waiter (what it waits for will never come). @param why the message, per waiter */
  abandon(why: (count: number, action: string | undefined) => string): void {
    for (const waiter of [...this.waiters]) {
      this.settle(waiter);
      waiter.reject(new Error(why(waiter.count, waiter.action)));
    }
  }

  private settle(waiter: Waiter): void {
    clearTimeout(waiter.timer);
    this.waiters.delete(waiter);
  }
}
