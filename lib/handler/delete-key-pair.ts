/**
 * Deleting one key pair: DeleteKeyPairs by name or by KeyPairId under the retry policy, with `PubKeyNameNotExist`
 * meaning the desired state already holds (deleted earlier, or by an attempt whose answer was lost). One API call
 * on the happy path.
 */
import { EnsAction } from "../ens/ens-actions";
import type { DeletedKeyPair } from "../ens/ens-client";
import { isApiErrorCode } from "../ens/ens-errors";
import { AttemptResult, runLoggedAction } from "../ens/logged-action";
import type { HandlerContext } from "./handler-context";

/** The code ENS answers for a key pair (name or ID) that does not exist. */
export const NOT_FOUND_CODE = "PubKeyNameNotExist";

/** How a delete ended. */
export type DeleteOutcome = "deleted" | "already-deleted";

/** Runs one DeleteKeyPairs request under the retry policy, mapping "not found" to `already-deleted`. */
function runDelete(
  context: HandlerContext,
  keyPairName: string,
  deadlineMs: number,
  request: (timeLeftMs: number) => Promise<DeletedKeyPair>,
): Promise<DeleteOutcome> {
  const { log, clock, random } = context;
  return runLoggedAction(
    { action: EnsAction.DELETE_KEY_PAIRS, keyPairName, log, deadlineMs, clock, random },
    async ({ timeLeftMs }): Promise<AttemptResult<DeleteOutcome>> => {
      try {
        const answer = await request(timeLeftMs);
        return { value: "deleted", outcome: "deleted", requestId: answer.requestId };
      } catch (error) {
        if (!isApiErrorCode(error, NOT_FOUND_CODE)) throw error;
        return {
          value: "already-deleted",
          outcome: "already-deleted",
          code: error.code,
          requestId: error.requestId,
        };
      }
    },
  );
}

/**
 * Deletes `keyPairName`, retrying until `deadlineMs`.
 *
 * @throws ActionFailedError when the API refuses or the deadline passes
 */
export function deleteKeyPair(
  context: HandlerContext,
  keyPairName: string,
  deadlineMs: number,
): Promise<DeleteOutcome> {
  return runDelete(context, keyPairName, deadlineMs, (timeLeftMs) =>
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
 * another key pair that took the name later.
 *
 * @throws ActionFailedError when the API refuses or the deadline passes
 */
export function deleteKeyPairById(
  context: HandlerContext,
  target: KeyPairById,
  deadlineMs: number,
): Promise<DeleteOutcome> {
  return runDelete(context, target.keyPairName ?? target.keyPairId, deadlineMs, (timeLeftMs) =>
    context.client.deleteKeyPairById(target.keyPairId, timeLeftMs),
  );
}
