import { ApiError, EnsErrorCode } from "./api-error";
import { CredentialStore } from "./credential-store";
import { NonceCache } from "./nonce-cache";
import { SignedRequest } from "./signed-request";

/** What `authenticate` checks against. */
export interface Authority {
  /** Accepted AccessKeys. */
  readonly credentials: CredentialStore;
  /** Nonces already used. */
  readonly nonces: NonceCache;
  /** Largest accepted difference between the request's timestamp and now, in seconds. */
  readonly maxClockSkewSeconds: number;
  /** The current time, epoch milliseconds. */
  readonly nowMs: () => number;
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

function authError(statusCode: number, code: string, message: string): ApiError {
  return new ApiError(statusCode, code, message);
}

/**
 * Checks a request's signature, credential, STS token, timestamp and nonce, in that order.
 *
 * @throws ApiError with the code the real API uses for the first problem found
 */
export function authenticate(request: SignedRequest, authority: Authority): void {
  if (request.signatureMethod === "none" && request.incomplete === undefined) {
    throw authError(
      400,
      EnsErrorCode.MISSING_SIGNATURE,
      "The request is not signed. Sign it with ACS3-HMAC-SHA256 (Authorization header) or HMAC-SHA1 (Signature parameter).",
    );
  }
  if (request.incomplete !== undefined || !request.accessKeyId) {
    throw authError(
      400,
      EnsErrorCode.INCOMPLETE_SIGNATURE,
      request.incomplete ?? "The request names no AccessKey ID.",
    );
  }
  const credential = authority.credentials.get(request.accessKeyId);
  if (!credential) {
    throw authError(
      404,
      EnsErrorCode.INVALID_ACCESS_KEY_ID_NOT_FOUND,
      `Specified access key is not found: ${JSON.stringify(request.accessKeyId)}. Use the emulator's credentials (EnsEmulator.credentials or env()).`,
    );
  }
  const mismatch = request.checkSignature(credential.accessKeySecret);
  if (mismatch !== undefined) throw authError(400, EnsErrorCode.SIGNATURE_DOES_NOT_MATCH, mismatch);
  checkSecurityToken(request.securityToken, credential.securityToken);
  const nowMs = authority.nowMs();
  const signedAtMs = checkTimestamp(request.timestamp ?? "", nowMs, authority.maxClockSkewSeconds);
  const expiresAtMs = signedAtMs + authority.maxClockSkewSeconds * 1000;
  if (!authority.nonces.use(request.accessKeyId, request.nonce ?? "", nowMs, expiresAtMs)) {
    throw authError(
      400,
      EnsErrorCode.SIGNATURE_NONCE_USED,
      `Specified signature nonce ${JSON.stringify(request.nonce)} was used already. Send a fresh nonce with every request.`,
    );
  }
}

function checkSecurityToken(sent: string | undefined, expected: string | undefined): void {
  if (expected === undefined && sent === undefined) return;
  if (expected !== undefined && !sent) {
    throw authError(
      400,
      EnsErrorCode.INVALID_SECURITY_TOKEN_MALFORMED,
      "The AccessKey is an STS credential, but the request carries no security token. Send the STS security token with the request.",
    );
  }
  if (sent !== expected) {
    throw authError(
      400,
      EnsErrorCode.INVALID_SECURITY_TOKEN_MISMATCH,
      "The security token does not belong to this AccessKey. Use the token issued together with the AccessKey.",
    );
  }
}

function checkTimestamp(timestamp: string, nowMs: number, maxClockSkewSeconds: number): number {
  const signedAtMs = TIMESTAMP.test(timestamp) ? Date.parse(timestamp) : NaN;
  if (Number.isNaN(signedAtMs)) {
    throw authError(
      400,
      EnsErrorCode.INVALID_TIMESTAMP_FORMAT,
      `Specified time stamp ${JSON.stringify(timestamp)} is not in the format yyyy-MM-ddTHH:mm:ssZ (UTC).`,
    );
  }
  const skewSeconds = Math.abs(nowMs - signedAtMs) / 1000;
  if (skewSeconds > maxClockSkewSeconds) {
    throw authError(
      400,
      EnsErrorCode.INVALID_TIMESTAMP_EXPIRED,
      `Specified time stamp ${timestamp} is ${Math.round(skewSeconds)} s away from the server time ` +
        `${new Date(nowMs).toISOString()}; at most ${maxClockSkewSeconds} s is allowed. Check the clock.`,
    );
  }
  return signedAtMs;
}
