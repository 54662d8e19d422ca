/**
 * The retry policy with a fake clock and a fixed random source: every delay and every decision is exact.
 */
import { EnsApiError, EnsTransportError } from "../../lib/ens/ens-errors";
import {
  FailedAttempt,
  fullJitterDelayMs,
  isAmbiguous,
  isRetryable,
  RetriesExhaustedError,
  RetryClock,
  retryUntilDeadline,
} from "../../lib/ens/retry";

/** A clock whose sleep advances time instantly and records each delay. */
class FakeClock implements RetryClock {
  public readonly sleeps: number[] = [];
  constructor(public time = 1_000_000) {}
  now(): number {
    return this.time;
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.time += ms;
  }
}

function apiError(code: string, statusCode = 400, retryAfterMs?: number): EnsApiError {
  return new EnsApiError({ code, statusCode, apiMessage: "m", requestId: "R", retryAfterMs });
}

const THROTTLED = apiError("Throttling.User");

/** An operation that fails with `errors` in turn, then returns "done". */
function failingWith(...errors: unknown[]) {
  const calls: number[] = [];
  const operation = async ({ attempt }: { attempt: number }) => {
    calls.push(attempt);
    const error = errors[attempt - 1];
    if (error !== undefined) throw error;
    return "done";
  };
  return { calls, operation };
}

describe("fullJitterDelayMs", () => {
  test("is random(0, min(cap, base·2^(attempt-1)))", () => {
    expect(fullJitterDelayMs(1, 0.5)).toBe(250);
    expect(fullJitterDelayMs(2, 0.5)).toBe(500);
    expect(fullJitterDelayMs(4, 0.999)).toBe(3996);
    expect(fullJitterDelayMs(5, 0.999)).toBe(4995);
    expect(fullJitterDelayMs(20, 0.999)).toBe(4995);
    expect(fullJitterDelayMs(3, 0)).toBe(0);
    expect(fullJitterDelayMs(3, 0.5, { baseDelayMs: 10, capDelayMs: 15 })).toBe(7);
  });
});

describe("isRetryable / isAmbiguous", () => {
  test.each([
    { label: "Throttling.User", error: apiError("Throttling.User"), retryable: true, ambiguous: false },
    { label: "Throttling.Api", error: apiError("Throttling.Api"), retryable: true, ambiguous: false },
    { label: "Throttling", error: apiError("Throttling"), retryable: true, ambiguous: false },
    {
      label: "Rejected.Throttling (the provider's NeedRetry retries it)",
      error: apiError("Rejected.Throttling"),
      retryable: true,
      ambiguous: false,
    },
    {
      label: "Throttling.User (HTTP 429)",
      error: apiError("Throttling.User", 429),
      retryable: true,
      ambiguous: false,
    },
    {
      label: "ens.interface.error (not retried; ambiguous)",
      error: apiError("ens.interface.error"),
      retryable: false,
      ambiguous: true,
    },
    {
      label: "CallInterface (not retried; ambiguous)",
      error: apiError("CallInterface"),
      retryable: false,
      ambiguous: true,
    },
    {
      label: "throttling in lower case is not the provider's Throttling",
      error: apiError("throttled"),
      retryable: false,
      ambiguous: false,
    },
    {
      label: "ServiceUnavailable (HTTP 503)",
      error: apiError("ServiceUnavailable", 503),
      retryable: true,
      ambiguous: true,
    },
    {
      label: "InternalError (HTTP 500)",
      error: apiError("InternalError", 500),
      retryable: true,
      ambiguous: true,
    },
    {
      label: "SomethingNew (HTTP 502)",
      error: apiError("SomethingNew", 502),
      retryable: true,
      ambiguous: true,
    },
    { label: "NoPermission", error: apiError("NoPermission"), retryable: false, ambiguous: false },
    {
      label: "an error code inside an HTTP 200 answer",
      error: apiError("SomethingNew", 200),
      retryable: false,
      ambiguous: true,
    },
    {
      label: "Throttling.User inside an HTTP 200 answer",
      error: apiError("Throttling.User", 200),
      retryable: true,
      ambiguous: true,
    },
    {
      label: "transport bad-response (IncompleteAnswer)",
      error: new EnsTransportError("bad-response", "IncompleteAnswer", "no KeyPairId"),
      retryable: true,
      ambiguous: true,
    },
    {
      label: "SignatureDoesNotMatch",
      error: apiError("SignatureDoesNotMatch"),
      retryable: false,
      ambiguous: false,
    },
    {
      label: "InvalidAccessKeyId.NotFound (HTTP 404)",
      error: apiError("InvalidAccessKeyId.NotFound", 404),
      retryable: false,
      ambiguous: false,
    },
    {
      label: "PubKeyAttachedWithInstance",
      error: apiError("PubKeyAttachedWithInstance"),
      retryable: false,
      ambiguous: false,
    },
    {
      label: "transport reset (ECONNRESET)",
      error: new EnsTransportError("reset", "ECONNRESET", "socket hang up"),
      retryable: true,
      ambiguous: true,
    },
    {
      label: "transport refused (ECONNREFUSED)",
      error: new EnsTransportError("refused", "ECONNREFUSED", "refused"),
      retryable: true,
      ambiguous: false,
    },
    {
      label: "transport read-timeout (ReadTimeout)",
      error: new EnsTransportError("read-timeout", "ReadTimeout", "t"),
      retryable: true,
      ambiguous: true,
    },
    {
      label: "transport connect-timeout (ConnectTimeout)",
      error: new EnsTransportError("connect-timeout", "ConnectTimeout", "t"),
      retryable: true,
      ambiguous: false,
    },
    {
      label: "transport bad-response (BadResponse)",
      error: new EnsTransportError("bad-response", "BadResponse", "html"),
      retryable: true,
      ambiguous: true,
    },
    {
      label: "transport dns (ENOTFOUND)",
      error: new EnsTransportError("dns", "ENOTFOUND", "no such host"),
      retryable: false,
      ambiguous: false,
    },
    {
      label: "transport dns (EAI_AGAIN)",
      error: new EnsTransportError("dns", "EAI_AGAIN", "try again"),
      retryable: true,
      ambiguous: false,
    },
    { label: "a non-ENS error", error: new Error("a bug"), retryable: false, ambiguous: false },
  ])("$label → retryable $retryable, ambiguous $ambiguous", ({ error, retryable, ambiguous }) => {
    expect(isRetryable(error)).toBe(retryable);
    expect(isAmbiguous(error)).toBe(ambiguous);
  });
});

describe("retryUntilDeadline", () => {
  test("returns the first success; the backoff grows exponentially with full jitter", async () => {
    const clock = new FakeClock();
    const { calls, operation } = failingWith(THROTTLED, THROTTLED, THROTTLED);
    const failures: FailedAttempt[] = [];

    const result = await retryUntilDeadline(operation, {
      deadlineMs: clock.now() + 60_000,
      clock,
      random: () => 0.5,
      onFailedAttempt: (f) => failures.push(f),
    });

    expect(result).toBe("done");
    expect(calls).toEqual([1, 2, 3, 4]);
    expect(clock.sleeps).toEqual([250, 500, 1000]);
    expect(failures.map((f) => [f.attempt, f.retryInMs])).toEqual([
      [1, 250],
      [2, 500],
      [3, 1000],
    ]);
  });

  test("never retries sooner than the server's retry-after", async () => {
    const clock = new FakeClock();
    const { operation } = failingWith(
      apiError("Throttling.User", 400, 5000),
      apiError("Throttling.User", 400, 10),
    );

    await retryUntilDeadline(operation, { deadlineMs: clock.now() + 60_000, clock, random: () => 0.5 });

    expect(clock.sleeps).toEqual([5000, 500]);
  });

  test("stops at once on a non-retryable error, reporting it", async () => {
    const clock = new FakeClock();
    const refused = apiError("NoPermission");
    const { calls, operation } = failingWith(THROTTLED, refused);
    const failures: FailedAttempt[] = [];

    const error = await retryUntilDeadline(operation, {
      deadlineMs: clock.now() + 60_000,
      clock,
      random: () => 0,
      onFailedAttempt: (f) => failures.push(f),
    }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RetriesExhaustedError);
    const exhausted = error as RetriesExhaustedError;
    expect(exhausted.reason).toBe("not-retryable");
    expect(exhausted.cause).toBe(refused);
    expect(exhausted.attempts).toBe(2);
    expect(exhausted.failures).toEqual([THROTTLED, refused]);
    expect(calls).toEqual([1, 2]);
    expect(failures.at(-1)).toEqual({ attempt: 2, error: refused });
  });

  test("never sleeps past the deadline: gives up when the next delay would reach it", async () => {
    const clock = new FakeClock();
    const start = clock.now();
    const { calls, operation } = failingWith(...Array(100).fill(THROTTLED));

    const error = (await retryUntilDeadline(operation, {
      deadlineMs: start + 2000,
      clock,
      random: () => 0.999,
    }).catch((e: unknown) => e)) as RetriesExhaustedError;

    // Delays 499, 999 (total 1498); the next, 1998, would end at 3496 > 2000.
    expect(clock.sleeps).toEqual([499, 999]);
    expect(calls).toEqual([1, 2, 3]);
    expect(error.reason).toBe("deadline");
    expect(error.attempts).toBe(3);
    expect(error.elapsedMs).toBe(1498);
    expect(error.budgetMs).toBe(2000);
    expect(clock.now()).toBeLessThan(start + 2000);
  });

  test("a retry-after longer than the time left ends the loop instead of waiting", async () => {
    const clock = new FakeClock();
    const { calls, operation } = failingWith(apiError("Throttling.User", 400, 30_000));

    const error = (await retryUntilDeadline(operation, { deadlineMs: clock.now() + 10_000, clock }).catch(
      (e: unknown) => e,
    )) as RetriesExhaustedError;

    expect(error.reason).toBe("deadline");
    expect(clock.sleeps).toEqual([]);
    expect(calls).toEqual([1]);
  });

  test("tells each attempt how much time is left and what failed before", async () => {
    const clock = new FakeClock();
    const seen: Array<{ attempt: number; timeLeftMs: number; failures: number }> = [];

    await retryUntilDeadline(
      async ({ attempt, timeLeftMs, failures }) => {
        seen.push({ attempt, timeLeftMs, failures: failures.length });
        clock.time += 50;
        if (attempt < 3) throw THROTTLED;
        return "done";
      },
      { deadlineMs: clock.now() + 5000, clock, random: () => 0.5 },
    );

    expect(seen).toEqual([
      { attempt: 1, timeLeftMs: 5000, failures: 0 },
      { attempt: 2, timeLeftMs: 4700, failures: 1 },
      { attempt: 3, timeLeftMs: 4150, failures: 2 },
    ]);
  });
});
