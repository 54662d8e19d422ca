/**
 * `ens-key-pair delete (--name NAME | --id ID) [--dry-run] [--timeout SECONDS]`: the handler's own delete (same
 * retries, `PubKeyNameNotExist` = already deleted, an unexplained refusal confirmed by DescribeKeyPairs, same failure
 * messages), or with --dry-run only a lookup.
 */
import { alreadyDeletedReason, deleteKeyPair } from "../key-pairs/delete-key-pair";
import { findKeyPair } from "../key-pairs/find-key-pair";
import type { DeleteRequest } from "./cli-arguments";
import type { CliContext } from "./cli-context";
import { CliExitCode } from "./cli-exit-code";
import { keyPairTable } from "./key-pair-output";

/** Appended to a failed delete's message. */
export const CLI_DELETE_FAILURE_CONSEQUENCE = "Nothing was deleted.";

/** How the key pair is named in messages: by name, or by ID when only that is known. */
function described(target: DeleteRequest["target"]): string {
  return "keyPairName" in target
    ? `key pair ${JSON.stringify(target.keyPairName)}`
    : `the key pair with KeyPairId ${target.keyPairId}`;
}

async function dryRun(context: CliContext, request: DeleteRequest, deadlineMs: number): Promise<number> {
  const { target } = request;
  const keyPair = await findKeyPair(context, target, deadlineMs);
  if (!keyPair) {
    context.log.info(
      `dry run: ${described(target)} does not exist, so delete would report it as already deleted; nothing was deleted`,
    );
    return CliExitCode.OK;
  }
  context.print(keyPairTable([keyPair]));
  context.log.info(
    `dry run: would delete key pair ${JSON.stringify(keyPair.keyPairName)} (KeyPairId ${keyPair.keyPairId || "-"}); ` +
      "nothing was deleted",
  );
  return CliExitCode.OK;
}

/**
 * Runs `delete`.
 *
 * @returns the exit code
 * @throws ActionFailedError when an API call gives up
 */
export async function deleteCommand(context: CliContext, request: DeleteRequest): Promise<number> {
  const deadlineMs = context.clock.now() + request.timeoutMs;
  if (request.dryRun) return dryRun(context, request, deadlineMs);
  const { target } = request;
  const outcome = await deleteKeyPair(context, target, deadlineMs);
  context.log.info(
    outcome.kind === "deleted"
      ? `${described(target)} deleted`
      : `${described(target)} already deleted (${alreadyDeletedReason(outcome)})`,
  );
  return CliExitCode.OK;
}
