/** What the emulator reads from a request's signature material, whichever scheme signed it. */

/** The signature scheme of a request, as the call log reports it. */
export type SignatureMethod = "ACS3-HMAC-SHA256" | "HMAC-SHA1" | "none";

/** A request's identity, signature material and business parameters. */
export interface SignedRequest {
  /** The scheme that signed it. */
  readonly signatureMethod: SignatureMethod;
  /** The API action; `""` when the request names none. */
  readonly action: string;
  /** The API version, when given. */
  readonly version?: string;
  /** The AccessKey ID it claims. */
  readonly accessKeyId?: string;
  /** The STS security token it carries. */
  readonly securityToken?: string;
  /** The signature nonce. */
  readonly nonce?: string;
  /** The signing time as sent (ISO 8601 UTC). */
  readonly timestamp?: string;
  /** Business parameters (query and form), without signature or credential parameters. */
  readonly params: Readonly<Record<string, string>>;
  /** Why the signature material is incomplete or malformed, if it is. */
  readonly incomplete?: string;
  /**
   * Checks the signature with the secret of `accessKeyId`.
   *
   * @returns why it does not match, or `undefined` when it does
   */
  readonly checkSignature: (accessKeySecret: string) => string | undefined;
}

/** Parameters that belong to the signature or transport, never to the action (and never logged). */
const NON_BUSINESS_PARAMETERS = new Set([
  "Action",
  "Version",
  "Format",
  "AccessKeyId",
  "SignatureMethod",
  "SignatureVersion",
  "SignatureNonce",
  "SignatureType",
  "Timestamp",
  "Signature",
  "SecurityToken",
  "BearerToken",
]);

/** The business parameters of merged query and form parameters (form wins, as the SDKs merge them). */
export function businessParameters(
  query: Readonly<Record<string, string>>,
  form: Readonly<Record<string, string>>,
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries({ ...query, ...form })) {
    // Anything that looks like a secret is dropped too: the call log must never hold one.
    if (NON_BUSINESS_PARAMETERS.has(name) || /secret|token|password/i.test(name)) continue;
    result[name] = value;
  }
  return result;
}
