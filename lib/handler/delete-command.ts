/**
 * The handler's `delete` command (removal policy `destroy`): by KeyPairId for an adopted key pair with an ID, by
 * name behind the name-reuse guard in import mode, and by name with a single call in create mode.
 */
import { reportError } from "../ens/error-outcomes";
import { HandlerExitCode } from "../handler-contract";
import { CommandFailure } from "./command-failure";
import { deleteKeyPair, deleteKeyPairById, NOT_FOUND_CODE } from "./delete-key-pair";
import { deleteUnlessNameReused } from "./delete-unless-name-reused";
import type { HandlerContext } from "./handler-context";
import type { DeleteInput } from "./handler-input";

/** What Terraform does after a failed delete. */
export const DELETE_FAILURE_CONSEQUENCE =
  "Nothing was deleted: Terraform keeps the key pair in state, and the next destroy retries.";

/** Deletes the key pair and returns the summary line. */
async function deleteAsInput(
  context: HandlerContext,
  input: DeleteInput,
  deadlineMs: number,
): Promise<string> {
  const { keyPairName, keyPairId, fingerprint } = input;
  const key = JSON.stringify(keyPairName);
  if (keyPairId) {
    const outcome = await deleteKeyPairById(context, { keyPairId, keyPairName }, deadlineMs);
    return outcome === "deleted"
      ? `key pair ${key} deleted (by KeyPairId ${keyPairId})`
      : `key pair ${key} already deleted (${NOT_FOUND_CODE} for KeyPairId ${keyPairId})`;
  }
  if (!fingerprint) {
    const outcome = await deleteKeyPair(context, keyPairName, deadlineMs);
    return outcome === "deleted"
      ? `key pair ${key} deleted`
      : `key pair ${key} already deleted (${NOT_FOUND_CODE})`;
  }
  const result = await deleteUnlessNameReused(context, keyPairName, fingerprint, deadlineMs);
  switch (result.outcome) {
    case "deleted":
      return `key pair ${key} deleted`;
    case "already-deleted":
      return `key pair ${key} already deleted (${NOT_FOUND_CODE})`;
    case "not-found":
      return `key pair ${key} already deleted (DescribeKeyPairs lists no key pair of that name)`;
    case "name-reused": {
      const { other } = result;
      context.log.warn(
        `key pair ${key} with fingerprint ${fingerprint} is already gone, and its name was reused by another key ` +
          `pair (KeyPairId ${other.keyPairId || "-"}, fingerprint ${other.fingerprint}, created ` +
          `${other.creationTime || "-"}), which was left alone.`,
      );
      return `key pair ${key} already deleted (its name now belongs to another key pair, which was left alone)`;
    }
  }
}

/**
 * Runs the `delete` command (removal policy `destroy`).
 *
 * @returns the process exit code
 */
export async function runDeleteCommand(context: HandlerContext, input: DeleteInput): Promise<number> {
  try {
    context.log.info(await deleteAsInput(context, input, context.clock.now() + input.deleteTimeoutMs));
    return HandlerExitCode.OK;
  } catch (error) {
    const { message, exitCode } =
      error instanceof CommandFailure
        ? { message: `${error.message} ${DELETE_FAILURE_CONSEQUENCE}`, exitCode: error.exitCode }
        : reportError(error, DELETE_FAILURE_CONSEQUENCE);
    context.log.error(message);
    return exitCode;
  }
}
