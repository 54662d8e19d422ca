/**
 * `ens-key-pair delete (--name NAME | --id ID) [--dry-run] [--timeout SECONDS]`: the handler's own delete (same
 * retries, `PubKeyNameNotExist` = already deleted, an unexplained refusal confirmed by DescribeKeyPairs, same failure
 * messages), or with --dry-run only a lookup.
 */
import { alreadyDeletedReason, deleteKeyPair, deleteKeyPairById } from "../handler/delete-key-pair";
import { findKeyPair } from "../handler/find-key-pair";
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
  const byId = "keyPairId" in target ? { keyPairId: target.keyPairId } : {};
  const label = "keyPairName" in target ? target.keyPairName : target.keyPairId;
  const keyPair = await findKeyPair(context.client, { ...context, keyPairName: label, deadlineMs }, byId);
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
  const outcome =
    "keyPairName" in target
      ? await deleteKeyPair(context, target.keyPairName, deadlineMs)
      : await deleteKeyPairById(context, { keyPairId: target.keyPairId }, deadlineMs);
  context.log.info(
    outcome.kind === "deleted"
      ? `${described(target)} deleted`
      : `${described(target)} already deleted (${alreadyDeletedReason(outcome)})`,
  );
  return CliExitCode.OK;
}
