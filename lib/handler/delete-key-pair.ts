/**
 * Deleting one key pair: DeleteKeyPairs by name or by KeyPairId under the retry policy, with `PubKeyNameNotExist`
 * meaning the desired state already holds (deleted earlier, or by an attempt whose answer was lost). One API call
 * on the happy path; a refusal whose code does not say whether the key pair exists is confirmed by reading the key
 * pair back (confirm-deleted.ts).
 */
import { EnsAction } from "../ens/ens-actions";
import type { DeletedKeyPair } from "../ens/ens-client";
import { isApiErrorCode } from "../ens/ens-errors";
import { AttemptResult, runLoggedAction } from "../ens/logged-action";
import { confirmedGone, isUnexplainedRefusal, RefusedTarget } from "./confirm-deleted";
import type { HandlerContext } from "./handler-context";

/** The code ENS is taken to answer for a key pair (name or ID) that does not exist. */
export const NOT_FOUND_CODE = "PubKeyNameNotExist";

/** How a delete ended. */
export type DeleteOutcome =
  | { readonly kind: "deleted" }
  | {
      readonly kind: "already-deleted";
      /** The code DeleteKeyPairs answered: `PubKeyNameNotExist`, or the refusal a lookup showed to mean "gone". */
      readonly code: string;
      /** True when DescribeKeyPairs, not the code itself, showed that the key pair is gone. */
      readonly confirmedByLookup: boolean;
    };

/** Why a delete counts as already done, for a summary line: `PubKeyNameNotExist`, or the confirmed refusal. */
export function alreadyDeletedReason(
  outcome: Extract<DeleteOutcome, { kind: "already-deleted" }>,
  keyPairId?: string,
): string {
  const forId = keyPairId === undefined ? "" : ` for KeyPairId ${keyPairId}`;
  return outcome.confirmedByLookup
    ? `DeleteKeyPairs answered ${outcome.code}${forId}, and DescribeKeyPairs shows it is gone`
    : `${outcome.code}${forId}`;
}

/**
 * Runs one DeleteKeyPairs request under the retry policy, mapping "not found" to `already-deleted`, and confirms an
 * unexplained refusal with DescribeKeyPairs.
 */
async function runDelete(
  context: HandlerContext,
  target: RefusedTarget,
  deadlineMs: number,
  request: (timeLeftMs: number) => Promise<DeletedKeyPair>,
): Promise<DeleteOutcome> {
  const { log, clock, random } = context;
  try {
    return await runLoggedAction(
      { action: EnsAction.DELETE_KEY_PAIRS, keyPairName: target.keyPairName, log, deadlineMs, clock, random },
      async ({ timeLeftMs }): Promise<AttemptResult<DeleteOutcome>> => {
        try {
          const answer = await request(timeLeftMs);
          return { value: { kind: "deleted" }, outcome: "deleted", requestId: answer.requestId };
        } catch (error) {
          if (!isApiErrorCode(error, NOT_FOUND_CODE)) throw error;
          return {
            value: { kind: "already-deleted", code: error.code, confirmedByLookup: false },
            outcome: "already-deleted",
            code: error.code,
            requestId: error.requestId,
          };
        }
      },
    );
  } catch (error) {
    if (!isUnexplainedRefusal(error) || !(await confirmedGone(context, target, error, deadlineMs)))
      throw error;
    return { kind: "already-deleted", code: error.cause.code, confirmedByLookup: true };
  }
}

/**
 * Deletes `keyPairName`, retrying until `deadlineMs`.
 *
 * @throws ActionFailedError when the API refuses (and, for a refusal that does not explain itself, DescribeKeyPairs
 *   does not show the key pair gone) or the deadline passes
 */
export function deleteKeyPair(
  context: HandlerContext,
  keyPairName: string,
  deadlineMs: number,
): Promise<DeleteOutcome> {
  return runDelete(context, { keyPairName }, deadlineMs, (timeLeftMs) =>
    context.client.deleteKeyPairs(keyPairName, timeLeftMs),
  );
}

/** A key pair addressed by its ID. */
export interface KeyPairById {
  /** The KeyPairId; the only thing sent. */
  readonly keyPairId: string;
  /** The name, for log lines and messages only. @default - the ID stands in for the unknown name */
  readonly keyPairName?: string;
}

/**
 * Deletes the key pair with this ID, retrying until `deadlineMs`. An ID is never reused, so this cannot remove
 * another key pair that took the name later; a refusal is confirmed by looking the ID up, never the name.
 *
 * @throws ActionFailedError when the API refuses (and, for a refusal that does not explain itself, DescribeKeyPairs
 *   does not show the ID gone) or the deadline passes
 */
export function deleteKeyPairById(
  context: HandlerContext,
  target: KeyPairById,
  deadlineMs: number,
): Promise<DeleteOutcome> {
  const { keyPairId } = target;
  return runDelete(
    context,
    { keyPairName: target.keyPairName ?? keyPairId, keyPairId },
    deadlineMs,
    (timeLeftMs) => context.client.deleteKeyPairById(keyPairId, timeLeftMs),
  );
}
