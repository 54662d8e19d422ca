/**
 * A thin typed client for the four ENS key pair actions on top of the official SDK (`@alicloud/openapi-core`
 * `callApi`, RPC style, V3 `ACS3-HMAC-SHA256` signatures). One method call = exactly one HTTP request: the SDK's
 * own retry is off, retries belong to {@link retryUntilDeadline} so they can be counted, logged and bounded.
 *
 * An HTTP 200 answer is checked before it counts as a success, which the SDK does not do: one that carries an error
 * `Code` (answer-code.ts) is thrown as that EnsApiError, and a CreateKeyPair answer without its KeyPairId or
 * PrivateKeyBody is thrown as an incomplete answer (the key pair may exist, but cannot be handed over).
 */
import OpenApiClient, { $OpenApiUtil } from "@alicloud/openapi-core";
import Credential from "@alicloud/credentials";
import type { CredentialsProvider } from "@alicloud/credentials";
import { RetryOptions as SdkRetryOptions, RuntimeOptions } from "@darabonba/typescript";
import type { Endpoint } from "../shared/endpoint-value";
import { ENS_API_VERSION, EnsAction } from "./ens-actions";
import { errorInAnswer } from "./answer-code";
import { EnsApiError, EnsTransportError, normalizeEnsError } from "./ens-errors";

/** Options of {@link EnsClient}. */
export interface EnsClientOptions {
  /** Where to send requests. */
  readonly endpoint: Endpoint;
  /** Where signing credentials come from. */
  readonly credentials: CredentialsProvider;
  /** Longest wait for a connection, per request (also capped by the caller's time left). @default 5000 */
  readonly connectTimeoutMs?: number;
  /** Longest wait for a complete answer once connected, per request (also capped by the time left). @default 20000 */
  readonly readTimeoutMs?: number;
  /** Appended to the SDK's User-Agent. @default "cdktf-ens-key-pair" */
  readonly userAgent?: string;
}

/** A key pair as DescribeKeyPairs lists it. */
export interface EnsKeyPairSummary {
  /** The key pair name. */
  readonly keyPairName: string;
  /** The key pair ID (`ssh-...`). */
  readonly keyPairId: string;
  /** MD5 fingerprint as the API writes it (plain or colon hex: compare with `sameFingerprint`). */
  readonly fingerprint: string;
  /** Creation time as the API reports it (ISO 8601, UTC). */
  readonly creationTime: string;
}

/** CreateKeyPair's answer: only a complete one (with KeyPairId and PrivateKeyBody) is ever returned. */
export interface CreatedKeyPair {
  /** The key pair ID (never empty). */
  readonly keyPairId: string;
  /** MD5 fingerprint as the API writes it. */
  readonly fingerprint: string;
  /**
   * The unencrypted PEM private key as the API sends it (never empty; line breaks may be literal `\n` escapes):
   * ENS returns it once and never again.
   */
  readonly privateKeyBody: string;
  /** The RequestId. */
  readonly requestId?: string;
}

/** ImportKeyPair's answer (it has no KeyPairId). */
interface ImportedKeyPair {
  /** MD5 fingerprint. */
  readonly fingerprint: string;
  /** The RequestId. */
  readonly requestId?: string;
}

/** Which page of DescribeKeyPairs to fetch, and its filters. */
export interface KeyPairQuery {
  /** Only key pairs of this name (how exactly the API matches it is undocumented). @default - any name */
  readonly keyPairName?: string;
  /** Only the key pair with this ID. @default - any ID */
  readonly keyPairId?: string;
  /** 1 for the first page. */
  readonly pageNumber: number;
  /** Key pairs per page. */
  readonly pageSize: number;
}

/** One page of DescribeKeyPairs. */
export interface KeyPairPage {
  /** The key pairs on this page. */
  readonly keyPairs: readonly EnsKeyPairSummary[];
  /** How many key pairs match in total. @default - the answer had no usable TotalCount */
  readonly totalCount?: number;
  /** The RequestId. */
  readonly requestId?: string;
}

/** DeleteKeyPairs' answer. */
export interface DeletedKeyPair {
  /** The RequestId. */
  readonly requestId?: string;
}

type Body = Readonly<Record<string, unknown>>;

function stringField(body: Body, name: string): string {
  const value = body[name];
  return typeof value === "string" ? value : "";
}

function requestIdOf(body: Body): string | undefined {
  return stringField(body, "RequestId") || undefined;
}

function summaryOf(item: unknown): EnsKeyPairSummary {
  const body = (item ?? {}) as Body;
  return {
    keyPairName: stringField(body, "KeyPairName"),
    keyPairId: stringField(body, "KeyPairId"),
    fingerprint: stringField(body, "KeyPairFingerPrint"),
    creationTime: stringField(body, "CreationTime"),
  };
}

/** Calls the ENS key pair actions. */
export class EnsClient {
  private readonly sdk: OpenApiClient;
  private readonly connectTimeoutMs: number;
  private readonly readTimeoutMs: number;

  constructor(options: EnsClientOptions) {
    this.connectTimeoutMs = options.connectTimeoutMs ?? 5_000;
    this.readTimeoutMs = options.readTimeoutMs ?? 20_000;
    this.sdk = new OpenApiClient(
      new $OpenApiUtil.Config({
        credential: new Credential(null, options.credentials),
        endpoint: options.endpoint.host,
        protocol: options.endpoint.protocol,
        connectTimeout: this.connectTimeoutMs,
        readTimeout: this.readTimeoutMs,
        userAgent: options.userAgent ?? "cdktf-ens-key-pair",
        // Explicitly off: openapi-core retries only when retryOptions say so; we count and bound attempts ourselves.
        retryOptions: new SdkRetryOptions({ retryable: false }),
      }),
    );
  }

  /**
   * CreateKeyPair(KeyPairName).
   *
   * @throws EnsTransportError of kind `bad-response` (code `IncompleteAnswer`) when a 200 answer lacks KeyPairId or
   *   PrivateKeyBody: the key pair may have been made, so the caller treats it like a lost answer
   */
  public async createKeyPair(keyPairName: string, timeLeftMs: number): Promise<CreatedKeyPair> {
    const body = await this.call(EnsAction.CREATE_KEY_PAIR, { KeyPairName: keyPairName }, timeLeftMs);
    const missing = ["KeyPairId", "PrivateKeyBody"].filter((field) => !stringField(body, field));
    if (missing.length > 0) {
      throw new EnsTransportError(
        "bad-response",
        "IncompleteAnswer",
        `CreateKeyPair answered HTTP 200 (RequestId ${requestIdOf(body) ?? "-"}) without ${missing.join(" and ")}, ` +
          "so the key pair it may have made cannot be taken from this answer",
      );
    }
    return {
      keyPairId: stringField(body, "KeyPairId"),
      fingerprint: stringField(body, "KeyPairFingerPrint"),
      privateKeyBody: stringField(body, "PrivateKeyBody"),
      requestId: requestIdOf(body),
    };
  }

  /** ImportKeyPair(KeyPairName, PublicKeyBody). */
  public async importKeyPair(
    keyPairName: string,
    publicKeyBody: string,
    timeLeftMs: number,
  ): Promise<ImportedKeyPair> {
    const body = await this.call(
      EnsAction.IMPORT_KEY_PAIR,
      { KeyPairName: keyPairName, PublicKeyBody: publicKeyBody },
      timeLeftMs,
    );
    return { fingerprint: stringField(body, "KeyPairFingerPrint"), requestId: requestIdOf(body) };
  }

  /** DescribeKeyPairs([KeyPairName], [KeyPairId], PageNumber, PageSize): one page. */
  public async describeKeyPairs(query: KeyPairQuery, timeLeftMs: number): Promise<KeyPairPage> {
    const body = await this.call(
      EnsAction.DESCRIBE_KEY_PAIRS,
      {
        // An empty filter is left out: the API would read KeyPairName="" as a name to match.
        ...(query.keyPairName ? { KeyPairName: query.keyPairName } : {}),
        ...(query.keyPairId ? { KeyPairId: query.keyPairId } : {}),
        PageNumber: String(query.pageNumber),
        PageSize: String(query.pageSize),
      },
      timeLeftMs,
    );
    const list = (body.KeyPairs as { KeyPair?: unknown } | undefined)?.KeyPair;
    const keyPairs = Array.isArray(list) ? list.map(summaryOf) : [];
    // An int in the SDK model; a missing or unreadable one stays unknown rather than guessed from this page.
    const total =
      typeof body.TotalCount === "number" || typeof body.TotalCount === "string"
        ? Number(body.TotalCount)
        : NaN;
    return {
      keyPairs,
      totalCount: Number.isInteger(total) && total >= 0 ? total : undefined,
      requestId: requestIdOf(body),
    };
  }

  /** DeleteKeyPairs(KeyPairName). */
  public async deleteKeyPairs(keyPairName: string, timeLeftMs: number): Promise<DeletedKeyPair> {
    const body = await this.call(EnsAction.DELETE_KEY_PAIRS, { KeyPairName: keyPairName }, timeLeftMs);
    return { requestId: requestIdOf(body) };
  }

  /** DeleteKeyPairs(KeyPairId): an ID is never reused, so this can only ever delete that one key pair. */
  public async deleteKeyPairById(keyPairId: string, timeLeftMs: number): Promise<DeletedKeyPair> {
    const body = await this.call(EnsAction.DELETE_KEY_PAIRS, { KeyPairId: keyPairId }, timeLeftMs);
    return { requestId: requestIdOf(body) };
  }

  /**
   * One signed RPC request. Business parameters go in the query, as the generated ENS SDK sends them.
   *
   * @throws EnsApiError (also for an error inside an HTTP 200 answer) | EnsTransportError (or the original error
   *   when it is neither)
   */
  private async call(action: EnsAction, query: Record<string, string>, timeLeftMs: number): Promise<Body> {
    const params = new $OpenApiUtil.Params({
      action,
      version: ENS_API_VERSION,
      protocol: "HTTPS",
      pathname: "/",
      method: "POST",
      authType: "AK",
      style: "RPC",
      reqBodyType: "formData",
      bodyType: "json",
    });
    const runtime = new RuntimeOptions({
      connectTimeout: Math.max(1, Math.min(this.connectTimeoutMs, timeLeftMs)),
      readTimeout: Math.max(1, Math.min(this.readTimeoutMs, timeLeftMs)),
      // A fresh connection per attempt: a retry after a reset never lands on a half-dead pooled socket.
      keepAlive: false,
    });
    let response: { body?: unknown; statusCode?: unknown };
    try {
      response = await this.sdk.callApi(params, new $OpenApiUtil.OpenApiRequest({ query }), runtime);
    } catch (error) {
      throw normalizeEnsError(error);
    }
    const body = (response.body ?? {}) as Body;
    const error = errorInAnswer(body);
    if (error) {
      throw new EnsApiError({
        code: error.code,
        statusCode: typeof response.statusCode === "number" ? response.statusCode : 200,
        apiMessage: error.message ?? "(no message)",
        requestId: requestIdOf(body),
      });
    }
    return body;
  }
}
