/**
 * What an error that ends a process means for the user, for the handler and the CLI alike: one actionable sentence
 * per error code family (API_REFUSALS), the sentence about what happens next, and the exit code. Success-like codes
 * (`PubKeyNameNotExist` on delete) are handled by the action itself and never reach this table.
 */
import { ConfigurationError } from "../ens/configuration-error";
import { describeError, isCredentialRejection } from "../ens/describe-error";
import { ramActionOf } from "../ens/ens-actions";
import { EnsApiError, EnsTransportError } from "../ens/ens-errors";
import { ActionFailedError } from "../ens/logged-action";
import { HandlerExitCode } from "../shared/handler-contract";
import { CommandFailure } from "./command-failure";

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

/** One family of API refusals: which codes it holds, what to tell the user, and the exit code. */
interface ApiRefusal {
  readonly matches: (code: string) => boolean;
  /** The sentence, given the action, the quoted key pair name, the error and its description. */
  readonly text: (
    action: ActionFailedError["action"],
    key: string,
    error: EnsApiError,
    detail: string,
  ) => string;
  readonly exitCode: number;
}

function credentialFix(code: string): string {
  if (code.startsWith("InvalidAccessKeyId"))
    return "the access key ID is unknown or disabled: check which access key is configured";
  if (code === "SignatureDoesNotMatch")
    return "the signature does not match: the access key secret is wrong for this access key ID";
  return "the STS security token is invalid or expired: obtain a fresh token";
}

/** The refusal families, first match wins; the last one takes any code. */
const API_REFUSALS: readonly ApiRefusal[] = [
  {
    matches: (code) => code === "NoPermission",
    text: (action, key, _error, detail) =>
      `the caller lacks the RAM permission ${ramActionOf(action)}, so ${action} was refused for key pair ${key} ` +
      `(${detail}). Grant ${ramActionOf(action)} to the RAM user or role whose credentials run cdktf/terraform.`,
    exitCode: HandlerExitCode.FAILED,
  },
  {
    matches: (code) => code === "PubKeyAttachedWithInstance",
    text: (_action, key, _error, detail) =>
      `key pair ${key} is still attached to one or more ENS instances, so ENS refuses to delete it (${detail}). ` +
      "Detach the key pair from those instances, or delete them first.",
    exitCode: HandlerExitCode.FAILED,
  },
  {
    matches: isCredentialRejection,
    text: (action, key, error, detail) =>
      `${action} for key pair ${key} was rejected because of the credentials (${detail}); ` +
      `${credentialFix(error.code)}. It was not retried.`,
    exitCode: HandlerExitCode.INVALID_INPUT,
  },
  {
    matches: (code) => code.startsWith("MissingParameter") || code.startsWith("InvalidParameter"),
    text: (action, key, error, detail) =>
      `${action} rejected parameter ${parameterOf(error)} for key pair ${key} (${detail}). Check that value.`,
    exitCode: HandlerExitCode.FAILED,
  },
  {
    matches: () => true,
    text: (action, key, _error, detail) => `${action} failed for key pair ${key}: ${detail}.`,
    exitCode: HandlerExitCode.FAILED,
  },
];

function apiRefusal(failure: ActionFailedError, error: EnsApiError): { text: string; exitCode: number } {
  const refusal = API_REFUSALS.find(({ matches }) => matches(error.code)) as ApiRefusal;
  const text = refusal.text(failure.action, JSON.stringify(failure.keyPairName), error, describeError(error));
  return { text, exitCode: refusal.exitCode };
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

/**
 * Describes any error that ends a run: a command's own final failure, action failures, configuration errors, bugs.
 *
 * @param consequence what happens next, appended to the message; "" for none
 */
export function reportError(error: unknown, consequence: string): FailureReport {
  if (error instanceof CommandFailure) {
    return { message: ending(error.message, consequence), exitCode: error.exitCode };
  }
  if (error instanceof ActionFailedError) return reportActionFailure(error, consequence);
  if (error instanceof ConfigurationError) {
    return { message: ending(error.message, consequence), exitCode: HandlerExitCode.INVALID_INPUT };
  }
  return { message: ending(describeError(error), consequence), exitCode: HandlerExitCode.FAILED };
}
