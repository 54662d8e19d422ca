/**
 * The `delete` command, and deleting a key pair in general: DeleteKeyPairs by name under the retry policy, with `PubKeyNameNotExist` meaning the
 * desired state already holds (deleted earlier, or by an attempt whose answer was lost). One API call on the
 * happy path.
 */
import { EnsAction } from "../ens/ens-actions";
import { isApiErrorCode } from "../ens/ens-errors";
import { reportError } from "../ens/error-outcomes";
import { runLoggedAction } from "../ens/logged-action";
import { HandlerExitCode } from "../handler-contract";
import type { HandlerContext } from "./handler-context";
import type { DeleteInput } from "./handler-input";

/** The code ENS answers for a name that does not exist. */
export const NOT_FOUND_CODE = "PubKeyNameNotExist";

/** How a delete ended. */
export type DeleteOutcome = "deleted" | "already-deleted";

/**
 * Deletes `keyPairName`, retrying until `deadlineMs`.
 *
 * @throws ActionFailedError when the API refuses or the deadline passes
 */
export async function deleteKeyPair(
  context: HandlerContext,
  keyPairName: string,
  deadlineMs: number,
): Promise<DeleteOutcome> {
  const { client, log, clock, random } = context;
  return runLoggedAction(
    { action: EnsAction.DELETE_KEY_PAIRS, keyPairName, log, deadlineMs, clock, random },
    async ({ timeLeftMs }) => {
      try {
        const answer = await client.deleteKeyPairs(keyPairName, timeLeftMs);
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

/** What Terraform does after a failed delete. */
export const DELETE_FAILURE_CONSEQUENCE =
  "Nothing was deleted: Terraform keeps the key pair in state, and the next destroy retries.";

/**
 * Runs the `delete` command (removal policy `destroy`).
 *
 * @returns the process exit code
 */
export async function runDeleteCommand(context: HandlerContext, input: DeleteInput): Promise<number> {
  const key = JSON.stringify(input.keyPairName);
  try {
    const outcome = await deleteKeyPair(
      context,
      input.keyPairName,
      context.clock.now() + input.deleteTimeoutMs,
    );
    context.log.info(
      outcome === "deleted"
        ? `key pair ${key} deleted`
        : `key pair ${key} already deleted (${NOT_FOUND_CODE})`,
    );
    return HandlerExitCode.OK;
  } catch (error) {
    const { message, exitCode } = reportError(error, DELETE_FAILURE_CONSEQUENCE);
    context.log.error(message);
    return exitCode;
  }
}
