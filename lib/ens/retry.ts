/**
 * The retry policy for ENS calls: which failures are worth another attempt, exponential backoff with full
 * jitter, `x-acs-retry-after` honoured, and a hard deadline that is never slept past.
 *
 * Pure apart from the injectable clock and random source, so unit tests are deterministic.
 */
import { EnsApiError, EnsTransportError } from "./ens-errors";

/** Backoff tuning. */
export interface BackoffPolicy {
  /** Upper bound of the first retry's delay. @default 500 */
  readonly baseDelayMs: number;
  /** Largest upper bound of any delay. @default 5000 */
  readonly capDelayMs: number;
}

/**
 * The default backoff: 500 ms doubling per attempt, capped at 5 s. Tuned on bench/ (200 deletes, 10 handlers at
 * once, 10 calls/s allowed): a 20 s cap left capacity unused while handlers slept and stretched the tail (1.7x the
 * ideal time); a 200 ms start made more throttled calls than needed.
 */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseDelayMs: 500, capDelayMs: 5_000 };

/** Time source and sleeper, injectable for tests. */
export interface RetryClock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms` milliseconds. */
  sleep(ms: number): Promise<void>;
}

/** The real clock. */
export const SYSTEM_CLOCK: RetryClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** API codes that mean "try again later" besides the throttling codes. */
const RETRYABLE_CODES = new Set(["ServiceUnavailable", "InternalError"]);

/**
 * ENS's generic "Call Interface Happen Error" codes (listed with HTTP 400 in the key pair pages' error tables):
 * ENS failed while calling one of its own interfaces, so whether the action took effect is unknown. They are not
 * retried: the provider's `NeedRetry` does not retry them, ENS answers them with a 4xx, and the provider even reads
 * `ens.interface.error` as "not found" for security groups, so they may be permanent (a retried permanent error only
 * makes a destroy wait out its whole deadline). They are ambiguous instead: a delete that ends with one confirms with
 * DescribeKeyPairs, a create looks the name up and rolls back a key pair it may have made.
 */
const ENS_INTERFACE_ERROR_CODES: ReadonlySet<string> = new Set(["ens.interface.error", "CallInterface"]);

/**
 * True for a throttling code: any code containing `Throttling` (`Throttling`, `Throttling.User`, `Throttling.Api`,
 * `Rejected.Throttling`, …), as the provider's `NeedRetry` reads them.
 */
function isThrottling(code: string): boolean {
  return code.includes("Throttling");
}

/**
 * True when another attempt may succeed: throttling, `ServiceUnavailable`, `InternalError`, any HTTP 5xx, and
 * transport failures other than an unknown host.
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof EnsApiError) {
    return isThrottling(error.code) || RETRYABLE_CODES.has(error.code) || error.statusCode >= 500;
  }
  if (error instanceof EnsTransportError) return error.kind !== "dns" || error.code === "EAI_AGAIN";
  return false;
}

/**
 * True when a failed attempt may still have taken effect on the server: a 5xx answer, an error inside an HTTP 200
 * answer (it contradicts itself), ENS's generic interface errors ({@link ENS_INTERFACE_ERROR_CODES}), a broken
 * connection, a lost, unreadable or incomplete answer, a read timeout. Throttling (with HTTP 400) and refused
 * connections are not ambiguous: the request was rejected or never arrived.
 */
export function isAmbiguous(error: unknown): boolean {
  if (error instanceof EnsApiError) {
    return error.statusCode >= 500 || error.statusCode < 400 || ENS_INTERFACE_ERROR_CODES.has(error.code);
  }
  if (error instanceof EnsTransportError) {
    return error.kind === "reset" || error.kind === "read-timeout" || error.kind === "bad-response";
  }
  return false;
}

/**
 * The full-jitter backoff delay before retry number `attempt` (1 = the delay after the first failed attempt):
 * `random(0, min(cap, base * 2^(attempt-1)))`.
 *
 * @param random a number in [0, 1)
 */
export function fullJitterDelayMs(
  attempt: number,
  random: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
): number {
  const ceiling = Math.min(policy.capDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random * ceiling);
}

/** What an attempt knows about the retry loop. */
export interface AttemptContext {
  /** 1 for the first attempt. */
  readonly attempt: number;
  /** Milliseconds left before the deadline (> 0); per-request timeouts must not exceed it. */
  readonly timeLeftMs: number;
  /** The failures of the earlier attempts, oldest first. */
  readonly failures: readonly unknown[];
}

/** A failed attempt, reported before the loop sleeps or gives up. */
export interface FailedAttempt {
  /** The attempt number. */
  readonly attempt: number;
  /** What it failed with. */
  readonly error: unknown;
  /** The delay before the next attempt; `undefined` when the loop gives up. */
  readonly retryInMs?: number;
}

/** Why the loop stopped without success. */
export type GiveUpReason = "not-retryable" | "deadline";

/** Options of {@link retryUntilDeadline}. */
export interface RetryOptions {
  /** Absolute deadline, milliseconds since the epoch: no attempt starts and no sleep ends after it. */
  readonly deadlineMs: number;
  /** @default DEFAULT_BACKOFF */
  readonly backoff?: BackoffPolicy;
  /** @default SYSTEM_CLOCK */
  readonly clock?: RetryClock;
  /** @default Math.random */
  readonly random?: () => number;
  /** Decides whether a failure is retried. @default isRetryable */
  readonly isRetryable?: (error: unknown) => boolean;
  /** Called once per failed attempt (for the attempt log). */
  readonly onFailedAttempt?: (failure: FailedAttempt) => void;
}

/**
 * The least time a retry must have before the deadline: an attempt started with only a few milliseconds left
 * can only time out, which would report a misleading last error instead of the real one.
 */
export const MIN_ATTEMPT_MS = 250;

/** The loop gave up; `cause` is the last attempt's error. */
export class RetriesExhaustedError extends Error {
  /** Why the loop stopped. */
  public readonly reason: GiveUpReason;
  /** How many attempts were made. */
  public readonly attempts: number;
  /** Milliseconds from the first attempt's start to giving up. */
  public readonly elapsedMs: number;
  /** Every attempt's error, oldest first (the last one is `cause`). */
  public readonly failures: readonly unknown[];
  /** Milliseconds from the first attempt's start to the deadline. */
  public readonly budgetMs: number;

  constructor(fields: {
    readonly reason: GiveUpReason;
    readonly failures: readonly unknown[];
    readonly elapsedMs: number;
    readonly budgetMs: number;
  }) {
    const last = fields.failures[fields.failures.length - 1];
    super(last instanceof Error ? last.message : String(last), { cause: last });
    this.name = "RetriesExhaustedError";
    this.reason = fields.reason;
    this.attempts = fields.failures.length;
    this.elapsedMs = fields.elapsedMs;
    this.failures = fields.failures;
    this.budgetMs = fields.budgetMs;
  }
}

/**
 * Runs `operation` until it succeeds, fails with a non-retryable error, or the next attempt could not start
 * before the deadline. The delay before a retry is the full-jitter backoff, but never shorter than the
 * server's retry-after hint.
 *
 * @throws RetriesExhaustedError when giving up
 */
export async function retryUntilDeadline<T>(
  operation: (context: AttemptContext) => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  const clock = options.clock ?? SYSTEM_CLOCK;
  const random = options.random ?? Math.random;
  const retryable = options.isRetryable ?? isRetryable;
  const startedAt = clock.now();
  const failures: unknown[] = [];
  for (let attempt = 1; ; attempt++) {
    const timeLeftMs = options.deadlineMs - clock.now();
    try {
      return await operation({ attempt, timeLeftMs: Math.max(1, timeLeftMs), failures: [...failures] });
    } catch (error) {
      failures.push(error);
      const giveUp = (reason: GiveUpReason): RetriesExhaustedError => {
        options.onFailedAttempt?.({ attempt, error });
        return new RetriesExhaustedError({
          reason,
          failures,
          elapsedMs: clock.now() - startedAt,
          budgetMs: options.deadlineMs - startedAt,
        });
      };
      if (!retryable(error)) throw giveUp("not-retryable");
      const retryAfterMs = error instanceof EnsApiError ? (error.retryAfterMs ?? 0) : 0;
      const delayMs = Math.max(retryAfterMs, fullJitterDelayMs(attempt, random(), options.backoff));
      if (clock.now() + delayMs + MIN_ATTEMPT_MS > options.deadlineMs) throw giveUp("deadline");
      options.onFailedAttempt?.({ attempt, error, retryInMs: delayMs });
      await clock.sleep(delayMs);
    }
  }
}
