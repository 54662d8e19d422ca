/**
 * ACS3-HMAC-SHA256 (the "V3" signature, the SDKs' default), verified as the V3 signature docs and
 * `getAuthorization` in aliyun/darabonba-openapi `ts/src/utils.ts` define it:
 *
 * ```
 * CanonicalRequest = Method \n CanonicalURI \n CanonicalQueryString \n CanonicalHeaders \n SignedHeaders \n HexSha256(body)
 * StringToSign     = "ACS3-HMAC-SHA256" \n HexSha256(CanonicalRequest)
 * Signature        = Hex(HMAC-SHA256(AccessKeySecret, StringToSign))
 * ```
 */
import { createHash, createHmac } from "node:crypto";
import { HttpRequest, headerValue } from "./http-request";
import { percentEncode } from "./percent-encode";
import { businessParameters, SignedRequest } from "./signed-request";
import { signaturesEqual } from "./signatures-equal";

/** The only V3 algorithm the emulator accepts (SM3 and RSA variants exist but ENS SDKs default to this one). */
const ACS3_HMAC_SHA256 = "ACS3-HMAC-SHA256";

/** The parts of an `Authorization: ACS3-… Credential=…,SignedHeaders=…,Signature=…` header. */
interface Acs3Authorization {
  /** The algorithm before the first space. */
  readonly algorithm: string;
  /** The AccessKey ID (`Credential`). */
  readonly accessKeyId: string;
  /** Lower-case header names, in the order given. */
  readonly signedHeaders: readonly string[];
  /** Hex signature. */
  readonly signature: string;
}

/** Headers every V3 request must carry (and sign). */
const REQUIRED_HEADERS = [
  "x-acs-action",
  "x-acs-version",
  "x-acs-date",
  "x-acs-signature-nonce",
  "x-acs-content-sha256",
];

/** Parses an ACS3 `Authorization` header. @returns undefined when it is not one */
function parseAcs3Authorization(header: string): Acs3Authorization | undefined {
  const match = /^(ACS3-[A-Z0-9-]+)\s+(.*)$/.exec(header.trim());
  if (!match) return undefined;
  const fields = new Map<string, string>();
  for (const part of match[2].split(",")) {
    const equals = part.indexOf("=");
    if (equals > 0) fields.set(part.slice(0, equals).trim(), part.slice(equals + 1).trim());
  }
  const accessKeyId = fields.get("Credential");
  const signedHeaders = fields.get("SignedHeaders");
  const signature = fields.get("Signature");
  if (!accessKeyId || !signedHeaders || !signature) return undefined;
  return { algorithm: match[1], accessKeyId, signedHeaders: signedHeaders.split(";"), signature };
}

/** Hex SHA-256 of bytes. */
function sha256Hex(data: Buffer | string): string {
  return createHash("sha256").update(data).digest("hex");
}

/** The canonical query string: parameters sorted by name, `name=value`, both percent-encoded, joined by `&`. */
function acs3CanonicalQuery(query: Readonly<Record<string, string>>): string {
  return Object.keys(query)
    .sort()
    .map((name) => `${percentEncode(name)}=${percentEncode(query[name])}`)
    .join("&");
}

/** The string to sign for a request, given the headers it says it signed. */
function acs3StringToSign(request: HttpRequest, signedHeaders: readonly string[]): string {
  const canonicalHeaders = [...signedHeaders]
    .sort()
    .map((name) => {
      const values = (request.headers[name] ?? []).map((value) => value.trim()).sort();
      return `${name}:${values.join(",")}\n`;
    })
    .join("");
  const canonicalUri = request.path || "/";
  const canonicalRequest = [
    request.method,
    canonicalUri,
    acs3CanonicalQuery(request.query),
    canonicalHeaders,
    [...signedHeaders].sort().join(";"),
    sha256Hex(request.body),
  ].join("\n");
  return `${ACS3_HMAC_SHA256}\n${sha256Hex(canonicalRequest)}`;
}

/** Hex HMAC-SHA256 of a string to sign. */
function acs3Signature(accessKeySecret: string, stringToSign: string): string {
  return createHmac("sha256", accessKeySecret).update(stringToSign).digest("hex");
}

function incompleteness(
  request: HttpRequest,
  authorization: Acs3Authorization | undefined,
): string | undefined {
  if (!authorization) {
    return "The Authorization header is malformed: expected `ACS3-HMAC-SHA256 Credential=<AccessKeyId>,SignedHeaders=<h1;h2>,Signature=<hex>`.";
  }
  if (authorization.algorithm !== ACS3_HMAC_SHA256) {
    return `The signature algorithm ${JSON.stringify(authorization.algorithm)} is not supported by the emulator: sign with ${ACS3_HMAC_SHA256}.`;
  }
  const missing = REQUIRED_HEADERS.filter((name) => headerValue(request, name) === undefined);
  if (missing.length > 0)
    return `The request lacks the header(s) ${missing.join(", ")}, which every V3 request must carry.`;
  const present = Object.keys(request.headers).filter((name) => name === "host" || name.startsWith("x-acs-"));
  const unsigned = present.filter((name) => !authorization.signedHeaders.includes(name));
  if (unsigned.length > 0) {
    return `SignedHeaders must cover host and every x-acs-* header, but ${unsigned.join(", ")} is not signed.`;
  }
  return undefined;
}

/** Reads a V3-signed request. */
export function readAcs3Request(request: HttpRequest, authorizationHeader: string): SignedRequest {
  const authorization = parseAcs3Authorization(authorizationHeader);
  return {
    signatureMethod: ACS3_HMAC_SHA256,
    action: headerValue(request, "x-acs-action") ?? "",
    version: headerValue(request, "x-acs-version"),
    accessKeyId: authorization?.accessKeyId,
    securityToken: headerValue(request, "x-acs-security-token"),
    nonce: headerValue(request, "x-acs-signature-nonce"),
    timestamp: headerValue(request, "x-acs-date"),
    params: businessParameters(request.query, request.form),
    incomplete: incompleteness(request, authorization),
    checkSignature: (accessKeySecret) => {
      if (!authorization) return "The Authorization header is malformed.";
      const bodyHash = sha256Hex(request.body);
      if (headerValue(request, "x-acs-content-sha256") !== bodyHash) {
        return `The x-acs-content-sha256 header does not match the body, whose SHA-256 is ${bodyHash}: the body changed after signing.`;
      }
      const stringToSign = acs3StringToSign(request, authorization.signedHeaders);
      if (signaturesEqual(acs3Signature(accessKeySecret, stringToSign), authorization.signature))
        return undefined;
      return `The request signature does not match the emulator's calculation. Check the AccessKey secret and the signing code. Server string to sign: ${JSON.stringify(stringToSign)}.`;
    },
  };
}
