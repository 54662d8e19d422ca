import * as $dara from "@darabonba/typescript";
import { EnsEmulator } from "../../lib/testing";
import { callEns, sdkError } from "./sdk-client";
import { useEmulator } from "../support/emulator";

describe("fault injection", () => {
  let ens: EnsEmulator;
  const del = (name = "victim") => callEns(ens, "DeleteKeyPairs", { KeyPairName: name });
  const describeAll = () => callEns(ens, "DescribeKeyPairs");

  useEmulator((started) => (ens = started));
  beforeEach(() => {
    ens.addKeyPair({ keyPairName: "victim" });
  });

  describe("throttle", () => {
    it("answers Throttling.User (400) to the next N calls of the action only", async () => {
      ens.faults.throttle("DeleteKeyPairs", 2);
      await describeAll();
      for (let i = 0; i < 2; i++) {
        const error = await sdkError(del());
        expect(error).toMatchObject({ name: "ThrottlingError", code: "Throttling.User", statusCode: 400 });
        expect(error.retryAfter).toBeUndefined();
      }
      await del();
      expect(ens.keyPairs()).toEqual([]);
      expect(ens.calls().map((c) => c.code ?? "OK")).toEqual([
        "OK",
        "Throttling.User",
        "Throttling.User",
        "OK",
      ]);
    });

    it.each(["Throttling", "Throttling.Api", "Rejected.Throttling"])(
      "answers another throttling code on request: %s (400)",
      async (code) => {
        ens.faults.throttle("DeleteKeyPairs", 1, { code });
        expect(await sdkError(del())).toMatchObject({ code, statusCode: 400 });
        expect(ens.keyPair("victim")).toBeDefined();
        expect(ens.calls()[0]).toMatchObject({ statusCode: 400, code });
      },
    );

    it('matches any action with "*"', async () => {
      ens.faults.throttle("*", 1);
      expect(await sdkError(describeAll())).toMatchObject({ code: "Throttling.User" });
      await describeAll();
    });

    it("sends x-acs-retry-after in milliseconds, which the SDK turns into retryAfter", async () => {
      ens.faults.throttle("DeleteKeyPairs", 1, { retryAfterSeconds: 1.5 });
      const error = await sdkError(del());
      expect(error.retryAfter).toBe(1500);
    });

    it("makes the SDK's own retry wait the hinted time before the next attempt", async () => {
      ens.faults.throttle("DeleteKeyPairs", 1, { retryAfterSeconds: 0.2 });
      const retryOptions = new $dara.RetryOptions({
        retryable: true,
        retryCondition: [{ maxAttempts: 2, exception: ["ThrottlingError"], errorCode: [] }],
        noRetryCondition: [],
      });
      await callEns(ens, "DeleteKeyPairs", { KeyPairName: "victim" }, { retryOptions });
      const [first, second] = ens.calls();
      expect([first.code, second.code]).toEqual(["Throttling.User", undefined]);
      expect(second.receivedAt - first.receivedAt).toBeGreaterThanOrEqual(200);
    });
  });

  describe("serverError", () => {
    it("answers 503 ServiceUnavailable by default", async () => {
      ens.faults.serverError("DeleteKeyPairs", 1);
      expect(await sdkError(del())).toMatchObject({
        name: "ServerError",
        code: "ServiceUnavailable",
        statusCode: 503,
      });
      expect(ens.keyPair("victim")).toBeDefined();
    });

    it("answers 500 InternalError on request", async () => {
      ens.faults.serverError("DeleteKeyPairs", 1, 500);
      expect(await sdkError(del())).toMatchObject({
        name: "ServerError",
        code: "InternalError",
        statusCode: 500,
      });
      await del();
    });
  });

  describe("apiError", () => {
    it("answers the given code with HTTP 400 and a message naming it, without performing the action", async () => {
      ens.faults.apiError("DeleteKeyPairs", 1, { code: "ens.interface.error" });
      const error = await sdkError(del());
      expect(error).toMatchObject({ name: "ClientError", code: "ens.interface.error", statusCode: 400 });
      expect(error.data.Message).toContain("ens.interface.error");
      expect(ens.keyPair("victim")).toBeDefined();
      await del();
      expect(ens.keyPairs()).toEqual([]);
    });

    it("answers the given status and message", async () => {
      ens.faults.apiError("DeleteKeyPairs", 2, {
        code: "InvalidKeyPairId.NotFound",
        statusCode: 404,
        message: "The specified KeyPairId does not exist.",
      });
      for (let i = 0; i < 2; i++) {
        const error = await sdkError(del());
        expect(error).toMatchObject({ code: "InvalidKeyPairId.NotFound", statusCode: 404 });
        expect(error.data.Message).toBe("The specified KeyPairId does not exist.");
      }
      expect(ens.calls().map((c) => [c.statusCode, c.code])).toEqual([
        [404, "InvalidKeyPairId.NotFound"],
        [404, "InvalidKeyPairId.NotFound"],
      ]);
      expect(ens.keyPair("victim")).toBeDefined();
    });

    it("answers a 5xx status as a server error", async () => {
      ens.faults.apiError("CreateKeyPair", 1, { code: "CallInterface", statusCode: 500 });
      expect(await sdkError(callEns(ens, "CreateKeyPair", { KeyPairName: "never" }))).toMatchObject({
        name: "ServerError",
        code: "CallInterface",
        statusCode: 500,
      });
      expect(ens.keyPair("never")).toBeUndefined();
    });
  });

  describe("errorInOkAnswer", () => {
    it("answers HTTP 200 carrying an error Code and Message, which the SDK returns as success; nothing happens", async () => {
      ens.faults.errorInOkAnswer("DeleteKeyPairs", 1, {
        code: "InvalidParameter.KeyPairName",
        message: "nope",
      });
      const { statusCode, body } = await del();
      expect(statusCode).toBe(200);
      expect(body).toMatchObject({ Code: "InvalidParameter.KeyPairName", Message: "nope" });
      expect(ens.keyPair("victim")).toBeDefined();
      expect(ens.calls()[0]).toMatchObject({ statusCode: 200, code: "InvalidParameter.KeyPairName" });
      await del();
      expect(ens.keyPairs()).toEqual([]);
    });

    it("writes a message naming the code by default", async () => {
      ens.faults.errorInOkAnswer("DescribeKeyPairs", 1, { code: "ens.interface.error" });
      const { body } = await describeAll();
      expect(body.Code).toBe("ens.interface.error");
      expect(body.Message).toContain("ens.interface.error");
      expect(body.KeyPairs).toBeUndefined();
    });
  });

  describe("incompleteCreate", () => {
    it.each(["KeyPairId", "PrivateKeyBody"] as const)(
      "stores the key but leaves %s out of the 200 answer, once",
      async (omit) => {
        ens.faults.incompleteCreate(1, { omit });
        const { statusCode, body } = await callEns(ens, "CreateKeyPair", { KeyPairName: "partial" });
        expect(statusCode).toBe(200);
        expect(body).not.toHaveProperty(omit);
        expect(Object.keys(body).length).toBe(4);
        expect(ens.keyPair("partial")).toBeDefined();
        const next = await callEns(ens, "CreateKeyPair", { KeyPairName: "complete" });
        expect(next.body).toHaveProperty(omit);
      },
    );

    it("is used up only by a successful create", async () => {
      ens.faults.incompleteCreate(1, { omit: "KeyPairId" });
      await sdkError(callEns(ens, "CreateKeyPair", { KeyPairName: "victim" }));
      await callEns(ens, "ImportKeyPair", {
        KeyPairName: "imported",
        PublicKeyBody: ens.keyPair("victim")!.publicKey,
      });
      const { body } = await callEns(ens, "CreateKeyPair", { KeyPairName: "partial" });
      expect(body).not.toHaveProperty("KeyPairId");
    });
  });

  describe("resetConnection", () => {
    it("resets the connection before processing: the key survives and the call is logged as reset", async () => {
      ens.faults.resetConnection("DeleteKeyPairs", 1);
      const error = await sdkError(del());
      expect(error.code).toBe("ECONNRESET");
      expect(ens.keyPair("victim")).toBeDefined();
      expect(ens.calls()[0]).toMatchObject({ action: "DeleteKeyPairs", outcome: "reset", statusCode: 0 });
      await del();
      expect(ens.keyPairs()).toEqual([]);
    });
  });

  describe("loseResponse", () => {
    it("performs the action, then drops the connection; a retry then finds the key gone", async () => {
      ens.faults.loseResponse("DeleteKeyPairs", 1);
      await sdkError(del());
      expect(ens.keyPair("victim")).toBeUndefined();
      expect(ens.calls()[0]).toMatchObject({ outcome: "response-lost", statusCode: 0, code: undefined });
      expect(await sdkError(del())).toMatchObject({ code: "PubKeyNameNotExist" });
    });
  });

  describe("loseResponse, refused calls", () => {
    it("is not used up by a call refused before the action ran", async () => {
      ens.faults.loseResponse("DeleteKeyPairs", 1);
      ens.faults.throttle("DeleteKeyPairs", 1);
      expect(await sdkError(del())).toMatchObject({ code: "Throttling.User" });
      expect(
        await sdkError(callEns(ens, "DeleteKeyPairs", { KeyPairName: "victim" }, { accessKeySecret: "bad" })),
      ).toMatchObject({ code: "SignatureDoesNotMatch" });
      await sdkError(del());
      expect(ens.calls().map((c) => c.outcome)).toEqual(["answered", "answered", "response-lost"]);
      expect(ens.keyPair("victim")).toBeUndefined();
    });
  });

  describe("latency", () => {
    it("delays the answer by a timer", async () => {
      ens.faults.latency("DescribeKeyPairs", 150);
      const started = Date.now();
      await describeAll();
      expect(Date.now() - started).toBeGreaterThanOrEqual(150);
      ens.faults.latency("DescribeKeyPairs", 0);
      await describeAll();
      expect(ens.calls()).toHaveLength(2);
    });

    it("lets a client time out; the call is then logged as response-lost, the action done", async () => {
      ens.faults.latency("DeleteKeyPairs", 60_000);
      const error = await sdkError(
        callEns(ens, "DeleteKeyPairs", { KeyPairName: "victim" }, { readTimeout: 100 }),
      );
      expect(error.name).toMatch(/Timeout/i);
      await ens.waitForCalls(1, "DeleteKeyPairs");
      expect(ens.calls()[0]).toMatchObject({ outcome: "response-lost", statusCode: 0 });
      expect(ens.keyPair("victim")).toBeUndefined();
    });
  });

  describe("noPermission", () => {
    it("answers NoPermission naming the RAM action until cleared", async () => {
      ens.faults.noPermission("DeleteKeyPairs");
      for (let i = 0; i < 2; i++) {
        const error = await sdkError(del());
        expect(error).toMatchObject({ name: "ClientError", code: "NoPermission", statusCode: 400 });
        expect(error.data.Message).toContain("ens:DeleteKeyPairs");
      }
      await describeAll();
      ens.faults.clear();
      await del();
      expect(ens.keyPairs()).toEqual([]);
    });
  });

  describe("rateLimit", () => {
    it("lets a burst through, then throttles with a retry hint", async () => {
      // One token per 1000 s: no refill can happen during the test.
      ens.faults.rateLimit(0.001, 2);
      await describeAll();
      await describeAll();
      const error = await sdkError(describeAll());
      expect(error).toMatchObject({ code: "Throttling.User", statusCode: 400 });
      expect(error.retryAfter).toBeGreaterThan(0);
    });

    it("refills the bucket over time", async () => {
      ens.faults.rateLimit(1000, 1);
      await describeAll();
      // 1000 per second: one token is back within a millisecond; wait on a condition, bounded.
      const deadline = Date.now() + 5000;
      let answered = false;
      while (!answered && Date.now() < deadline) {
        answered = await describeAll().then(
          () => true,
          () => false,
        );
      }
      expect(answered).toBe(true);
    });
  });

  it("applies faults in order: resetConnection, throttle, serverError, apiError, errorInOkAnswer, noPermission", async () => {
    ens.faults.noPermission("DeleteKeyPairs");
    ens.faults.errorInOkAnswer("DeleteKeyPairs", 1, { code: "InOk" });
    ens.faults.apiError("DeleteKeyPairs", 1, { code: "Injected" });
    ens.faults.serverError("DeleteKeyPairs", 1);
    ens.faults.throttle("DeleteKeyPairs", 1);
    ens.faults.resetConnection("DeleteKeyPairs", 1);
    for (let i = 0; i < 6; i++) await del().catch(() => undefined);
    expect(ens.calls().map((c) => c.code ?? c.outcome)).toEqual([
      "reset",
      "Throttling.User",
      "ServiceUnavailable",
      "Injected",
      "InOk",
      "NoPermission",
    ]);
    expect(ens.keyPair("victim")).toBeDefined();
  });

  it("does not use up a fault on a request refused before its stage", async () => {
    ens.faults.throttle("DeleteKeyPairs", 1);
    expect(
      await sdkError(callEns(ens, "DeleteKeyPairs", { KeyPairName: "victim" }, { accessKeySecret: "bad" })),
    ).toMatchObject({
      code: "SignatureDoesNotMatch",
    });
    expect(await sdkError(del())).toMatchObject({ code: "Throttling.User" });
  });

  it("clear() removes every fault", async () => {
    ens.faults.throttle("*", 5);
    ens.faults.serverError("*", 5);
    ens.faults.resetConnection("*", 5);
    ens.faults.loseResponse("*", 5);
    ens.faults.holdRequest("*", 5);
    ens.faults.holdResponse("*", 5);
    ens.faults.latency("*", 60_000);
    ens.faults.noPermission("*");
    ens.faults.rateLimit(0.001, 1);
    ens.faults.apiError("*", 5, { code: "Injected" });
    ens.faults.errorInOkAnswer("*", 5, { code: "InOk" });
    ens.faults.incompleteCreate(5, { omit: "PrivateKeyBody" });
    ens.faults.clear();
    await describeAll();
    const { body } = await callEns(ens, "CreateKeyPair", { KeyPairName: "after-clear" });
    expect(body).toHaveProperty("PrivateKeyBody");
    await del();
    expect(ens.calls().map((c) => [c.outcome, c.statusCode, c.code])).toEqual([
      ["answered", 200, undefined],
      ["answered", 200, undefined],
      ["answered", 200, undefined],
    ]);
  });

  it.each([
    ["an empty action", () => ens.faults.throttle("", 1)],
    ["negative times", () => ens.faults.serverError("*", -1)],
    ["fractional times", () => ens.faults.loseResponse("*", 1.5)],
    ["a 404 server error", () => ens.faults.serverError("*", 1, 404 as 500)],
    ["a negative retry hint", () => ens.faults.throttle("*", 1, { retryAfterSeconds: -1 })],
    ["negative latency", () => ens.faults.latency("*", -5)],
    ["a zero rate", () => ens.faults.rateLimit(0)],
    ["a zero burst", () => ens.faults.rateLimit(1, 0)],
    ["an empty throttle code", () => ens.faults.throttle("*", 1, { code: "" })],
    ["an apiError without a code", () => ens.faults.apiError("*", 1, {} as { code: string })],
    ["an apiError with status 200", () => ens.faults.apiError("*", 1, { code: "X", statusCode: 200 })],
    ["an apiError with status 600", () => ens.faults.apiError("*", 1, { code: "X", statusCode: 600 })],
    ["an errorInOkAnswer with a blank code", () => ens.faults.errorInOkAnswer("*", 1, { code: " " })],
    [
      "an unknown incompleteCreate field",
      () => ens.faults.incompleteCreate(1, { omit: "KeyPairName" as "KeyPairId" }),
    ],
    ["negative incompleteCreate times", () => ens.faults.incompleteCreate(-1, { omit: "KeyPairId" })],
  ])("refuses %s with a RangeError", (_label, configure) => {
    expect(configure).toThrow(RangeError);
  });
});
