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

  it("applies faults in order: resetConnection, rate limit, throttle, serverError, noPermission", async () => {
    ens.faults.noPermission("DeleteKeyPairs");
    ens.faults.serverError("DeleteKeyPairs", 1);
    ens.faults.throttle("DeleteKeyPairs", 1);
    ens.faults.resetConnection("DeleteKeyPairs", 1);
    for (let i = 0; i < 4; i++) await sdkError(del());
    expect(ens.calls().map((c) => c.code ?? c.outcome)).toEqual([
      "reset",
      "Throttling.User",
      "ServiceUnavailable",
      "NoPermission",
    ]);
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
    ens.faults.clear();
    await describeAll();
    await describeAll();
    await del();
    expect(ens.calls().map((c) => [c.outcome, c.statusCode])).toEqual([
      ["answered", 200],
      ["answered", 200],
      ["answered", 200],
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
  ])("refuses %s with a RangeError", (_label, configure) => {
    expect(configure).toThrow(RangeError);
  });
});
