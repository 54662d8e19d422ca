/**
 * The HMAC-SHA1 RPC signature (`SignatureVersion=1.0`; Alibaba now calls it "V2", the SDKs select it
 * with `signatureAlgorithm: "v2"`), verified as Alibaba Cloud's RPC signature page and `getRPCSignature` in
 * aliyun/darabonba-openapi define it:
 *
 * ```
 * CanonicalizedQuery = sorted percentEncode(name)=percentEncode(value) of merge(query, form) without Signature, joined by &
 * StringToSign       = Method & percentEncode("/") & percentEncode(CanonicalizedQuery)
 * Signature          = Base64(HMAC-SHA1(AccessKeySecret + "&", StringToSign))
 * ```
 */
import { createHmac } from "node:crypto";
import { HttpRequest } from "./http-request";
import { percentEncode } from "./percent-encode";
import { businessParameters, SignedRequest } from "./signed-request";
import { signaturesEqual } from "./signatures-equal";

/** The `SignatureMethod` value of this scheme. */
const HMAC_SHA1 = "HMAC-SHA1";

/** True when the parameters carry any part of an RPC signature. */
export function hasRpcSignatureParameters(params: Readonly<Record<string, string>>): boolean {
  return ["Signature", "SignatureMethod", "AccessKeyId"].some((name) => Object.hasOwn(params, name));
}

/** The string to sign for the merged parameters of a request. */
function rpcStringToSign(method: string, params: Readonly<Record<string, string>>): string {
  const canonicalized = Object.keys(params)
    .filter((name) => name !== "Signature")
    .sort()
    .map((name) => `${percentEncode(name)}=${percentEncode(params[name])}`)
    .join("&");
  return `${method}&${percentEncode("/")}&${percentEncode(canonicalized)}`;
}

/** Base64 HMAC-SHA1 of a string to sign, keyed with `secret + "&"`. */
function rpcSignature(accessKeySecret: string, stringToSign: string): string {
  return createHmac("sha1", `${accessKeySecret}&`).update(stringToSign).digest("base64");
}

function incompleteness(params: Readonly<Record<string, string>>): string | undefined {
  const missing = [
    "AccessKeyId",
    "Signature",
    "SignatureMethod",
    "SignatureVersion",
    "SignatureNonce",
    "Timestamp",
  ].filter((name) => !params[name]);
  if (missing.length > 0) return `The request lacks the signature parameter(s) ${missing.join(", ")}.`;
  if (params.SignatureMethod !== HMAC_SHA1) {
    return `SignatureMethod ${JSON.stringify(params.SignatureMethod)} is not supported: use ${HMAC_SHA1}.`;
  }
  if (params.SignatureVersion !== "1.0") {
    return `SignatureVersion ${JSON.stringify(params.SignatureVersion)} is not supported: use 1.0.`;
  }
  return undefined;
}

/** Reads an RPC (HMAC-SHA1) signed request. */
export function readRpcRequest(request: HttpRequest): SignedRequest {
  // The SDKs sign merge(query, body) and put only Signature in the query (getRPCSignature).
  const params: Record<string, string> = { ...request.query, ...request.form };
  return {
    signatureMethod: HMAC_SHA1,
    action: params.Action ?? "",
    version: params.Version,
    accessKeyId: params.AccessKeyId,
    securityToken: params.SecurityToken,
    nonce: params.SignatureNonce,
    timestamp: params.Timestamp,
    params: businessParameters(request.query, request.form),
    incomplete: incompleteness(params),
    checkSignature: (accessKeySecret) => {
      const stringToSign = rpcStringToSign(request.method, params);
      if (signaturesEqual(rpcSignature(accessKeySecret, stringToSign), params.Signature ?? ""))
        return undefined;
      return `The request signature does not match the emulator's calculation. Check the AccessKey secret and the signing code. Server string to sign: ${JSON.stringify(stringToSign)}.`;
    },
  };
}
