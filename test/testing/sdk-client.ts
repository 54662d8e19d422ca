/**
 * Test helper: calls the emulator through the official SDK (@alicloud/openapi-core `callApi`),
 * exactly as the generated ENS client would, with V3 (ACS3-HMAC-SHA256) or V2 (HMAC-SHA1) signing.
 */
import OpenApi, { $OpenApiUtil } from "@alicloud/openapi-core";
import * as $dara from "@darabonba/typescript";
import { EnsEmulator } from "../../lib/testing";

/** Where to send: an emulator, or anything with its port and credentials (e.g. one the CLI started). */
export type EnsTarget = Pick<EnsEmulator, "port" | "credentials">;

/** How the SDK client signs and whom it claims to be. */
export interface SdkCallOptions {
  /** `"v2"` selects the HMAC-SHA1 RPC signature. @default V3 */
  readonly signatureAlgorithm?: "v2";
  /** @default the emulator's default credentials */
  readonly accessKeyId?: string;
  /** @default the emulator's default credentials */
  readonly accessKeySecret?: string;
  /** STS token. @default none */
  readonly securityToken?: string;
  /** Parameters sent in a form body instead of the query. @default false */
  readonly inBody?: boolean;
  /** HTTP method. @default "POST" */
  readonly method?: "POST" | "GET";
  /** API version. @default "2017-11-10" */
  readonly version?: string;
  /** Read timeout, ms. @default SDK default */
  readonly readTimeout?: number;
  /** The SDK's own retry policy. @default none (one attempt) */
  readonly retryOptions?: $dara.RetryOptions;
}

/** What the SDK returned: `body` and `headers` of the answer. */
export interface SdkResult {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: Record<string, unknown>;
}

/** Calls one action through the official SDK. */
export async function callEns(
  emulator: EnsTarget,
  action: string,
  params: Record<string, string> = {},
  options: SdkCallOptions = {},
): Promise<SdkResult> {
  const client = new OpenApi(
    new $OpenApiUtil.Config({
      accessKeyId: options.accessKeyId ?? emulator.credentials.accessKeyId,
      accessKeySecret: options.accessKeySecret ?? emulator.credentials.accessKeySecret,
      securityToken: options.securityToken,
      endpoint: `127.0.0.1:${emulator.port}`,
      protocol: "http",
      signatureAlgorithm: options.signatureAlgorithm,
      readTimeout: options.readTimeout,
      retryOptions: options.retryOptions,
    }),
  );
  const request = new $OpenApiUtil.OpenApiRequest(options.inBody ? { body: params } : { query: params });
  const result = await client.callApi(
    new $OpenApiUtil.Params({
      action,
      version: options.version ?? "2017-11-10",
      protocol: "HTTP",
      pathname: "/",
      method: options.method ?? "POST",
      authType: "AK",
      style: "RPC",
      reqBodyType: "formData",
      bodyType: "json",
    }),
    request,
    new $dara.RuntimeOptions({}),
  );
  return result as SdkResult;
}

/** The error the SDK threw for a failed call (fails the test when the call succeeded). */
export async function sdkError(call: Promise<unknown>): Promise<{
  name: string;
  code: string;
  statusCode: number;
  message: string;
  retryAfter?: number;
  data: Record<string, unknown>;
}> {
  try {
    await call;
  } catch (error) {
    return error as never;
  }
  throw new Error("expected the SDK call to fail, but it succeeded");
}
