/**
 * EnsClient against the emulator over HTTP with the real SDK: the four actions, one HTTP request per call (no
 * SDK retry), and SDK failures normalized into EnsApiError / EnsTransportError.
 */
import * as net from "node:net";
import { StaticAKCredentialsProvider } from "@alicloud/credentials";
import { EnsClient, EnsClientOptions } from "../../lib/ens/ens-client";
import { EnsApiError, EnsTransportError } from "../../lib/ens/ens-errors";
import { parseEndpoint, Endpoint } from "../../lib/shared/endpoint-value";
import { EnsEmulator } from "../../lib/testing";
import { RSA_PUBLIC_KEY, RSA_PUBLIC_KEY_MD5 } from "../fixtures/keys";
import { useEmulator } from "../support/emulator";
import { onTheWire } from "../support/fingerprints";

const TIME_LEFT_MS = 10_000;

let ens: EnsEmulator;

useEmulator((started) => (ens = started));

function clientFor(endpoint: string, options: Partial<EnsClientOptions> = {}): EnsClient {
  return new EnsClient({
    endpoint: parseEndpoint(endpoint) as Endpoint,
    credentials: StaticAKCredentialsProvider.builder()
      .withAccessKeyId(ens.credentials.accessKeyId)
      .withAccessKeySecret(ens.credentials.accessKeySecret)
      .build(),
    ...options,
  });
}

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (error: unknown) => error,
  );
}

describe("actions", () => {
  test("CreateKeyPair returns the key pair and its private key", async () => {
    const created = await clientFor(ens.endpoint).createKeyPair("client-key", TIME_LEFT_MS);

    const stored = ens.keyPair("client-key");
    expect(created).toEqual({
      keyPairId: stored?.keyPairId,
      fingerprint: onTheWire(stored?.fingerprint ?? ""),
      privateKeyBody: expect.stringMatching(/^-----BEGIN RSA PRIVATE KEY-----/),
      requestId: ens.calls()[0].requestId,
    });
    expect(ens.calls()[0]).toMatchObject({ signatureMethod: "ACS3-HMAC-SHA256", signatureVerified: true });
  });

  test("ImportKeyPair sends the public key and returns its fingerprint", async () => {
    const imported = await clientFor(ens.endpoint).importKeyPair("client-key", RSA_PUBLIC_KEY, TIME_LEFT_MS);

    expect(imported.fingerprint).toBe(onTheWire(RSA_PUBLIC_KEY_MD5));
    expect(ens.calls()[0].params).toEqual({ KeyPairName: "client-key", PublicKeyBody: RSA_PUBLIC_KEY });
  });

  test("DescribeKeyPairs returns one page with the total count", async () => {
    const added = ens.addKeyPair({ keyPairName: "client-key", publicKey: RSA_PUBLIC_KEY });

    const page = await clientFor(ens.endpoint).describeKeyPairs(
      { keyPairName: "client-key", pageNumber: 1, pageSize: 50 },
      TIME_LEFT_MS,
    );

    expect(page.totalCount).toBe(1);
    expect(page.keyPairs).toEqual([
      {
        keyPairName: "client-key",
        keyPairId: added.keyPairId,
        fingerprint: onTheWire(RSA_PUBLIC_KEY_MD5),
        creationTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      },
    ]);
    expect(ens.calls()[0].params).toEqual({ KeyPairName: "client-key", PageNumber: "1", PageSize: "50" });
  });

  test("DeleteKeyPairs deletes by name", async () => {
    ens.addKeyPair({ keyPairName: "client-key" });

    const deleted = await clientFor(ens.endpoint).deleteKeyPairs("client-key", TIME_LEFT_MS);

    expect(deleted.requestId).toBe(ens.calls()[0].requestId);
    expect(ens.keyPairs()).toEqual([]);
  });
});

describe("errors", () => {
  test("an API error becomes an EnsApiError with code, status, message and RequestId", async () => {
    const error = await failureOf(clientFor(ens.endpoint).deleteKeyPairs("missing-key", TIME_LEFT_MS));

    expect(error).toBeInstanceOf(EnsApiError);
    expect(error).toMatchObject({
      code: "PubKeyNameNotExist",
      statusCode: 400,
      requestId: ens.calls()[0].requestId,
      apiMessage: expect.stringContaining("Not Exist"),
    });
  });

  test("throttling carries the retry-after hint in milliseconds, after exactly one request", async () => {
    ens.faults.throttle("DeleteKeyPairs", 5, { retryAfterSeconds: 2 });

    const error = await failureOf(clientFor(ens.endpoint).deleteKeyPairs("k1", TIME_LEFT_MS));

    expect(error).toMatchObject({ code: "Throttling.User", statusCode: 400, retryAfterMs: 2000 });
    expect(ens.calls()).toHaveLength(1);
  });

  test("a 5xx answer is one request, not retried by the SDK", async () => {
    ens.faults.serverError("DeleteKeyPairs", 5, 503);

    const error = await failureOf(clientFor(ens.endpoint).deleteKeyPairs("k1", TIME_LEFT_MS));

    expect(error).toMatchObject({ code: "ServiceUnavailable", statusCode: 503 });
    expect(ens.calls()).toHaveLength(1);
  });

  test("a reset connection becomes a transport error of kind reset", async () => {
    ens.faults.resetConnection("DeleteKeyPairs", 1);

    const error = await failureOf(clientFor(ens.endpoint).deleteKeyPairs("k1", TIME_LEFT_MS));

    expect(error).toBeInstanceOf(EnsTransportError);
    expect(error).toMatchObject({ kind: "reset", code: "ECONNRESET" });
  });

  test("a lost answer becomes a transport error of kind reset (the action may have happened)", async () => {
    ens.addKeyPair({ keyPairName: "k1" });
    ens.faults.loseResponse("DeleteKeyPairs", 1);

    const error = await failureOf(clientFor(ens.endpoint).deleteKeyPairs("k1", TIME_LEFT_MS));

    expect(error).toMatchObject({ kind: "reset" });
    expect(ens.keyPairs()).toEqual([]);
  });

  test("a slow answer hits the read timeout, capped by the time left", async () => {
    ens.faults.latency("DeleteKeyPairs", 2000);

    const error = await failureOf(clientFor(ens.endpoint).deleteKeyPairs("k1", 200));

    expect(error).toMatchObject({ kind: "read-timeout", code: "ReadTimeout" });
  });

  test("a closed port becomes a transport error of kind refused", async () => {
    const port = await closedPort();

    const error = await failureOf(clientFor(`http://127.0.0.1:${port}`).deleteKeyPairs("k1", TIME_LEFT_MS));

    expect(error).toMatchObject({ kind: "refused", code: "ECONNREFUSED" });
  });

  test("an answer that is not JSON becomes a transport error of kind bad-response", async () => {
    // A proxy's error page: answered once the request arrives, then the connection closes.
    const server = net.createServer((socket) =>
      socket.once("data", () =>
        socket.end(
          "HTTP/1.1 502 Bad Gateway\r\ncontent-type: text/html\r\ncontent-length: 9\r\nconnection: close\r\n\r\n<html/>\r\n",
        ),
      ),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as net.AddressInfo;
    try {
      const error = await failureOf(clientFor(`http://127.0.0.1:${port}`).deleteKeyPairs("k1", TIME_LEFT_MS));

      expect(error).toMatchObject({ kind: "bad-response" });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe("HTTP 200 answers are checked before they count as a success", () => {
  test.each(["CreateKeyPair", "DeleteKeyPairs", "DescribeKeyPairs"])(
    "an error Code inside a 200 answer to %s becomes an EnsApiError with status 200",
    async (action) => {
      ens.addKeyPair({ keyPairName: "client-key" });
      ens.faults.errorInOkAnswer(action, 1, {
        code: "ens.interface.error",
        message: "Call Interface Happen Error",
      });
      const client = clientFor(ens.endpoint);
      const call = {
        CreateKeyPair: () => client.createKeyPair("other-key", TIME_LEFT_MS),
        DeleteKeyPairs: () => client.deleteKeyPairs("client-key", TIME_LEFT_MS),
        DescribeKeyPairs: () =>
          client.describeKeyPairs({ keyPairName: "client-key", pageNumber: 1, pageSize: 50 }, TIME_LEFT_MS),
      }[action] as () => Promise<unknown>;

      const error = await failureOf(call());

      expect(error).toBeInstanceOf(EnsApiError);
      expect(error).toMatchObject({
        code: "ens.interface.error",
        statusCode: 200,
        apiMessage: "Call Interface Happen Error",
        requestId: ens.calls()[0].requestId,
      });
      expect(ens.calls()[0]).toMatchObject({ statusCode: 200, code: "ens.interface.error" });
    },
  );

  test.each(["KeyPairId", "PrivateKeyBody"] as const)(
    "a CreateKeyPair 200 without %s is an incomplete answer, never a created key pair",
    async (omit) => {
      ens.faults.incompleteCreate(1, { omit });

      const error = await failureOf(clientFor(ens.endpoint).createKeyPair("client-key", TIME_LEFT_MS));

      expect(error).toBeInstanceOf(EnsTransportError);
      expect(error).toMatchObject({ kind: "bad-response", code: "IncompleteAnswer" });
      expect((error as Error).message).toContain(`without ${omit}`);
      expect((error as Error).message).toContain(ens.calls()[0].requestId);
      // The emulator made the key pair: the caller must find it by name.
      expect(ens.keyPair("client-key")).toBeDefined();
    },
  );
});

describe('readings.codeInSuccessBody: success answers carrying "Code": 0', () => {
  let coded: EnsEmulator;
  beforeAll(async () => {
    coded = await EnsEmulator.start({ rsaBits: 1024, readings: { codeInSuccessBody: true } });
  });
  afterAll(() => coded.stop());

  test("every action still succeeds", async () => {
    const client = new EnsClient({
      endpoint: parseEndpoint(coded.endpoint) as Endpoint,
      credentials: StaticAKCredentialsProvider.builder()
        .withAccessKeyId(coded.credentials.accessKeyId)
        .withAccessKeySecret(coded.credentials.accessKeySecret)
        .build(),
    });

    const created = await client.createKeyPair("coded", TIME_LEFT_MS);
    const imported = await client.importKeyPair("imported", RSA_PUBLIC_KEY, TIME_LEFT_MS);
    const page = await client.describeKeyPairs({ pageNumber: 1, pageSize: 50 }, TIME_LEFT_MS);
    await client.deleteKeyPairs("coded", TIME_LEFT_MS);

    expect(created.keyPairId).toBe(page.keyPairs[0].keyPairId);
    expect(imported.fingerprint).not.toBe("");
    expect(page.totalCount).toBe(2);
    expect(coded.keyPairs().map((k) => k.keyPairName)).toEqual(["imported"]);
    expect(coded.calls().map((call) => call.code)).toEqual([undefined, undefined, undefined, undefined]);
  });
});

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
