import { SignatureMethod } from "./signed-request";

/** How a call ended. */
export type CallOutcome = "answered" | "reset" | "response-lost";

/** One request the emulator received, as the call log records it. */
export interface EmulatorCall {
  /** The API action; `""` when the request named none. */
  readonly action: string;
  /** Business parameters only (KeyPairName, PageSize, …): never the signature, a secret or a token. */
  readonly params: Readonly<Record<string, string>>;
  /** `GET`, `POST`, … */
  readonly httpMethod: string;
  /** The signature scheme the request used. */
  readonly signatureMethod: SignatureMethod;
  /** True when the signature matched the credential's secret. */
  readonly signatureVerified: boolean;
  /** The AccessKey ID the request claimed. */
  readonly accessKeyId?: string;
  /** The HTTP status answered; 0 if the connection was reset or dropped before answering. */
  readonly statusCode: number;
  /** The error `Code`; undefined on success. */
  readonly code?: string;
  /** The RequestId of the answer (also assigned when no answer was sent). */
  readonly requestId: string;
  /** Whether the client got an answer. */
  readonly outcome: CallOutcome;
  /** When the request arrived (`Date.now()`). */
  readonly receivedAt: number;
}

interface Waiter {
  readonly count: number;
  readonly action?: string;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

/**
 * The call log: finished calls in arrival order, and waiters that resolve once enough calls have
 * finished (so tests wait on an event, never on a guessed sleep).
 */
export class CallLog {
  // Arrival order is kept by reserving a slot when a request arrives and filling it when it finishes.
  private slots: (EmulatorCall | undefined)[] = [];
  private waiters: Waiter[] = [];

  /** Reserves the next slot in arrival order. @returns a function that records the finished call */
  arrive(): (call: EmulatorCall) => void {
    const slots = this.slots;
    const index = slots.push(undefined) - 1;
    return (call) => {
      // A reset() since arrival replaced the slots: the call belongs to the old log and is dropped.
      if (slots !== this.slots) return;
      slots[index] = Object.freeze({ ...call, params: Object.freeze({ ...call.params }) });
      this.notify();
    };
  }

  /** Finished calls, in arrival order. */
  list(): EmulatorCall[] {
    return this.slots.filter((call): call is EmulatorCall => call !== undefined);
  }

  /** Resolves once `count` calls (of `action`, if given) have finished. */
  waitFor(count: number, action?: string): Promise<void> {
    if (!Number.isInteger(count) || count < 0) {
      return Promise.reject(
        new RangeError(`Invalid call count ${String(count)}: it must be a non-negative integer.`),
      );
    }
    if (this.countOf(action) >= count) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ count, action, resolve, reject }));
  }

  /** Forgets every call; pending waiters keep waiting for new calls. */
  clear(): void {
    this.slots = [];
  }

  /** Rejects every pending waiter (the emulator stopped, so the calls will never come). */
  abandonWaiters(reason: string): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) {
      const which = waiter.action ? ` ${waiter.action}` : "";
      waiter.reject(
        new Error(
          `${reason} before receiving ${waiter.count}${which} call(s); it received ${this.countOf(waiter.action)}.`,
        ),
      );
    }
  }

  private countOf(action: string | undefined): number {
    return this.list().filter((call) => action === undefined || call.action === action).length;
  }

  private notify(): void {
    const ready = this.waiters.filter((waiter) => this.countOf(waiter.action) >= waiter.count);
    this.waiters = this.waiters.filter((waiter) => !ready.includes(waiter));
    for (const waiter of ready) waiter.resolve();
  }
}
