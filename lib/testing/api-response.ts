import { ApiError } from "./api-error";

/** The host name real ENS errors report as `HostId`. */
const ENS_HOST_ID = "ens.aliyuncs.com";

/** The content type of every answer. */
export const JSON_CONTENT_TYPE = "application/json;charset=utf-8";

/** An answer ready to write. */
export interface ApiResponse {
  /** HTTP status. */
  readonly statusCode: number;
  /** The error `Code`, undefined on success. */
  readonly code?: string;
  /** Response headers besides content type and request ID. */
  readonly headers: Readonly<Record<string, string>>;
  /** The JSON body. */
  readonly body: Readonly<Record<string, unknown>>;
}

/**
 * A success answer: `RequestId` first, then the action's fields.
 *
 * @param codeInBody also write `"Code": 0`, as some ENS answers do (`readings.codeInSuccessBody`)
 */
export function successResponse(
  requestId: string,
  fields: Readonly<Record<string, unknown>>,
  codeInBody: boolean,
): ApiResponse {
  const code = codeInBody ? { Code: 0 } : {};
  return { statusCode: 200, headers: {}, body: { RequestId: requestId, ...code, ...fields } };
}

/** An error answer in the shape the Alibaba Cloud RPC APIs use (RequestId, HostId, Code, Message, Recommend). */
export function errorResponse(requestId: string, error: ApiError): ApiResponse {
  const recommend =
    `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(error.code)}` +
    `&product=Ens&requestId=${encodeURIComponent(requestId)}`;
  return {
    statusCode: error.statusCode,
    code: error.code,
    headers: error.headers,
    body: {
      RequestId: requestId,
      HostId: ENS_HOST_ID,
      Code: error.code,
      Message: error.message,
      Recommend: recommend,
    },
  };
}
