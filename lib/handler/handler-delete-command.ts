/**
 * The handler's `delete` command (removal policy `destroy`): by KeyPairId for an adopted key pair with an ID;
 * otherwise by name, once DescribeKeyPairs has shown that the key pair under the name is this stack's
 * (key-pair-ownership.ts). A key pair that held the name before this stack claimed it, or that took the name after
 * this stack's was deleted out of band, is left alone. One DeleteKeyPairs is always sent for a key pair of this
 * stack, and answered `PubKeyNameNotExist` (or a refusal that DescribeKeyPairs then shows to mean "gone") when it is
 * already gone.
 *
 * A stack deployed by release 0.1 in create mode recorded neither a claim nor a fingerprint: it keeps that release's
 * single DeleteKeyPairs call.
 */
import type { EnsKeyPairSummary } from "../ens/ens-client";
import type { AttemptOutcome } from "../ens/ens-log";
import { CommandFailure } from "../process/command-failure";
import { alreadyDeletedReason, DeleteOutcome, deleteKeyPair } from "../key-pairs/delete-key-pair";
import { findKeyPair } from "../key-pairs/find-key-pair";
import type { HandlerContext } from "./handler-context";
import type { DeleteInput } from "./handler-input";
import { Ownership, ownershipOf } from "../key-pairs/key-pair-ownership";

/** What Terraform does after a failed delete. */
export const DELETE_FAILURE_CONSEQUENCE =
  "Nothing was deleted: Terraform keeps the key pair in state, and the next destroy retries.";

function summaryOf(key: string, outcome: DeleteOutcome): string {
  return outcome.kind === "deleted"
    ? `key pair ${key} deleted`
    : `key pair ${key} already deleted (${alreadyDeletedReason(outcome)})`;
}

/** Why a key pair under the name is left alone, for the warning. */
function leftAlone(input: DeleteInput, other: EnsKeyPairSummary, why: string): string {
  const key = JSON.stringify(input.keyPairName);
  const found = `KeyPairId ${other.keyPairId || "-"}, fingerprint ${other.fingerprint || "-"}, created ${other.creationTime || "-"}`;
  return why === "other-public-key"
    ? `key pair ${key} with fingerprint ${input.fingerprint} is already gone, and its name was reused by another key ` +
        `pair (${found}), which was left alone.`
    : `the key pair under the name ${key} (${found}) existed before this stack claimed the name at ` +
        `${new Date(input.claimedAtMs ?? 0).toISOString()}, so it is not this stack's and was left alone; this ` +
        "stack's own key pair was never created or is already gone.";
}

/** The DescribeKeyPairs attempt's outcome word for the key pair found under the name. */
function outcomeOf(ownership: Ownership): AttemptOutcome {
  if (ownership.kind !== "foreign") return "found";
  return ownership.why === "other-public-key" ? "name-reused" : "not-ours";
}

/** Deletes the key pair and returns the summary line. */
async function deleteAsInput(
  context: HandlerContext,
  input: DeleteInput,
  deadlineMs: number,
): Promise<string> {
  const { keyPairName, keyPairId } = input;
  const key = JSON.stringify(keyPairName);
  if (keyPairId) {
    const outcome = await deleteKeyPair(context, { keyPairId, keyPairName }, deadlineMs);
    return outcome.kind === "deleted"
      ? `key pair ${key} deleted (by KeyPairId ${keyPairId})`
      : `key pair ${key} already deleted (${alreadyDeletedReason(outcome, keyPairId)})`;
  }
  const evidence = {
    claimedAtMs: input.claimedAtMs,
    adoptExisting: input.adoptExisting,
    fingerprint: input.fingerprint,
  };
  const unguarded = evidence.claimedAtMs === undefined && evidence.fingerprint === undefined;
  if (!unguarded) {
    const existing = await findKeyPair(context, { keyPairName }, deadlineMs, (match) =>
      outcomeOf(ownershipOf(match, evidence)),
    );
    const ownership = existing && ownershipOf(existing, evidence);
    if (existing && ownership && ownership.kind === "foreign") {
      context.log.warn(leftAlone(input, existing, ownership.why));
      return `key pair ${key} already deleted (the key pair now under the name is not this stack's and was left alone)`;
    }
    if (existing && ownership && ownership.kind === "undecidable") {
      // Deleting could destroy someone else's key, and exiting 0 could leave ours behind: neither is safe to guess.
      throw new CommandFailure(
        `the key pair under the name ${key} (KeyPairId ${existing.keyPairId || "-"}) cannot be attributed to this ` +
          `stack: ${ownership.why}; nothing was deleted. If it is this stack's, delete it (\`ens-key-pair delete ` +
          `--name ${keyPairName}\`) and destroy again; if it is not, make Terraform forget this key pair ` +
          "(`terraform state rm` on its resources).",
      );
    }
  }
  // This stack's key pair, or none: the one DeleteKeyPairs call (answered PubKeyNameNotExist when already gone).
  return summaryOf(key, await deleteKeyPair(context, { keyPairName }, deadlineMs));
}

/**
 * Runs the `delete` command (removal policy `destroy`). Its failures are thrown, for the process boundary
 * (run-handler.ts) to report together with what Terraform does next (DELETE_FAILURE_CONSEQUENCE).
 *
 * @throws CommandFailure, ActionFailedError and other errors that end the run
 */
export async function runDeleteCommand(context: HandlerContext, input: DeleteInput): Promise<void> {
  context.log.info(await deleteAsInput(context, input, context.clock.now() + input.deleteTimeoutMs));
}
