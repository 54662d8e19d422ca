/**
 * Test helper: hand-built ENS requests over node:http, signed independently of the emulator's code
 * (straight from the signature docs), so tests can tamper, replay, skew and vary transport details.
 */
import { createHash, createHmac, randomUUID } from "node:crypto";
import { request as httpRequest } from "node:http";
import { EnsEmulator } from "../../lib/testing";

/** Where to send: an emulator, or anything with its port and credentials. */
type EnsTarget = Pick<EnsEmulator, "port" | "credentials">;

/** An answer read in full. */
export interface RawResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Record<string, unknown>;
}

/** A request ready to send. */
export interface RawRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string;
}

function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase(),
  );
}

function queryString(query: Record<string, string>): string {
  return Object.entries(query)
    .map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`)
    .join("&");
}

/** Signing inputs. */
export interface SignOptions {
  readonly action?: string;
  readonly version?: string;
  readonly accessKeyId?: string;
  readonly accessKeySecret?: string;
  readonly securityToken?: string;
  readonly method?: string;
  readonly nonce?: string;
  readonly date?: Date;
  /** Business parameters sent in a form body instead of the query. */
  readonly form?: Record<string, string>;
  /** V1 only: common parameters to replace before signing (`undefined` removes one). */
  readonly common?: Record<string, string | undefined>;
}

function timestampOf(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Builds an ACS3-HMAC-SHA256 signed request (V3 docs: canonical request, string to sign, hex HMAC). */
export function signV3(ens: EnsTarget, query: Record<string, string>, options: SignOptions = {}): RawRequest {
  const body = options.form ? queryString(options.form) : "";
  const headers: Record<string, string> = {
    host: `127.0.0.1:${ens.port}`,
    "x-acs-action": options.action ?? "DescribeKeyPairs",
    "x-acs-version": options.version ?? "2017-11-10",
    "x-acs-date": timestampOf(options.date ?? new Date()),
    "x-acs-signature-nonce": options.nonce ?? randomUUID(),
    "x-acs-content-sha256": createHash("sha256").update(body).digest("hex"),
  };
  if (options.form) headers["content-type"] = "application/x-www-form-urlencoded";
  if (options.securityToken) headers["x-acs-security-token"] = options.securityToken;
  const method = options.method ?? "POST";
  const names = Object.keys(headers).sort();
  const canonicalRequest = [
    method,
    "/",
    Object.keys(query)
      .sort()
      .map((k) => `${rfc3986(k)}=${rfc3986(query[k])}`)
      .join("&"),
    names.map((n) => `${n}:${headers[n].trim()}\n`).join(""),
    names.join(";"),
    headers["x-acs-content-sha256"],
  ].join("\n");
  const stringToSign = `ACS3-HMAC-SHA256\n${createHash("sha256").update(canonicalRequest).digest("hex")}`;
  const signature = createHmac("sha256", options.accessKeySecret ?? ens.credentials.accessKeySecret)
    .update(stringToSign)
    .digest("hex");
  headers.authorization =
    `ACS3-HMAC-SHA256 Credential=${options.accessKeyId ?? ens.credentials.accessKeyId},` +
    `SignedHeaders=${names.join(";")},Signature=${signature}`;
  return { method, path: "/", query: { ...query }, headers, body };
}

/** Builds an HMAC-SHA1 RPC signed request (signed over merge(query, form), Signature in the query). */
export function signV1(
  ens: EnsTarget,
  params: Record<string, string>,
  options: SignOptions = {},
): RawRequest {
  const query: Record<string, string> = {
    Action: options.action ?? "DescribeKeyPairs",
    Version: options.version ?? "2017-11-10",
    Format: "JSON",
    AccessKeyId: options.accessKeyId ?? ens.credentials.accessKeyId,
    SignatureMethod: "HMAC-SHA1",
    SignatureVersion: "1.0",
    SignatureNonce: options.nonce ?? randomUUID(),
    Timestamp: timestampOf(options.date ?? new Date()),
    ...(options.securityToken ? { SecurityToken: options.securityToken } : {}),
    ...params,
  };
  for (const [name, value] of Object.entries(options.common ?? {})) {
    if (value === undefined) delete query[name];
    else query[name] = value;
  }
  const method = options.method ?? "GET";
  const signed = { ...query, ...(options.form ?? {}) };
  const canonicalized = Object.keys(signed)
    .sort()
    .map((k) => `${rfc3986(k)}=${rfc3986(signed[k])}`)
    .join("&");
  const stringToSign = `${method}&${rfc3986("/")}&${rfc3986(canonicalized)}`;
  query.Signature = createHmac("sha1", `${options.accessKeySecret ?? ens.credentials.accessKeySecret}&`)
    .update(stringToSign)
    .digest("base64");
  const headers: Record<string, string> = { host: `127.0.0.1:${ens.port}` };
  const body = options.form ? queryString(options.form) : "";
  if (options.form) headers["content-type"] = "application/x-www-form-urlencoded";
  return { method, path: "/", query, headers, body };
}

/** How to send. */
export interface SendOptions {
  /** Aborting it hangs up (destroys the connection), as a client that gives up or is killed does. */
  readonly signal?: AbortSignal;
}

/** Sends a request and reads the JSON answer. */
export function send(ens: EnsTarget, request: RawRequest, options: SendOptions = {}): Promise<RawResponse> {
  const qs = queryString(request.query);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: "127.0.0.1",
        port: ens.port,
        method: request.method,
        path: qs ? `${request.path}?${qs}` : request.path,
        headers: { ...request.headers, "content-length": String(Buffer.byteLength(request.body)) },
        agent: false,
        signal: options.signal,
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on("data", (c: Buffer) => chunks.push(c));
        incoming.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          resolve({
            statusCode: incoming.statusCode ?? 0,
            headers: incoming.headers,
            body: text ? JSON.parse(text) : {},
          });
        });
        incoming.on("error", reject);
      },
    );
    outgoing.on("error", reject);
    outgoing.end(request.body);
  });
}
