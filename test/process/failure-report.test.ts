/**
 * The outcome table for failed actions: every code family gets its actionable message and exit code, and every
 * message ends with the consequence the caller gives.
 */
import { ConfigurationError } from "../../lib/ens/configuration-error";
import { EnsAction } from "../../lib/ens/ens-actions";
import { EnsApiError, EnsTransportError } from "../../lib/ens/ens-errors";
import { EnsLog } from "../../lib/ens/ens-log";
import { isCredentialRejection } from "../../lib/ens/describe-error";
import { reportActionFailure, reportError } from "../../lib/process/failure-report";
import { ActionFailedError } from "../../lib/ens/logged-action";
import { GiveUpReason, RetriesExhaustedError } from "../../lib/ens/retry";
import { HandlerExitCode } from "../../lib/shared/handler-contract";

const CONSEQUENCE = "Terraform keeps the key pair in state, and the next destroy retries.";
const KEY = "my-key";

function failed(
  cause: unknown,
  options: {
    action?: EnsAction;
    reason?: GiveUpReason;
    attempts?: number;
    elapsedMs?: number;
    budgetMs?: number;
  } = {},
): ActionFailedError {
  const earlier = Array(Math.max(0, (options.attempts ?? 1) - 1)).fill(cause);
  const retries = new RetriesExhaustedError({
    reason: options.reason ?? "not-retryable",
    failures: [...earlier, cause],
    elapsedMs: options.elapsedMs ?? 12_345,
    budgetMs: options.budgetMs ?? 300_000,
  });
  return new ActionFailedError(
    {
      action: options.action ?? EnsAction.DELETE_KEY_PAIRS,
      keyPairName: KEY,
      log: new EnsLog(() => undefined),
      deadlineMs: 0,
    },
    retries,
  );
}

function apiError(code: string, apiMessage = "The message.", statusCode = 400): EnsApiError {
  return new EnsApiError({ code, statusCode, apiMessage, requestId: "REQ-1" });
}

describe("reportActionFailure", () => {
  test("NoPermission names the failing action's RAM permission", () => {
    for (const action of [EnsAction.DELETE_KEY_PAIRS, EnsAction.CREATE_KEY_PAIR]) {
      const report = reportActionFailure(failed(apiError("NoPermission"), { action }), CONSEQUENCE);

      expect(report.exitCode).toBe(HandlerExitCode.FAILED);
      expect(report.message).toContain(`the caller lacks the RAM permission ens:${action}`);
      expect(report.message).toContain(`Grant ens:${action} to the RAM user or role`);
      expect(report.message).toContain("RequestId REQ-1");
    }
  });

  test("PubKeyAttachedWithInstance says which key and that instances still use it", () => {
    const report = reportActionFailure(failed(apiError("PubKeyAttachedWithInstance")), CONSEQUENCE);

    expect(report.exitCode).toBe(HandlerExitCode.FAILED);
    expect(report.message).toContain(`key pair "${KEY}" is still attached to one or more ENS instances`);
    expect(report.message).toContain("Detach the key pair from those instances, or delete them first");
  });

  test.each([
    ["InvalidAccessKeyId.NotFound", "the access key ID is unknown or disabled"],
    ["InvalidAccessKeyId.Inactive", "the access key ID is unknown or disabled"],
    ["SignatureDoesNotMatch", "the access key secret is wrong"],
    ["InvalidSecurityToken.Expired", "the STS security token is invalid or expired"],
    ["InvalidSecurityToken.Mismatch", "the STS security token is invalid or expired"],
  ])("%s is a credential problem, never retried, exit 2", (code, fix) => {
    const report = reportActionFailure(failed(apiError(code)), CONSEQUENCE);

    expect(isCredentialRejection(code)).toBe(true);
    expect(report.exitCode).toBe(HandlerExitCode.INVALID_INPUT);
    expect(report.message).toContain("was rejected because of the credentials");
    expect(report.message).toContain(fix);
    expect(report.message).toContain("It was not retried.");
  });

  test.each([
    ["InvalidParameter.KeyPairName", "The message.", "parameter KeyPairName"],
    ["MissingParameter", "KeyPairName is mandatory for this action.", "parameter KeyPairName"],
    ["InvalidParameter", "The errorMessage is odd.", "parameter (not named by the API; see its message)"],
  ])("%s names the parameter", (code, apiMessage, named) => {
    const report = reportActionFailure(failed(apiError(code, apiMessage)), CONSEQUENCE);

    expect(report.exitCode).toBe(HandlerExitCode.FAILED);
    expect(report.message).toContain(`DeleteKeyPairs rejected ${named}`);
    expect(report.message).toContain(code);
  });

  test("any other code is reported with its code, message, HTTP status and RequestId", () => {
    const report = reportActionFailure(
      failed(apiError("ens.interface.error", "Call Interface Happen Error.")),
      CONSEQUENCE,
    );

    expect(report.exitCode).toBe(HandlerExitCode.FAILED);
    expect(report.message).toContain(
      `DeleteKeyPairs failed for key pair "${KEY}": ens.interface.error: Call Interface Happen Error. (HTTP 400, RequestId REQ-1).`,
    );
  });

  test("a deadline says how many attempts over how long, and the last error", () => {
    const report = reportActionFailure(
      failed(apiError("Throttling.User"), { reason: "deadline", attempts: 7 }),
      CONSEQUENCE,
    );

    expect(report.exitCode).toBe(HandlerExitCode.FAILED);
    expect(report.message).toContain("did not succeed within its 300.0 s deadline: 7 attempts over 12.3 s");
    expect(report.message).toContain("the last one failed with Throttling.User");
  });

  test("a 1 s deadline that had 999 ms left at the first attempt still reads 1.0 s; shorter spans read in ms", () => {
    const report = reportActionFailure(
      failed(apiError("Throttling.User"), { reason: "deadline", attempts: 4, elapsedMs: 584, budgetMs: 999 }),
      CONSEQUENCE,
    );

    expect(report.message).toContain("did not succeed within its 1.0 s deadline: 4 attempts over 584 ms");
  });

  test("a non-retryable transport failure says the API could not be reached", () => {
    const report = reportActionFailure(
      failed(new EnsTransportError("dns", "ENOTFOUND", "getaddrinfo ENOTFOUND ens.example")),
      CONSEQUENCE,
    );

    expect(report.message).toContain(
      "could not reach the ENS API: the endpoint's host name does not resolve (ENOTFOUND",
    );
  });

  test("a failure inside an attempt that ran another action is reported as that action's failure", () => {
    const inner = failed(apiError("NoPermission"), { action: EnsAction.DESCRIBE_KEY_PAIRS });

    const report = reportActionFailure(failed(inner, { action: EnsAction.IMPORT_KEY_PAIR }), CONSEQUENCE);

    expect(report.message).toContain("ens:DescribeKeyPairs");
  });

  test("every message ends with the consequence", () => {
    const causes = [
      apiError("NoPermission"),
      apiError("PubKeyAttachedWithInstance"),
      apiError("SignatureDoesNotMatch"),
      apiError("InvalidParameter.KeyPairName"),
      apiError("Other"),
      new EnsTransportError("dns", "ENOTFOUND", "x"),
      new Error("bug"),
    ];
    for (const cause of causes) {
      expect(reportActionFailure(failed(cause), CONSEQUENCE).message.endsWith(` ${CONSEQUENCE}`)).toBe(true);
    }
  });
});

describe("reportError", () => {
  test("configuration errors exit 2 with their own message", () => {
    const report = reportError(new ConfigurationError("Invalid thing."), CONSEQUENCE);

    expect(report).toEqual({
      message: `Invalid thing. ${CONSEQUENCE}`,
      exitCode: HandlerExitCode.INVALID_INPUT,
    });
  });

  test("anything else exits 1", () => {
    expect(reportError(new Error("boom"), "")).toEqual({ message: "boom", exitCode: HandlerExitCode.FAILED });
  });
});
