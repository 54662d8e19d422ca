/**
 * Injectable failures. Per request they are consumed in this order: resetConnection, rate limit,
 * throttle, serverError, noPermission; then the action runs, and loseResponse and latency wrap its
 * answer. Counted faults apply to the next `times` matching calls that reach their stage (a request
 * refused earlier, e.g. for a bad signature, does not use one up). The action `"*"` matches any action.
 */
export interface EmulatorFaults {
  /**
   * Answer the next `times` calls of `action` with `Throttling.User` (HTTP 400).
   *
   * @param options.retryAfterSeconds also send `x-acs-retry-after`. The value is written in
   *   **milliseconds** (seconds × 1000), because @alicloud/openapi-core passes the header's integer
   *   (`getThrottlingTimeLeft`) as `ThrottlingError.retryAfter` straight to its retry sleep, which
   *   counts in milliseconds (`getBackoffDelay`, capped by `maxDelay`, default 120 000 ms).
   */
  throttle(action: string, times: number, options?: { readonly retryAfterSeconds?: number }): void;
  /** Answer the next `times` calls of `action` with 503 `ServiceUnavailable` or 500 `InternalError`. @default status 503 */
  serverError(action: string, times: number, status?: 500 | 503): void;
  /** Reset (TCP RST) the connection of the next `times` calls of `action` before processing them. */
  resetConnection(action: string, times: number): void;
  /** Perform the next `times` calls of `action`, then close the connection without answering. */
  loseResponse(action: string, times: number): void;
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

/** A counted fault kind. */
export type CountedFaultKind = "throttle" | "serverError" | "resetConnection" | "loseResponse";

interface CountedFault {
  readonly kind: CountedFaultKind;
  readonly action: string;
  remaining: number;
  readonly retryAfterSeconds?: number;
  readonly status?: 500 | 503;
}

/** A counted fault that applies to a call. */
export interface ConsumedFault {
  /** `x-acs-retry-after` seconds for a throttle. */
  readonly retryAfterSeconds?: number;
  /** HTTP status for a server error. */
  readonly status?: 500 | 503;
}

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

/** The emulator's fault plan: what tests configure through `EmulatorFaults` and what requests consume. */
export class FaultPlan implements EmulatorFaults {
  private counted: CountedFault[] = [];
  private readonly latencies = new Map<string, number>();
  private readonly forbidden = new Set<string>();
  private bucket: TokenBucket | undefined;

  /** @param nowMs the clock the rate limit refills by. @default Date.now */
  constructor(private readonly nowMs: () => number = Date.now) {}

  throttle(action: string, times: number, options: { readonly retryAfterSeconds?: number } = {}): void {
    const { retryAfterSeconds } = options;
    if (retryAfterSeconds !== undefined && !(Number.isFinite(retryAfterSeconds) && retryAfterSeconds >= 0)) {
      throw new RangeError(
        `Invalid retryAfterSeconds ${String(retryAfterSeconds)}: it must be a non-negative number.`,
      );
    }
    this.addCounted({ kind: "throttle", action, remaining: times, retryAfterSeconds });
  }

  serverError(action: string, times: number, status: 500 | 503 = 503): void {
    if (status !== 500 && status !== 503)
      throw new RangeError(`Invalid server error status ${String(status)}: use 500 or 503.`);
    this.addCounted({ kind: "serverError", action, remaining: times, status });
  }

  resetConnection(action: string, times: number): void {
    this.addCounted({ kind: "resetConnection", action, remaining: times });
  }

  loseResponse(action: string, times: number): void {
    this.addCounted({ kind: "loseResponse", action, remaining: times });
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

  /** Uses up one matching counted fault of a kind. @returns it, or undefined when none applies */
  take(kind: CountedFaultKind, action: string): ConsumedFault | undefined {
    const fault = this.counted.find(
      (f) => f.kind === kind && f.remaining > 0 && (f.action === action || f.action === "*"),
    );
    if (!fault) return undefined;
    fault.remaining -= 1;
    this.counted = this.counted.filter((f) => f.remaining > 0);
    return { retryAfterSeconds: fault.retryAfterSeconds, status: fault.status };
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
