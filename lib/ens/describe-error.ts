/**
 * One ENS error in words, for log lines and messages (code, API message, HTTP status, RequestId; or what went wrong
 * on the wire), and which codes mean the credentials were rejected. No verdict on what the user should do: that is
 * the process layer's (lib/process/failure-report.ts).
 */
import { EnsApiError, EnsTransportError, TransportFailureKind } from "./ens-errors";

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
