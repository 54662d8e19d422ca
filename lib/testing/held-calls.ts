import { ServerResponse } from "node:http";
import { isClientGone } from "./client-gone";
import { CountWaiters } from "./count-waiters";

interface HeldCall {
  readonly action: string;
  /** Lets the call go on. */
  readonly release: () => void;
  /** Closes the call's connection and lets it go on (it then finds its client gone). */
  readonly end: () => void;
}

/**
 * Calls that `holdRequest` and `holdResponse` faults keep waiting: each until a test releases it, its time is up
 * or its client hangs up. Counts every call ever held, so tests can wait for "the call is being held now".
 */
export class HeldCalls {
  private readonly current = new Set<HeldCall>();
  private everHeld: string[] = [];
  private readonly waiters = new CountWaiters("held call", (action) => this.everHeldOf(action));

  /**
   * Holds a call. Resolves when it is released, after `ms` milliseconds if given, or when the client closes the
   * connection (the caller then finds `response` closed).
   */
  hold(action: string, response: ServerResponse, ms: number | undefined): Promise<void> {
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const finish = (): void => {
        if (timer !== undefined) clearTimeout(timer);
        response.off("close", finish);
        this.current.delete(call);
        resolve();
      };
      const call: HeldCall = {
        action,
        release: finish,
        end: () => {
          response.socket?.destroy();
          finish();
        },
      };
      this.current.add(call);
      this.everHeld.push(action);
      this.waiters.notify();
      // A client that hung up already will not emit "close" again.
      if (isClientGone(response)) {
        finish();
        return;
      }
      response.once("close", finish);
      if (ms !== undefined) timer = setTimeout(finish, ms);
    });
  }

  /** Releases the calls held now (of `action`, if given). @returns how many */
  release(action?: string): number {
    const matching = this.matching(action);
    for (const call of matching) call.release();
    return matching.length;
  }

  /** How many calls (of `action`, if given) are held now. */
  count(action?: string): number {
    return this.matching(action).length;
  }

  /**
   * Resolves once `count` calls (of `action`) have been held in total, counting released ones.
   *
   * @param summary what else to say in the timeout message (e.g. the calls so far)
   */
  waitFor(
    count: number,
    action: string | undefined,
    timeoutMs: number,
    summary: () => string,
  ): Promise<void> {
    const which = action ? ` ${action}` : "";
    return this.waiters.wait(
      count,
      action,
      timeoutMs,
      () =>
        `Timed out after ${timeoutMs} ms waiting for ${count}${which} call(s) to be held; ` +
        `${this.everHeldOf(action)} were held so far, ${this.count(action)} of them still are. ${summary()}`,
    );
  }

  /** Ends every held call at once by closing its connection: a held request is dropped, a held answer lost. */
  endAll(): void {
    for (const call of [...this.current]) call.end();
  }

  /** Ends every held call (as `endAll`) and forgets how many were held; pending waiters keep waiting. */
  clear(): void {
    this.endAll();
    this.everHeld = [];
  }

  /** Rejects every pending `waitFor` (the emulator stopped, so no call will be held again). */
  abandonWaiters(reason: string): void {
    this.waiters.abandon(
      (count, action) =>
        `${reason} before ${count}${action ? ` ${action}` : ""} call(s) were held; ${this.everHeldOf(action)} were.`,
    );
  }

  private matching(action: string | undefined): HeldCall[] {
    return [...this.current].filter((call) => action === undefined || call.action === action);
  }

  private everHeldOf(action: string | undefined): number {
    return this.everHeld.filter((held) => action === undefined || held === action).length;
  }
}
