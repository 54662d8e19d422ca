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
import { confirmedGone, isUnexplainedRefusal } from "./confirm-deleted";
import { KeyPairContext, KeyPairTarget, labelOf } from "./key-pair-context";

/** The code ENS is taken to answer for a key pair (name or ID) that does not exist. */
const NOT_FOUND_CODE = "PubKeyNameNotExist";

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
 * Deletes the key pair, retrying until `deadlineMs`: by KeyPairId when `target` has one (an ID is never reused, so
 * this cannot remove another key pair that took the name later, and a refusal is confirmed by looking the ID up,
 * never the name), else by name. "Not found" counts as `already-deleted`, and an unexplained refusal is confirmed
 * with DescribeKeyPairs.
 *
 * @throws ActionFailedError when the API refuses (and, for a refusal that does not explain itself, DescribeKeyPairs
 *   does not show the key pair gone) or the deadline passes
 */
export async function deleteKeyPair(
  context: KeyPairContext,
  target: KeyPairTarget,
  deadlineMs: number,
): Promise<DeleteOutcome> {
  const { client, log, clock, random } = context;
  const { keyPairId } = target;
  const request = (timeLeftMs: number): Promise<DeletedKeyPair> =>
    keyPairId === undefined
      ? client.deleteKeyPairs(target.keyPairName, timeLeftMs)
      : client.deleteKeyPairById(keyPairId, timeLeftMs);
  try {
    return await runLoggedAction(
      { action: EnsAction.DELETE_KEY_PAIRS, keyPairName: labelOf(target), log, deadlineMs, clock, random },
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
