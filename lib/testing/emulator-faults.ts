import { MAX_TIMER_MS } from "./count-waiters";

/** How long a held call waits. */
export interface HoldOptions {
  /** Let the call go on by itself after this many milliseconds. @default none: until `EnsEmulator.releaseHeld` */
  readonly ms?: number;
}

/** The code a throttle fault answers with by default. */
export const DEFAULT_THROTTLING_CODE = "Throttling.User";

/** How a throttle fault answers. */
export interface ThrottleOptions {
  /**
   * Also send `x-acs-retry-after`. The value is written in **milliseconds** (seconds × 1000),
   * because @alicloud/openapi-core passes the header's integer (`getThrottlingTimeLeft`) as
   * `ThrottlingError.retryAfter` straight to its retry sleep, which counts in milliseconds
   * (`getBackoffDelay`, capped by `maxDelay`, default 120 000 ms). @default no header
   */
  readonly retryAfterSeconds?: number;
  /**
   * The error code, e.g. `Throttling`, `Throttling.Api` or `Rejected.Throttling` (the variants the
   * SDKs and the provider know). @default "Throttling.User"
   */
  readonly code?: string;
}

/** An arbitrary API error answer. */
export interface ApiErrorOptions {
  /** The error `Code`, e.g. `ens.interface.error`, `CallInterface`, `InvalidParameter.KeyPairName`. */
  readonly code: string;
  /** The HTTP status, 400 to 599. @default 400 */
  readonly statusCode?: number;
  /** The error `Message`. @default a message naming the code as injected */
  readonly message?: string;
}

/** An error carried inside an HTTP 200 answer. */
export interface ErrorInOkAnswerOptions {
  /** The error `Code` in the body. */
  readonly code: string;
  /** The error `Message` in the body. @default a message naming the code as injected */
  readonly message?: string;
}

/** A field a successful CreateKeyPair answer can lack (`faults.incompleteCreate`). */
export type IncompleteCreateField = "KeyPairId" | "PrivateKeyBody";

/**
 * Injectable failures. Per request they are consumed in this order: resetConnection; then, once
 * the request is authenticated and names an action the emulator serves: holdRequest, rate limit,
 * throttle, serverError, apiError, errorInOkAnswer, noPermission (each of these but holdRequest
 * answers without performing the action); then the action runs, incompleteCreate trims a
 * successful CreateKeyPair answer, and holdResponse, latency and loseResponse wrap the answer.
 * Counted faults apply to the next `times` matching calls that reach their stage (a request
 * refused earlier, e.g. for a bad signature or by an earlier fault, does not use one up). The
 * action `"*"` matches any action.
 */
export interface EmulatorFaults {
  /** Answer the next `times` calls of `action` with a throttling error (HTTP 400), `Throttling.User` by default. */
  throttle(action: string, times: number, options?: ThrottleOptions): void;
  /** Answer the next `times` calls of `action` with 503 `ServiceUnavailable` or 500 `InternalError`. @default status 503 */
  serverError(action: string, times: number, status?: 500 | 503): void;
  /**
   * Answer the next `times` calls of `action` with an arbitrary API error, without performing the
   * action (e.g. the undocumented codes ENS might send for a missing key).
   */
  apiError(action: string, times: number, options: ApiErrorOptions): void;
  /**
   * Answer the next `times` calls of `action` with HTTP 200 whose body carries the `Code` and
   * `Message` of an error, without performing the action. The Terraform provider treats such a body
   * as an error; @alicloud/openapi-core returns it as a success.
   */
  errorInOkAnswer(action: string, times: number, options: ErrorInOkAnswerOptions): void;
  /**
   * Let the next `times` successful CreateKeyPair calls store their key, but leave `options.omit`
   * out of the 200 answer.
   */
  incompleteCreate(times: number, options: { readonly omit: IncompleteCreateField }): void;
  /** Reset (TCP RST) the connection of the next `times` calls of `action` before processing them. */
  resetConnection(action: string, times: number): void;
  /** Perform the next `times` calls of `action`, then close the connection without answering. */
  loseResponse(action: string, times: number): void;
  /**
   * Hold the next `times` calls of `action` after authentication, before the action runs: the
   * request has not reached ENS yet. A held request goes on when released (`EnsEmulator.releaseHeld`)
   * or after `options.ms`; if its client hangs up meanwhile, the action never runs and the call is
   * logged with outcome `"dropped"`. `EnsEmulator.waitForHeld` tells when a call is being held.
   */
  holdRequest(action: string, times: number, options?: HoldOptions): void;
  /**
   * Perform the next `times` calls of `action` (the change is committed), then hold the answer until
   * released (`EnsEmulator.releaseHeld`) or for `options.ms`. If the client hangs up meanwhile, the
   * call is logged with outcome `"response-lost"`: the action took effect, the client never knew.
   * Applies to whatever the action answers (success, or an error such as `PubKeyNameNotExist`).
   */
  holdResponse(action: string, times: number, options?: HoldOptions): void;
  /** Delay every answer to `action` by `ms` milliseconds (a timer, until cleared; 0 removes it). */
  latency(action: string, ms: number): void;
  /** Answer every call of `action` with `NoPermission` until `clear()`. */
  noPermission(action: string): void;
  /**
   * Allow at most `requestsPerSecond` calls per second overall (token bucket holding `burst` tokens);
   * beyond that answer `Throttling.User` with `x-acs-retry-after` (milliseconds until a token is free).
   *
   * @param burst bucket size. @default requestsPerSecond rounded up (at least 1)
   */
  rateLimit(requestsPerSecond: number, burst?: number): void;
  /** Remove every fault. */
  clear(): void;
}

/** What each kind of counted fault carries, by kind. */
export interface CountedFaultDetails {
  /** `x-acs-retry-after` seconds, if sent, and the code. */
  readonly throttle: { readonly retryAfterSeconds?: number; readonly code: string };
  /** The HTTP status. */
  readonly serverError: { readonly status: 500 | 503 };
  /** The error to answer. */
  readonly apiError: { readonly code: string; readonly statusCode: number; readonly message?: string };
  /** The error to carry in a 200 answer. */
  readonly errorInOkAnswer: ErrorInOkAnswerOptions;
  /** The field to leave out. */
  readonly incompleteCreate: { readonly omit: IncompleteCreateField };
  /** Nothing: the connection is reset. */
  readonly resetConnection: Record<string, never>;
  /** Nothing: the answer is dropped. */
  readonly loseResponse: Record<string, never>;
  /** How long to hold, if not until released. */
  readonly holdRequest: HoldOptions;
  /** How long to hold, if not until released. */
  readonly holdResponse: HoldOptions;
}

/** A counted fault kind. */
export type CountedFaultKind = keyof CountedFaultDetails;

interface CountedFaultOf<K extends CountedFaultKind> {
  readonly kind: K;
  readonly action: string;
  remaining: number;
  readonly details: CountedFaultDetails[K];
}

type CountedFault = { [K in CountedFaultKind]: CountedFaultOf<K> }[CountedFaultKind];

interface TokenBucket {
  readonly ratePerMs: number;
  readonly burst: number;
  tokens: number;
  updatedAtMs: number;
}

function checkAction(action: string): void {
  if (typeof action !== "string" || action === "") {
    throw new RangeError(
      `Invalid fault action ${JSON.stringify(action)}: give an API action name such as "DeleteKeyPairs", or "*" for any.`,
    );
  }
}

function checkCount(name: string, value: number, allowZero: boolean): void {
  const ok = Number.isInteger(value) && (allowZero ? value >= 0 : value > 0);
  if (!ok) {
    throw new RangeError(
      `Invalid ${name} ${String(value)}: it must be a${allowZero ? " non-negative" : " positive"} integer.`,
    );
  }
}

function checkCode(name: string, code: string): void {
  if (typeof code !== "string" || code.trim() === "") {
    throw new RangeError(
      `Invalid ${name} ${JSON.stringify(code)}: give an error code such as "Throttling.Api" or "ens.interface.error".`,
    );
  }
}

function checkHoldMs(ms: number | undefined): void {
  if (ms !== undefined && !(Number.isInteger(ms) && ms >= 0 && ms <= MAX_TIMER_MS)) {
    throw new RangeError(
      `Invalid hold ms ${String(ms)}: use an integer number of milliseconds from 0 to ${MAX_TIMER_MS}, or leave it out to hold until released.`,
    );
  }
}

/** The emulator's fault plan: what tests configure through `EmulatorFaults` and what requests consume. */
export class FaultPlan implements EmulatorFaults {
  private counted: CountedFault[] = [];
  private readonly latencies = new Map<string, number>();
  private readonly forbidden = new Set<string>();
  private bucket: TokenBucket | undefined;

  /** @param nowMs the clock the rate limit refills by. @default Date.now */
  constructor(private readonly nowMs: () => number = Date.now) {}

  throttle(action: string, times: number, options: ThrottleOptions = {}): void {
    const { retryAfterSeconds, code = DEFAULT_THROTTLING_CODE } = options;
    if (retryAfterSeconds !== undefined && !(Number.isFinite(retryAfterSeconds) && retryAfterSeconds >= 0)) {
      throw new RangeError(
        `Invalid retryAfterSeconds ${String(retryAfterSeconds)}: it must be a non-negative number.`,
      );
    }
    checkCode("throttle code", code);
    this.addCounted({ kind: "throttle", action, remaining: times, details: { retryAfterSeconds, code } });
  }

  serverError(action: string, times: number, status: 500 | 503 = 503): void {
    if (status !== 500 && status !== 503)
      throw new RangeError(`Invalid server error status ${String(status)}: use 500 or 503.`);
    this.addCounted({ kind: "serverError", action, remaining: times, details: { status } });
  }

  apiError(action: string, times: number, options: ApiErrorOptions): void {
    const { code, statusCode = 400, message } = options;
    checkCode("apiError code", code);
    if (!(Number.isInteger(statusCode) && statusCode >= 400 && statusCode <= 599)) {
      throw new RangeError(
        `Invalid apiError statusCode ${String(statusCode)}: use an HTTP error status from 400 to 599 ` +
          "(for an error inside a 200 answer, use errorInOkAnswer).",
      );
    }
    this.addCounted({ kind: "apiError", action, remaining: times, details: { code, statusCode, message } });
  }

  errorInOkAnswer(action: string, times: number, options: ErrorInOkAnswerOptions): void {
    checkCode("errorInOkAnswer code", options.code);
    const details = { code: options.code, message: options.message };
    this.addCounted({ kind: "errorInOkAnswer", action, remaining: times, details });
  }

  incompleteCreate(times: number, options: { readonly omit: IncompleteCreateField }): void {
    const { omit } = options;
    if (omit !== "KeyPairId" && omit !== "PrivateKeyBody") {
      throw new RangeError(
        `Invalid incompleteCreate omit ${JSON.stringify(omit)}: use "KeyPairId" or "PrivateKeyBody".`,
      );
    }
    this.addCounted({
      kind: "incompleteCreate",
      action: "CreateKeyPair",
      remaining: times,
      details: { omit },
    });
  }

  resetConnection(action: string, times: number): void {
    this.addCounted({ kind: "resetConnection", action, remaining: times, details: {} });
  }

  loseResponse(action: string, times: number): void {
    this.addCounted({ kind: "loseResponse", action, remaining: times, details: {} });
  }

  holdRequest(action: string, times: number, options: HoldOptions = {}): void {
    checkHoldMs(options.ms);
    this.addCounted({ kind: "holdRequest", action, remaining: times, details: { ms: options.ms } });
  }

  holdResponse(action: string, times: number, options: HoldOptions = {}): void {
    checkHoldMs(options.ms);
    this.addCounted({ kind: "holdResponse", action, remaining: times, details: { ms: options.ms } });
  }

  latency(action: string, ms: number): void {
    checkAction(action);
    checkCount("latency ms", ms, true);
    if (ms === 0) this.latencies.delete(action);
    else this.latencies.set(action, ms);
  }

  noPermission(action: string): void {
    checkAction(action);
    this.forbidden.add(action);
  }

  rateLimit(requestsPerSecond: number, burst = Math.max(1, Math.ceil(requestsPerSecond))): void {
    if (!(Number.isFinite(requestsPerSecond) && requestsPerSecond > 0)) {
      throw new RangeError(
        `Invalid requestsPerSecond ${String(requestsPerSecond)}: it must be a positive number.`,
      );
    }
    checkCount("burst", burst, false);
    this.bucket = { ratePerMs: requestsPerSecond / 1000, burst, tokens: burst, updatedAtMs: this.nowMs() };
  }

  clear(): void {
    this.counted = [];
    this.latencies.clear();
    this.forbidden.clear();
    this.bucket = undefined;
  }

  /** Uses up one matching counted fault of a kind. @returns its details, or undefined when none applies */
  take<K extends CountedFaultKind>(kind: K, action: string): CountedFaultDetails[K] | undefined {
    const fault = this.counted.find(
      (f): f is CountedFaultOf<K> & CountedFault =>
        f.kind === kind && f.remaining > 0 && (f.action === action || f.action === "*"),
    );
    if (!fault) return undefined;
    fault.remaining -= 1;
    this.counted = this.counted.filter((f) => f.remaining > 0);
    return fault.details;
  }

  /**
   * Takes a token from the rate limit bucket.
   *
   * @returns undefined when the call may proceed, else milliseconds until a token is free
   */
  takeRateToken(): number | undefined {
    const bucket = this.bucket;
    if (!bucket) return undefined;
    const now = this.nowMs();
    bucket.tokens = Math.min(bucket.burst, bucket.tokens + (now - bucket.updatedAtMs) * bucket.ratePerMs);
    bucket.updatedAtMs = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return undefined;
    }
    return Math.ceil((1 - bucket.tokens) / bucket.ratePerMs);
  }

  /** True when `action` is answered with NoPermission. */
  isForbidden(action: string): boolean {
    return this.forbidden.has(action) || this.forbidden.has("*");
  }

  /** The delay before answering `action`, in milliseconds (an exact entry wins over `"*"`). */
  latencyOf(action: string): number {
    return this.latencies.get(action) ?? this.latencies.get("*") ?? 0;
  }

  private addCounted(fault: CountedFault): void {
    checkAction(fault.action);
    checkCount("times", fault.remaining, true);
    if (fault.remaining > 0) this.counted.push(fault);
  }
}
