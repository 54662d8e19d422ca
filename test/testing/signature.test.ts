import { EnsEmulator } from "../../lib/testing";
import { send, signV1, signV3 } from "./raw-client";
import { callEns, sdkError } from "./sdk-client";
import { useEmulator } from "../support/emulator";

describe("request authentication", () => {
  let ens: EnsEmulator;
  useEmulator((started) => (ens = started));

  describe("hand-signed requests that are valid", () => {
    it("accepts a V3 POST with query parameters", async () => {
      const answer = await send(ens, signV3(ens, { PageSize: "3" }));
      expect(answer).toMatchObject({ statusCode: 200, body: { PageSize: 3 } });
      expect(answer.headers["x-acs-request-id"]).toBe(answer.body.RequestId);
    });

    it("accepts a V3 POST with a form body", async () => {
      const answer = await send(ens, signV3(ens, {}, { form: { PageSize: "4" } }));
      expect(answer).toMatchObject({ statusCode: 200, body: { PageSize: 4 } });
    });

    it("accepts a V1 GET and a V1 POST with a form body", async () => {
      expect(await send(ens, signV1(ens, { PageSize: "5" }))).toMatchObject({
        statusCode: 200,
        body: { PageSize: 5 },
      });
      const post = signV1(ens, {}, { method: "POST", form: { PageSize: "6" } });
      expect(await send(ens, post)).toMatchObject({ statusCode: 200, body: { PageSize: 6 } });
      expect(ens.calls().map((c) => [c.httpMethod, c.signatureMethod, c.params])).toEqual([
        ["GET", "HMAC-SHA1", { PageSize: "5" }],
        ["POST", "HMAC-SHA1", { PageSize: "6" }],
      ]);
    });

    it("percent-encodes values with reserved characters the same way as the docs", async () => {
      const answer = await send(ens, signV3(ens, { KeyPairName: "a:b_c-d", Extra: "x y+z*(1)!'~/" }));
      expect(answer.statusCode).toBe(200);
      const v1 = await send(ens, signV1(ens, { KeyPairName: "a:b_c-d", Extra: "x y+z*(1)!'~/" }));
      expect(v1.statusCode).toBe(200);
    });
  });

  describe("tampering", () => {
    it("refuses a V3 request whose query changed after signing", async () => {
      const request = signV3(ens, { KeyPairName: "mine" }, { action: "DeleteKeyPairs" });
      ens.addKeyPair({ keyPairName: "theirs" });
      request.query.KeyPairName = "theirs";
      const answer = await send(ens, request);
      expect(answer).toMatchObject({ statusCode: 400, body: { Code: "SignatureDoesNotMatch" } });
      expect(ens.keyPair("theirs")).toBeDefined();
      expect(ens.calls()[0]).toMatchObject({
        signatureMethod: "ACS3-HMAC-SHA256",
        signatureVerified: false,
        code: "SignatureDoesNotMatch",
      });
    });

    it("refuses a V3 request whose body changed after signing (x-acs-content-sha256 no longer matches)", async () => {
      const request = signV3(ens, {}, { form: { PageSize: "4" } });
      request.body = "PageSize=5";
      const answer = await send(ens, request);
      expect(answer).toMatchObject({ statusCode: 400, body: { Code: "SignatureDoesNotMatch" } });
      expect(String(answer.body.Message)).toContain("x-acs-content-sha256");
    });

    it("refuses a V3 request whose signed header changed", async () => {
      const request = signV3(ens, {});
      request.headers["x-acs-action"] = "DeleteKeyPairs";
      expect((await send(ens, request)).body.Code).toBe("SignatureDoesNotMatch");
    });

    it("refuses a V1 request whose parameter changed after signing, in the query or the body", async () => {
      const query = signV1(ens, { PageSize: "5" });
      query.query.PageSize = "6";
      expect((await send(ens, query)).body.Code).toBe("SignatureDoesNotMatch");
      const form = signV1(ens, {}, { method: "POST", form: { PageSize: "6" } });
      form.body = "PageSize=7";
      expect((await send(ens, form)).body.Code).toBe("SignatureDoesNotMatch");
    });

    it("refuses a V1 request signed for another HTTP method", async () => {
      const request = signV1(ens, {}, { method: "GET" });
      request.method = "POST";
      expect((await send(ens, request)).body.Code).toBe("SignatureDoesNotMatch");
    });

    it.each([[{}], [{ signatureAlgorithm: "v2" as const }]])(
      "refuses a wrong secret through the SDK (%j)",
      async (options) => {
        const error = await sdkError(
          callEns(ens, "DescribeKeyPairs", {}, { ...options, accessKeySecret: "wrong-secret" }),
        );
        expect(error).toMatchObject({ code: "SignatureDoesNotMatch", statusCode: 400 });
        expect(error.message).not.toContain(ens.credentials.accessKeySecret);
        expect(ens.calls()[0]).toMatchObject({
          signatureVerified: false,
          accessKeyId: ens.credentials.accessKeyId,
        });
      },
    );
  });

  describe("credentials", () => {
    it.each([[{}], [{ signatureAlgorithm: "v2" as const }]])(
      "answers InvalidAccessKeyId.NotFound (404) for an unknown AccessKey (%j)",
      async (options) => {
        const error = await sdkError(
          callEns(ens, "DescribeKeyPairs", {}, { ...options, accessKeyId: "nobody" }),
        );
        expect(error).toMatchObject({ code: "InvalidAccessKeyId.NotFound", statusCode: 404 });
      },
    );

    it("accepts an added plain credential", async () => {
      ens.addCredential({ accessKeyId: "second-id", accessKeySecret: "second-secret" });
      await callEns(
        ens,
        "DescribeKeyPairs",
        {},
        { accessKeyId: "second-id", accessKeySecret: "second-secret" },
      );
      expect(ens.calls()[0]).toMatchObject({
        accessKeyId: "second-id",
        signatureVerified: true,
        statusCode: 200,
      });
    });

    describe("STS", () => {
      const sts = { accessKeyId: "STS.sts-id", accessKeySecret: "sts-secret", securityToken: "sts-token" };
      beforeAll(() => ens.addCredential(sts));

      it.each([[{}], [{ signatureAlgorithm: "v2" as const }]])(
        "accepts the matching security token (%j)",
        async (options) => {
          await callEns(ens, "DescribeKeyPairs", {}, { ...options, ...sts });
          expect(ens.calls()[0]).toMatchObject({ statusCode: 200, signatureVerified: true });
          expect(JSON.stringify(ens.calls())).not.toContain("sts-token");
        },
      );

      it.each([[{}], [{ signatureAlgorithm: "v2" as const }]])(
        "refuses a request without the token (%j)",
        async (options) => {
          const withoutToken = { accessKeyId: sts.accessKeyId, accessKeySecret: sts.accessKeySecret };
          const error = await sdkError(callEns(ens, "DescribeKeyPairs", {}, { ...options, ...withoutToken }));
          expect(error).toMatchObject({ code: "InvalidSecurityToken.Malformed", statusCode: 400 });
        },
      );

      it.each([[{}], [{ signatureAlgorithm: "v2" as const }]])(
        "refuses another token (%j)",
        async (options) => {
          const error = await sdkError(
            callEns(ens, "DescribeKeyPairs", {}, { ...options, ...sts, securityToken: "other" }),
          );
          expect(error).toMatchObject({ code: "InvalidSecurityToken.Mismatch", statusCode: 400 });
        },
      );

      it("refuses a token sent with a plain AccessKey", async () => {
        const error = await sdkError(callEns(ens, "DescribeKeyPairs", {}, { securityToken: "sts-token" }));
        expect(error).toMatchObject({ code: "InvalidSecurityToken.Mismatch", statusCode: 400 });
      });
    });
  });

  describe("replay and clock skew", () => {
    it.each([
      ["V3", () => signV3(ens, {})],
      ["V1", () => signV1(ens, {})],
    ])("answers SignatureNonceUsed for a replayed %s request", async (_label, build) => {
      const request = build();
      expect((await send(ens, request)).statusCode).toBe(200);
      const replay = await send(ens, request);
      expect(replay).toMatchObject({ statusCode: 400, body: { Code: "SignatureNonceUsed" } });
    });

    it("forgets nonces on reset()", async () => {
      const request = signV3(ens, {});
      await send(ens, request);
      ens.reset();
      expect((await send(ens, request)).statusCode).toBe(200);
    });

    it.each([
      ["16 minutes old", -16 * 60],
      ["16 minutes ahead", 16 * 60],
    ])("answers InvalidTimeStamp.Expired for a request signed %s", async (_label, offsetSeconds) => {
      const date = new Date(Date.now() + offsetSeconds * 1000);
      for (const request of [signV3(ens, {}, { date }), signV1(ens, {}, { date })]) {
        expect(await send(ens, request)).toMatchObject({
          statusCode: 400,
          body: { Code: "InvalidTimeStamp.Expired" },
        });
      }
    });

    it("accepts a request signed 14 minutes ago", async () => {
      const date = new Date(Date.now() - 14 * 60 * 1000);
      expect((await send(ens, signV3(ens, {}, { date }))).statusCode).toBe(200);
    });

    it("honours maxClockSkewSeconds", async () => {
      const strict = await EnsEmulator.start({ maxClockSkewSeconds: 60 });
      try {
        const date = new Date(Date.now() - 120 * 1000);
        expect((await send(strict, signV3(strict, {}, { date }))).body.Code).toBe("InvalidTimeStamp.Expired");
      } finally {
        await strict.stop();
      }
    });

    it("answers InvalidTimeStamp.Format for a timestamp that is not ISO 8601 UTC", async () => {
      const answer = await send(ens, signV1(ens, {}, { common: { Timestamp: "yesterday" } }));
      expect(answer).toMatchObject({ statusCode: 400, body: { Code: "InvalidTimeStamp.Format" } });
    });
  });

  describe("missing or incomplete signatures", () => {
    it("answers MissingSignature for an unsigned request", async () => {
      const answer = await send(ens, {
        method: "GET",
        path: "/",
        query: { Action: "DescribeKeyPairs", Version: "2017-11-10" },
        headers: {},
        body: "",
      });
      expect(answer).toMatchObject({ statusCode: 400, body: { Code: "MissingSignature" } });
      expect(ens.calls()[0]).toMatchObject({
        action: "DescribeKeyPairs",
        signatureMethod: "none",
        signatureVerified: false,
      });
    });

    it("answers IncompleteSignature for a V1 request without SignatureNonce", async () => {
      const request = signV1(ens, {}, { common: { SignatureNonce: undefined } });
      expect(await send(ens, request)).toMatchObject({
        statusCode: 400,
        body: { Code: "IncompleteSignature" },
      });
    });

    it("answers IncompleteSignature for a V3 request with an unsigned x-acs-* header", async () => {
      const request = signV3(ens, {});
      request.headers["x-acs-extra"] = "added later";
      const answer = await send(ens, request);
      expect(answer).toMatchObject({ statusCode: 400, body: { Code: "IncompleteSignature" } });
      expect(String(answer.body.Message)).toContain("x-acs-extra");
    });

    it.each([
      ["an unsupported algorithm", (a: string) => a.replace("ACS3-HMAC-SHA256", "ACS3-HMAC-SM3")],
      ["a malformed header", () => "ACS3-HMAC-SHA256 Credential=x"],
      ["another scheme", () => "Bearer abc"],
    ])("answers IncompleteSignature for %s", async (_label, change) => {
      const request = signV3(ens, {});
      request.headers.authorization = change(request.headers.authorization);
      expect(await send(ens, request)).toMatchObject({
        statusCode: 400,
        body: { Code: "IncompleteSignature" },
      });
    });
  });

  describe("routing", () => {
    it("answers InvalidVersion for another API version", async () => {
      const error = await sdkError(callEns(ens, "DescribeKeyPairs", {}, { version: "2020-01-01" }));
      expect(error).toMatchObject({ code: "InvalidVersion", statusCode: 400 });
    });

    it("answers InvalidAction.NotFound (404) for an unknown action, also for Object prototype names", async () => {
      for (const action of ["DescribeInstances", "toString"]) {
        const error = await sdkError(callEns(ens, action));
        expect(error).toMatchObject({ code: "InvalidAction.NotFound", statusCode: 404 });
      }
      expect(ens.calls()[0].action).toBe("DescribeInstances");
    });

    it("answers MissingParameter for a signed V1 request without Action", async () => {
      const answer = await send(ens, signV1(ens, {}, { common: { Action: undefined } }));
      expect(answer).toMatchObject({ statusCode: 400, body: { Code: "MissingParameter" } });
      expect(ens.calls()[0].action).toBe("");
    });

    it("answers 404 for another path and 405 for another method", async () => {
      const path = signV3(ens, {});
      path.path = "/other";
      expect(await send(ens, path)).toMatchObject({
        statusCode: 404,
        body: { Code: "InvalidAction.NotFound" },
      });
      const method = signV3(ens, {}, { method: "PUT" });
      expect(await send(ens, method)).toMatchObject({
        statusCode: 405,
        body: { Code: "UnsupportedHTTPMethod" },
      });
    });

    it("answers 413 for a body over 1 MiB", async () => {
      const request = signV3(ens, {}, { form: { Big: "x".repeat(1024 * 1024 + 1) } });
      expect(await send(ens, request)).toMatchObject({
        statusCode: 413,
        body: { Code: "RequestEntityTooLarge" },
      });
    });
  });

  it("writes error bodies in the shape of the real API", async () => {
    const answer = await send(ens, signV3(ens, { KeyPairName: "gone" }, { action: "DeleteKeyPairs" }));
    const requestId = String(answer.body.RequestId);
    expect(answer.headers["content-type"]).toBe("application/json;charset=utf-8");
    expect(answer.headers["x-acs-request-id"]).toBe(requestId);
    expect(answer.body).toEqual({
      RequestId: requestId,
      HostId: "ens.aliyuncs.com",
      Code: "PubKeyNameNotExist",
      Message: expect.stringContaining('"gone"'),
      Recommend: `https://api.aliyun.com/troubleshoot?q=PubKeyNameNotExist&product=Ens&requestId=${requestId}`,
    });
    expect(requestId).toMatch(/^[0-9A-F-]{36}$/);
    expect(ens.calls()[0].requestId).toBe(requestId);
  });
});
