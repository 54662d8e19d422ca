/**
 * The error answers the emulator gives, with the codes and HTTP statuses of the real ENS API
 * (the ENS API reference pages and their error-code tables).
 */

/** Error codes the emulator answers with. */
export const EnsErrorCode = {
  MISSING_PARAMETER: "MissingParameter",
  INVALID_PARAMETER: "InvalidParameter",
  NO_PERMISSION: "NoPermission",
  PUB_KEY_NAME_EXISTED: "PubKeyNameExisted",
  PUB_KEY_NAME_NOT_EXIST: "PubKeyNameNotExist",
  PUB_KEY_ATTACHED_WITH_INSTANCE: "PubKeyAttachedWithInstance",
  INVALID_PUB_KEY_BODY: "InvalidPubKeyBody",
  INVALID_ACTION_NOT_FOUND: "InvalidAction.NotFound",
  INVALID_VERSION: "InvalidVersion",
  MISSING_SIGNATURE: "MissingSignature",
  INCOMPLETE_SIGNATURE: "IncompleteSignature",
  SIGNATURE_DOES_NOT_MATCH: "SignatureDoesNotMatch",
  SIGNATURE_NONCE_USED: "SignatureNonceUsed",
  INVALID_ACCESS_KEY_ID_NOT_FOUND: "InvalidAccessKeyId.NotFound",
  INVALID_SECURITY_TOKEN_MISMATCH: "InvalidSecurityToken.Mismatch",
  INVALID_SECURITY_TOKEN_MALFORMED: "InvalidSecurityToken.Malformed",
  INVALID_TIMESTAMP_FORMAT: "InvalidTimeStamp.Format",
  INVALID_TIMESTAMP_EXPIRED: "InvalidTimeStamp.Expired",
  THROTTLING_USER: "Throttling.User",
  SERVICE_UNAVAILABLE: "ServiceUnavailable",
  INTERNAL_ERROR: "InternalError",
  UNSUPPORTED_HTTP_METHOD: "UnsupportedHTTPMethod",
  REQUEST_TOO_LARGE: "RequestEntityTooLarge",
} as const;

/** An error code the emulator answers with. */
export type EnsErrorCode = (typeof EnsErrorCode)[keyof typeof EnsErrorCode];

/** An API error answer: thrown inside the emulator's request pipeline and rendered as the error JSON body. */
export class ApiError extends Error {
  /** The `Code` of the error body. */
  readonly code: string;
  /** The HTTP status of the answer. */
  readonly statusCode: number;
  /** Extra response headers (e.g. `x-acs-retry-after`). */
  readonly headers: Readonly<Record<string, string>>;

  /** @param headers extra response headers. @default none */
  constructor(statusCode: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = "ApiError";
    this.statusCode = statusCode;
    this.code = code;
    this.headers = headers;
  }
}

/** `InvalidParameter.<Name>` (400) for a business parameter with a bad value. */
export function invalidParameter(name: string, message: string): ApiError {
  return new ApiError(400, `${EnsErrorCode.INVALID_PARAMETER}.${name}`, message);
}

/** `MissingParameter` (400) for a required parameter that is absent. */
export function missingParameter(name: string, hint = ""): ApiError {
  return new ApiError(
    400,
    EnsErrorCode.MISSING_PARAMETER,
    `The input parameter "${name}" that is mandatory for processing this request is not supplied.${hint ? ` ${hint}` : ""}`,
  );
}
