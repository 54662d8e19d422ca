/**
 * The two ways an ENS call fails, normalized from whatever the SDK threw: the API answered with an error
 * (`EnsApiError`), or no usable answer arrived (`EnsTransportError`). Retry and outcome decisions look only at
 * these shapes, never at SDK classes.
 */

/** The API answered with an error body (`Code`, `Message`, `RequestId`). */
export class EnsApiError extends Error {
  /** The error `Code`, e.g. `PubKeyNameNotExist` or `Throttling.User`. */
  public readonly code: string;
  /** The HTTP status of the answer. */
  public readonly statusCode: number;
  /** The API's `Message`. */
  public readonly apiMessage: string;
  /** The `RequestId` of the answer, when it had one. */
  public readonly requestId?: string;
  /** How long the API asked us to wait before retrying (`x-acs-retry-after`), in milliseconds. */
  public readonly retryAfterMs?: number;

  constructor(fields: {
    readonly code: string;
    readonly statusCode: number;
    readonly apiMessage: string;
    readonly requestId?: string;
    readonly retryAfterMs?: number;
  }) {
    super(
      `${fields.code}: ${fields.apiMessage} (HTTP ${fields.statusCode}, RequestId ${fields.requestId ?? "-"})`,
    );
    this.name = "EnsApiError";
    this.code = fields.code;
    this.statusCode = fields.statusCode;
    this.apiMessage = fields.apiMessage;
    this.requestId = fields.requestId;
    this.retryAfterMs = fields.retryAfterMs;
  }
}

/**
 * What went wrong on the wire.
 * - `reset`: the connection broke after the request was sent (the server may have acted on it).
 * - `refused` / `unreachable`: the request never reached the server.
 * - `connect-timeout`: no connection within the connect timeout (never reached the server).
 * - `read-timeout`: no complete answer within the read timeout (the server may have acted on it).
 * - `bad-response`: an answer arrived but was not what the API sends: not JSON (e.g. a proxy's error page), or a
 *   success lacking a field it always carries (code `IncompleteAnswer`; the server may have acted on it).
 * - `dns`: the endpoint's host name does not resolve.
 */
export type TransportFailureKind =
  "reset" | "refused" | "unreachable" | "connect-timeout" | "read-timeout" | "bad-response" | "dns";

/** No usable answer arrived. */
export class EnsTransportError extends Error {
  /** What went wrong. */
  public readonly kind: TransportFailureKind;
  /** The system error code (`ECONNRESET`, ...) or a short label (`ReadTimeout`, `BadResponse`, `IncompleteAnswer`). */
  public readonly code: string;

  constructor(kind: TransportFailureKind, code: string, message: string) {
    super(message);
    this.name = "EnsTransportError";
    this.kind = kind;
    this.code = code;
  }
}

/** An ENS call failure. */
type EnsCallError = EnsApiError | EnsTransportError;

/** True when `error` is an API answer with the given code. */
export function isApiErrorCode(error: unknown, code: string): error is EnsApiError {
  return error instanceof EnsApiError && error.code === code;
}

const KIND_BY_SYSTEM_CODE: Readonly<Record<string, TransportFailureKind>> = {
  ECONNRESET: "reset",
  EPIPE: "reset",
  ECONNABORTED: "reset",
  ECONNREFUSED: "refused",
  EHOSTUNREACH: "unreachable",
  ENETUNREACH: "unreachable",
  EAI_AGAIN: "dns",
  ENOTFOUND: "dns",
  ETIMEDOUT: "read-timeout",
  ESOCKETTIMEDOUT: "read-timeout",
};

interface SdkErrorFields {
  readonly name?: unknown;
  readonly code?: unknown;
  readonly statusCode?: unknown;
  readonly message?: unknown;
  readonly requestId?: unknown;
  readonly retryAfter?: unknown;
  readonly data?: unknown;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" && value !== "undefined" ? value : undefined;
}

function apiMessageOf(fields: SdkErrorFields): string {
  const data = fields.data as { Message?: unknown; message?: unknown } | undefined;
  return text(data?.Message) ?? text(data?.message) ?? text(fields.message) ?? "(no message)";
}

/**
 * Normalizes what `@alicloud/openapi-core` throws. Errors that are neither an API answer nor a known transport
 * failure (a bug, a credentials provider failing) are returned unchanged.
 */
export function normalizeEnsError(error: unknown): EnsCallError | Error {
  if (error instanceof EnsApiError || error instanceof EnsTransportError) return error;
  // Duck-typed, not `instanceof Error`: Node's own socket errors may come from another realm (e.g. under jest).
  if (typeof error !== "object" || error === null || typeof (error as Error).message !== "string") {
    return new Error(String(error));
  }
  const fields = error as SdkErrorFields;
  // The SDK's HTTP layer glues "POST http://… failed." straight onto Node's message; keep them apart.
  const message = (error as Error).message.replace(/(?<=\S)(?=(?:GET|POST) https?:\/\/)/, " ");
  const name = typeof fields.name === "string" ? fields.name : "";
  // SDK errors for HTTP 4xx/5xx answers (ClientError, ServerError, ThrottlingError) carry the status.
  if (typeof fields.statusCode === "number" && fields.statusCode >= 400 && text(fields.code)) {
    const retryAfter = fields.retryAfter;
    return new EnsApiError({
      code: String(fields.code),
      statusCode: fields.statusCode,
      apiMessage: apiMessageOf(fields),
      requestId: text(fields.requestId),
      // openapi-core passes x-acs-retry-after through as a number and its own retry loop sleeps that many
      // milliseconds (darabonba getBackoffDelay), so the header is in milliseconds.
      retryAfterMs: typeof retryAfter === "number" && retryAfter > 0 ? retryAfter : undefined,
    });
  }
  if (name.startsWith("RequestTimeout")) {
    const connect = message.startsWith("ConnectTimeout");
    return new EnsTransportError(
      connect ? "connect-timeout" : "read-timeout",
      connect ? "ConnectTimeout" : "ReadTimeout",
      message,
    );
  }
  const systemCode = text(fields.code);
  if (systemCode && KIND_BY_SYSTEM_CODE[systemCode]) {
    return new EnsTransportError(KIND_BY_SYSTEM_CODE[systemCode], systemCode, message);
  }
  if (/socket hang up/i.test(message)) return new EnsTransportError("reset", "ECONNRESET", message);
  // The SDK parses every answer as JSON; a non-JSON answer (a proxy's HTML page) surfaces as a SyntaxError.
  if (name === "SyntaxError") return new EnsTransportError("bad-response", "BadResponse", message);
  return error as Error;
}
