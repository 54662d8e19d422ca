/**
 * One ENS action run under the retry policy, with one log line per attempt. The attempt function decides what
 * a success (or an expected error such as `PubKeyNameNotExist`) means and returns its outcome word; failures
 * are logged here as `retrying` or `failed`.
 */
import type { EnsAction } from "./ens-actions";
import type { AttemptOutcome, EnsLog } from "./ens-log";
import {
  AttemptContext,
  BackoffPolicy,
  RetryClock,
  RetriesExhaustedError,
  retryUntilDeadline,
} from "./retry";

/** What one successful attempt yields. */
export interface AttemptResult<T> {
  /** The value handed back to the caller. */
  readonly value: T;
  /** The outcome word for the log. */
  readonly outcome: AttemptOutcome;
  /** The RequestId of the answer. */
  readonly requestId?: string;
  /** An error code that was accepted as success (e.g. `PubKeyNameNotExist` for `already-deleted`). */
  readonly code?: string;
}

/** How to run an action. */
interface ActionRun {
  /** The API action (for the log and messages). */
  readonly action: EnsAction;
  /** The key pair concerned. */
  readonly keyPairName: string;
  /** Where attempt lines go. */
  readonly log: EnsLog;
  /** Absolute deadline, milliseconds since the epoch. */
  readonly deadlineMs: number;
  /** Injectable for tests. @default the system clock */
  readonly clock?: RetryClock;
  /** Injectable for tests. @default Math.random */
  readonly random?: () => number;
  /** @default DEFAULT_BACKOFF */
  readonly backoff?: BackoffPolicy;
}

/** An action gave up; `cause` is the last attempt's error. */
export class ActionFailedError extends Error {
  /** The action that failed. */
  public readonly action: EnsAction;
  /** The key pair concerned. */
  public readonly keyPairName: string;
  /** The retry loop's report (reason, attempts, elapsed time, all failures). */
  public readonly retries: RetriesExhaustedError;

  constructor(run: ActionRun, retries: RetriesExhaustedError) {
    super(`${run.action} failed for key pair ${JSON.stringify(run.keyPairName)}: ${retries.message}`, {
      cause: retries.cause,
    });
    this.name = "ActionFailedError";
    this.action = run.action;
    this.keyPairName = run.keyPairName;
    this.retries = retries;
  }
}

/** The error's API or transport `code`, for the attempt line. */
function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === "string" && code !== "" ? code : undefined;
}

function requestIdOf(error: unknown): string | undefined {
  const requestId = (error as { requestId?: unknown } | undefined)?.requestId;
  return typeof requestId === "string" && requestId !== "" ? requestId : undefined;
}

/**
 * Runs `attempt` under the retry policy until it succeeds or the policy gives up.
 *
 * @throws ActionFailedError when the policy gives up
 */
export async function runLoggedAction<T>(
  run: ActionRun,
  attempt: (context: AttemptContext) => Promise<AttemptResult<T>>,
): Promise<T> {
  const { action, keyPairName, log } = run;
  try {
    return await retryUntilDeadline(
      async (context) => {
        const result = await attempt(context);
        log.attempt({
          action,
          keyPairName,
          attempt: context.attempt,
          outcome: result.outcome,
          code: result.code,
          requestId: result.requestId,
        });
        return result.value;
      },
      {
        deadlineMs: run.deadlineMs,
        clock: run.clock,
        random: run.random,
        backoff: run.backoff,
        onFailedAttempt: (failure) =>
          log.attempt({
            action,
            keyPairName,
            attempt: failure.attempt,
            outcome: failure.retryInMs === undefined ? "failed" : "retrying",
            code: codeOf(failure.error),
            delayMs: failure.retryInMs,
            requestId: requestIdOf(failure.error),
          }),
      },
    );
  } catch (error) {
    if (error instanceof RetriesExhaustedError) throw new ActionFailedError(run, error);
    throw error;
  }
}
