/**
 * What a failed ENS action means for the user: one actionable sentence per error code family (the design's
 * "Outcomes by error code" table) and the exit code. Success-like codes (`PubKeyNameNotExist` on delete) are
 * handled by the action itself and never reach this table.
 */
import { HandlerExitCode } from "../shared/handler-contract";
import { ramActionOf } from "./ens-actions";
import { ConfigurationError } from "./configuration-error";
import { EnsApiError, EnsTransportError, TransportFailureKind } from "./ens-errors";
import { ActionFailedError } from "./logged-action";

/** Appends the consequence sentence, if any. */
function ending(text: string, consequence: string): string {
  return consequence ? `${text} ${consequence}` : text;
}

/** A failure, ready to print. */
export interface FailureReport {
  /** The `ens-key-pair: error:` message (ends with the consequence the caller passed). */
  readonly message: string;
  /** The process exit code. */
  readonly exitCode: number;
}

/** True for codes that mean the credentials themselves were rejected (never retried). */
export function isCredentialRejection(code: string): boolean {
  return (
    code.startsWith("InvalidAccessKeyId") ||
    code === "SignatureDoesNotMatch" ||
    code.startsWith("InvalidSecurityToken")
  );
}

const TRANSPORT_DESCRIPTIONS: Readonly<Record<TransportFailureKind, string>> = {
  reset: "the connection was reset before an answer arrived",
  refused: "the endpoint refused the connection",
  unreachable: "the endpoint's network is unreachable",
  "connect-timeout": "no connection could be made within the connect timeout",
  "read-timeout": "no answer arrived within the read timeout",
  "bad-response": "the answer was not what the ENS API sends",
  dns: "the endpoint's host name does not resolve",
};

/** One error, described for a message: code, API message, HTTP status and RequestId. */
export function describeError(error: unknown): string {
  if (error instanceof EnsApiError) {
    return `${error.code}: ${error.apiMessage} (HTTP ${error.statusCode}, RequestId ${error.requestId ?? "-"})`;
  }
  if (error instanceof EnsTransportError)
    return `${TRANSPORT_DESCRIPTIONS[error.kind]} (${error.code}: ${error.message})`;
  return error instanceof Error ? error.message : String(error);
}

/** The parameter an `InvalidParameter.<Name>` / `MissingParameter[.<Name>]` error is about. */
function parameterOf(error: EnsApiError): string {
  const suffix = error.code.split(".").slice(1).join(".");
  if (suffix) return suffix;
  const named = /\b(KeyPairName|KeyPairId|PublicKeyBody|PageNumber|PageSize)\b/.exec(error.apiMessage);
  return named ? named[1] : "(not named by the API; see its message)";
}

/** Milliseconds below this read as "… ms"; from it, as seconds with one decimal (999 ms of a 1 s timeout reads 1.0 s). */
const SECONDS_FROM_MS = 995;

function duration(ms: number): string {
  return ms < SECONDS_FROM_MS ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function apiRefusal(failure: ActionFailedError, error: EnsApiError): { text: string; exitCode: number } {
  const { action, keyPairName } = failure;
  const key = JSON.stringify(keyPairName);
  const detail = describeError(error);
  if (error.code === "NoPermission") {
    const ram = ramActionOf(action);
    return {
      text:
        `the caller lacks the RAM permission ${ram}, so ${action} was refused for key pair ${key} (${detail}). ` +
        `Grant ${ram} to the RAM user or role whose credentials run cdktf/terraform.`,
      exitCode: HandlerExitCode.FAILED,
    };
  }
  if (error.code === "PubKeyAttachedWithInstance") {
    return {
      text:
        `key pair ${key} is still attached to one or more ENS instances, so ENS refuses to delete it (${detail}). ` +
        "Detach the key pair from those instances, or delete them first.",
      exitCode: HandlerExitCode.FAILED,
    };
  }
  if (isCredentialRejection(error.code)) {
    const fix = error.code.startsWith("InvalidAccessKeyId")
      ? "the access key ID is unknown or disabled: check which access key is configured"
      : error.code === "SignatureDoesNotMatch"
        ? "the signature does not match: the access key secret is wrong for this access key ID"
        : "the STS security token is invalid or expired: obtain a fresh token";
    return {
      text: `${action} for key pair ${key} was rejected because of the credentials (${detail}); ${fix}. It was not retried.`,
      exitCode: HandlerExitCode.INVALID_INPUT,
    };
  }
  if (error.code.startsWith("MissingParameter") || error.code.startsWith("InvalidParameter")) {
    return {
      text: `${action} rejected parameter ${parameterOf(error)} for key pair ${key} (${detail}). Check that value.`,
      exitCode: HandlerExitCode.FAILED,
    };
  }
  return { text: `${action} failed for key pair ${key}: ${detail}.`, exitCode: HandlerExitCode.FAILED };
}

/**
 * Describes an action that gave up.
 *
 * @param consequence what happens next (e.g. what Terraform does with the resource), appended to the message;
 *   "" for none
 */
export function reportActionFailure(failure: ActionFailedError, consequence: string): FailureReport {
  const { reason, attempts, elapsedMs, budgetMs } = failure.retries;
  const cause = failure.cause;
  // An attempt that itself ran another action (ImportKeyPair looking the name up) fails with that action's failure.
  if (cause instanceof ActionFailedError) return reportActionFailure(cause, consequence);
  const key = JSON.stringify(failure.keyPairName);
  if (reason === "deadline") {
    return {
      message:
        `${failure.action} for key pair ${key} did not succeed within its ${duration(budgetMs)} deadline: ` +
        `${attempts} attempts over ${duration(elapsedMs)} (the next retry would have started after it), ` +
        ending(`the last one failed with ${describeError(cause)}.`, consequence),
      exitCode: HandlerExitCode.FAILED,
    };
  }
  if (cause instanceof EnsApiError) {
    const { text, exitCode } = apiRefusal(failure, cause);
    return { message: ending(text, consequence), exitCode };
  }
  const prefix = cause instanceof EnsTransportError ? "could not reach the ENS API" : "failed unexpectedly";
  return {
    message: ending(`${failure.action} for key pair ${key} ${prefix}: ${describeError(cause)}.`, consequence),
    exitCode: HandlerExitCode.FAILED,
  };
}

/** Describes any error that ends a run (action failures, configuration errors, bugs). */
export function reportError(error: unknown, consequence: string): FailureReport {
  if (error instanceof ActionFailedError) return reportActionFailure(error, consequence);
  if (error instanceof ConfigurationError) {
    return { message: ending(error.message, consequence), exitCode: HandlerExitCode.INVALID_INPUT };
  }
  return { message: ending(describeError(error), consequence), exitCode: HandlerExitCode.FAILED };
}
