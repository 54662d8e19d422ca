import { HttpRequest, headerValue } from "./http-request";
import { businessParameters, SignedRequest } from "./signed-request";
import { hasRpcSignatureParameters, readRpcRequest } from "./signature-v1";
import { readAcs3Request } from "./signature-v3";

function unsigned(request: HttpRequest, incomplete?: string): SignedRequest {
  const merged = { ...request.query, ...request.form };
  return {
    signatureMethod: "none",
    action: headerValue(request, "x-acs-action") ?? merged.Action ?? "",
    version: headerValue(request, "x-acs-version") ?? merged.Version,
    params: businessParameters(request.query, request.form),
    incomplete,
    checkSignature: () => "The request is not signed.",
  };
}

/**
 * Reads a request's signature material: ACS3 when it has an `Authorization: ACS3-…` header, the
 * RPC HMAC-SHA1 scheme when its parameters carry a signature, otherwise unsigned.
 */
export function readSignedRequest(request: HttpRequest): SignedRequest {
  const authorization = headerValue(request, "authorization");
  if (authorization !== undefined) {
    if (/^ACS3-/.test(authorization.trim())) return readAcs3Request(request, authorization);
    const scheme = authorization.trim().split(/\s/)[0];
    return unsigned(
      request,
      `The Authorization scheme ${JSON.stringify(scheme)} is not supported: sign with ACS3-HMAC-SHA256 or the HMAC-SHA1 RPC parameters.`,
    );
  }
  if (hasRpcSignatureParameters({ ...request.query, ...request.form })) return readRpcRequest(request);
  return unsigned(request);
}
