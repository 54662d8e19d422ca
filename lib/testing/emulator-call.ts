import { CountWaiters } from "./count-waiters";
import { SignatureMethod } from "./signed-request";

/**
 * How a call ended: `"answered"`; `"reset"` (a resetConnection fault reset it before processing);
 * `"response-lost"` (the action ran, but the answer never reached the client: a loseResponse fault,
 * or the client hung up while the answer was delayed or held); `"dropped"` (the client hung up while
 * a holdRequest fault held the request, so the action never ran).
 */
export type CallOutcome = "answered" | "reset" | "response-lost" | "dropped";

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

/**
 * The call log: finished calls in arrival order, and waiters that resolve once enough calls have
 * finished (so tests wait on an event, never on a guessed sleep).
 */
export class CallLog {
  // Arrival order is kept by reserving a slot when a request arrives and filling it when it finishes.
  private slots: (EmulatorCall | undefined)[] = [];
  private readonly waiters = new CountWaiters("call", (action) => this.countOf(action));

  /** Reserves the next slot in arrival order. @returns a function that records the finished call */
  arrive(): (call: EmulatorCall) => void {
    const slots = this.slots;
    const index = slots.push(undefined) - 1;
    return (call) => {
      // A reset() since arrival replaced the slots: the call belongs to the old log and is dropped.
      if (slots !== this.slots) return;
      slots[index] = Object.freeze({ ...call, params: Object.freeze({ ...call.params }) });
      this.waiters.notify();
    };
  }

  /** Finished calls, in arrival order. */
  list(): EmulatorCall[] {
    return this.slots.filter((call): call is EmulatorCall => call !== undefined);
  }

  /**
   * Resolves once `count` calls (of `action`, if given) have finished.
   *
   * @param timeoutMs reject after this long, with a message listing the calls so far
   */
  waitFor(count: number, action: string | undefined, timeoutMs: number): Promise<void> {
    return this.waiters.wait(
      count,
      action,
      timeoutMs,
      () =>
        `Timed out after ${timeoutMs} ms waiting for ${count}${which(action)} call(s) to finish; ` +
        `${this.countOf(action)} did. ${this.summary()}`,
    );
  }

  /** The calls so far, for error messages: each finished call's action and outcome, and how many are unfinished. */
  summary(): string {
    const finished = this.list();
    const unfinished = this.slots.length - finished.length;
    const listed = finished.length === 0 ? "none" : finished.map(describeCall).join(", ");
    return `Finished calls: ${listed}; ${unfinished} still in progress.`;
  }

  /** Forgets every call; pending waiters keep waiting for new calls. */
  clear(): void {
    this.slots = [];
  }

  /** Rejects every pending waiter (the emulator stopped, so the calls will never come). */
  abandonWaiters(reason: string): void {
    this.waiters.abandon(
      (count, action) =>
        `${reason} before receiving ${count}${which(action)} call(s); it received ${this.countOf(action)}.`,
    );
  }

  private countOf(action: string | undefined): number {
    return this.list().filter((call) => action === undefined || call.action === action).length;
  }
}

function which(action: string | undefined): string {
  return action ? ` ${action}` : "";
}

function describeCall(call: EmulatorCall): string {
  const result = call.outcome === "answered" ? `${call.statusCode} ${call.code ?? "OK"}` : call.outcome;
  return `${call.action || "(no action)"} ${result}`;
}
