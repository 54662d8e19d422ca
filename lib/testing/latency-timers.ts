import { EventEmitter } from "node:events";

/** Cancellable delays: `stop()` must not leave timers that keep the process alive. */
export class LatencyTimers {
  private readonly pending = new Set<() => void>();

  /**
   * Resolves after `ms` milliseconds, or earlier when `closable` emits `close` (the client hung up,
   * so waiting longer is pointless) or `cancelAll` runs.
   */
  wait(ms: number, closable: EventEmitter): Promise<void> {
    return new Promise((resolve) => {
      const end = (): void => {
        clearTimeout(timer);
        closable.off("close", end);
        this.pending.delete(end);
        resolve();
      };
      const timer = setTimeout(end, ms);
      closable.once("close", end);
      this.pending.add(end);
    });
  }

  /** Ends every pending delay now. */
  cancelAll(): void {
    for (const end of [...this.pending]) end();
  }
}
