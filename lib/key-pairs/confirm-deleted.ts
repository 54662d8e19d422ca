/**
 * Confirming a refused DeleteKeyPairs by reading the key pair back. No page says which code DeleteKeyPairs answers
 * for a key pair that does not exist (by name, and even less by KeyPairId): `PubKeyNameNotExist` is a guess from the
 * error table that all key pair pages share, and ENS might answer `InvalidParameter.KeyPairName`, another code, or
 * plain success. So a refusal whose code does not explain itself is checked with DescribeKeyPairs (by ID when the
 * delete was by ID): a key pair that is gone means the desired state holds.
 *
 * Not confirmed, because the code says what happened: throttling and other transient failures (retried until the
 * deadline instead), credential rejections, `NoPermission`, and `PubKeyAttachedWithInstance` (the key pair exists).
 * This lookup runs only on that failure path: a successful delete stays one DeleteKeyPairs call.
 */
import { EnsApiError } from "../ens/ens-errors";
import { describeError, isCredentialRejection } from "../ens/describe-error";
import type { EnsKeyPairSummary } from "../ens/ens-client";
import { ActionFailedError } from "../ens/logged-action";
import { findKeyPair } from "./find-key-pair";
import { KeyPairContext, KeyPairTarget, labelOf } from "./key-pair-context";

/** Codes that say by themselves why a delete was refused: never confirmed by a lookup. */
const SELF_EXPLAINING_CODES: ReadonlySet<string> = new Set(["NoPermission", "PubKeyAttachedWithInstance"]);

/** A DeleteKeyPairs that gave up on an API answer whose code does not say whether the key pair exists. */
type UnexplainedRefusal = ActionFailedError & { readonly cause: EnsApiError };

/**
 * True when `error` is a DeleteKeyPairs refusal to confirm by a lookup: the retry loop stopped on a non-retryable
 * API answer (parameter errors, unknown codes, errors inside HTTP 200 answers, ENS's interface errors) that is
 * neither a credential rejection nor self-explaining.
 */
export function isUnexplainedRefusal(error: unknown): error is UnexplainedRefusal {
  if (!(error instanceof ActionFailedError) || error.retries.reason !== "not-retryable") return false;
  const cause = error.cause;
  return (
    cause instanceof EnsApiError &&
    !isCredentialRejection(cause.code) &&
    !SELF_EXPLAINING_CODES.has(cause.code)
  );
}

/**
 * Looks the key pair up after `refusal` (`target` as the delete was sent: by ID when it was by ID) and says whether it is gone. A lookup that
 * fails counts as "not confirmed": the refusal stands, and a warning says why it could not be confirmed.
 */
export async function confirmedGone(
  context: KeyPairContext,
  target: KeyPairTarget,
  refusal: UnexplainedRefusal,
  deadlineMs: number,
): Promise<boolean> {
  const which =
    target.keyPairId === undefined
      ? `key pair ${JSON.stringify(labelOf(target))}`
      : `the key pair with KeyPairId ${target.keyPairId}`;
  const answered = `DeleteKeyPairs answered ${describeError(refusal.cause)}`;
  let found: EnsKeyPairSummary | undefined;
  try {
    found = await findKeyPair(context, target, deadlineMs);
  } catch (error) {
    const cause = error instanceof ActionFailedError ? error.cause : error;
    context.log.warn(
      `could not tell whether ${which} is gone after ${answered}: DescribeKeyPairs failed too ` +
        `(${describeError(cause)}), so the delete counts as failed.`,
    );
    return false;
  }
  if (found) {
    context.log.info(
      `${which} still exists (KeyPairId ${found.keyPairId || "-"}), as DescribeKeyPairs shows, so the answer ` +
        `${refusal.cause.code} to DeleteKeyPairs counts as a failure.`,
    );
    return false;
  }
  context.log.info(
    `${which} is gone, as DescribeKeyPairs shows, although ${answered}: counted as already deleted. The ENS docs ` +
      "do not say which code DeleteKeyPairs answers for a missing key pair; this code and RequestId are worth reporting.",
  );
  return true;
}
