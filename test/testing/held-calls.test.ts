import { EnsEmulator } from "../../lib/testing";
import { send, signV3 } from "./raw-client";
import { callEns, sdkError } from "./sdk-client";
import { useEmulator } from "../support/emulator";

/** A raw signed call that a test can hang up on, as a killed or impatient client does. */
function abortableCall(ens: EnsEmulator, action: string, params: Record<string, string>) {
  const controller = new AbortController();
  const answer = send(ens, signV3(ens, params, { action }), { signal: controller.signal });
  const settled = answer.then(
    () => "answered",
    (error: Error) => error.name,
  );
  return { hangUp: () => controller.abort(), settled };
}

describe("held calls (holdRequest, holdResponse)", () => {
  let ens: EnsEmulator;
  useEmulator((started) => (ens = started));

  describe("holdResponse", () => {
    it("commits the change before answering, and answers once released", async () => {
      ens.faults.holdResponse("CreateKeyPair", 1);
      const created = callEns(ens, "CreateKeyPair", { KeyPairName: "held-create" });
      await ens.waitForHeld(1, "CreateKeyPair");
      const stored = ens.keyPair("held-create");
      expect(stored).toBeDefined();
      expect(ens.calls()).toEqual([]);
      expect(ens.heldCalls()).toBe(1);
      expect(ens.releaseHeld()).toBe(1);
      const { body } = await created;
      expect(body).toMatchObject({ KeyPairName: "held-create", KeyPairId: stored?.keyPairId });
      expect(ens.heldCalls()).toBe(0);
      expect(ens.calls()).toMatchObject([{ action: "CreateKeyPair", outcome: "answered", statusCode: 200 }]);
    });

    it("holds an error answer of the action too", async () => {
      ens.faults.holdResponse("DeleteKeyPairs", 1);
      const deleted = sdkError(callEns(ens, "DeleteKeyPairs", { KeyPairName: "ghost" }));
      await ens.waitForHeld(1);
      ens.releaseHeld("DeleteKeyPairs");
      expect(await deleted).toMatchObject({ code: "PubKeyNameNotExist" });
    });

    it("releases by itself after ms", async () => {
      ens.faults.holdResponse("DescribeKeyPairs", 1, { ms: 150 });
      const started = Date.now();
      await callEns(ens, "DescribeKeyPairs");
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
      await ens.waitForHeld(1);
      expect(ens.heldCalls()).toBe(0);
    });

    it("logs response-lost when the client hangs up while the answer is held; the action took effect", async () => {
      ens.addKeyPair({ keyPairName: "victim" });
      ens.faults.holdResponse("DeleteKeyPairs", 1);
      const call = abortableCall(ens, "DeleteKeyPairs", { KeyPairName: "victim" });
      await ens.waitForHeld(1, "DeleteKeyPairs");
      expect(ens.keyPair("victim")).toBeUndefined();
      call.hangUp();
      expect(await call.settled).toBe("AbortError");
      await ens.waitForCalls(1);
      expect(ens.calls()).toMatchObject([
        { action: "DeleteKeyPairs", outcome: "response-lost", statusCode: 0, code: undefined },
      ]);
      expect(ens.heldCalls()).toBe(0);
    });
  });

  describe("holdRequest", () => {
    it("holds before the action runs, and performs it once released", async () => {
      ens.addKeyPair({ keyPairName: "victim" });
      ens.faults.holdRequest("DeleteKeyPairs", 1);
      const deleted = callEns(ens, "DeleteKeyPairs", { KeyPairName: "victim" });
      await ens.waitForHeld(1, "DeleteKeyPairs");
      expect(ens.keyPair("victim")).toBeDefined();
      expect(ens.releaseHeld("DeleteKeyPairs")).toBe(1);
      await deleted;
      expect(ens.keyPair("victim")).toBeUndefined();
      expect(ens.calls()).toMatchObject([{ outcome: "answered", statusCode: 200 }]);
    });

    it("never performs the action when the client hangs up while held, and logs the call as dropped", async () => {
      ens.faults.holdRequest("CreateKeyPair", 1);
      const call = abortableCall(ens, "CreateKeyPair", { KeyPairName: "never-made" });
      await ens.waitForHeld(1, "CreateKeyPair");
      call.hangUp();
      expect(await call.settled).toBe("AbortError");
      await ens.waitForCalls(1);
      expect(ens.calls()).toMatchObject([
        { action: "CreateKeyPair", outcome: "dropped", statusCode: 0, signatureVerified: true },
      ]);
      expect(ens.keyPairs()).toEqual([]);
      // The fault is used up: the next create goes through.
      await callEns(ens, "CreateKeyPair", { KeyPairName: "never-made" });
      expect(ens.keyPair("never-made")).toBeDefined();
    });

    it("releases by itself after ms", async () => {
      ens.faults.holdRequest("DescribeKeyPairs", 1, { ms: 100 });
      const started = Date.now();
      await callEns(ens, "DescribeKeyPairs");
      expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    });

    it("holds only authenticated requests: a bad signature is answered at once and uses up no hold", async () => {
      ens.faults.holdRequest("DescribeKeyPairs", 1, { ms: 60_000 });
      expect(
        await sdkError(callEns(ens, "DescribeKeyPairs", {}, { accessKeySecret: "wrong" })),
      ).toMatchObject({ code: "SignatureDoesNotMatch" });
      expect(ens.heldCalls()).toBe(0);
      const described = callEns(ens, "DescribeKeyPairs");
      await ens.waitForHeld(1);
      ens.releaseHeld();
      await described;
    });

    it("comes before the other request faults: a held throttled call is throttled once released", async () => {
      ens.faults.throttle("DescribeKeyPairs", 1);
      ens.faults.holdRequest("DescribeKeyPairs", 1);
      const described = sdkError(callEns(ens, "DescribeKeyPairs"));
      await ens.waitForHeld(1);
      ens.releaseHeld();
      expect(await described).toMatchObject({ code: "Throttling.User" });
    });
  });

  it("holds the next `times` calls only, matches any action with '*', and releases by action", async () => {
    ens.faults.holdRequest("*", 2);
    const described = callEns(ens, "DescribeKeyPairs");
    const created = callEns(ens, "CreateKeyPair", { KeyPairName: "second" });
    await ens.waitForHeld(2);
    await callEns(ens, "DescribeKeyPairs");
    expect(ens.heldCalls()).toBe(2);
    expect(ens.heldCalls("CreateKeyPair")).toBe(1);
    expect(ens.releaseHeld("CreateKeyPair")).toBe(1);
    await created;
    expect(ens.releaseHeld("CreateKeyPair")).toBe(0);
    expect(ens.releaseHeld()).toBe(1);
    await described;
    expect(ens.calls().map((call) => call.outcome)).toEqual(["answered", "answered", "answered"]);
  });

  it("a held answer can still be lost: holdResponse comes before loseResponse", async () => {
    ens.faults.loseResponse("DescribeKeyPairs", 1);
    ens.faults.holdResponse("DescribeKeyPairs", 1);
    const described = sdkError(callEns(ens, "DescribeKeyPairs"));
    await ens.waitForHeld(1);
    ens.releaseHeld();
    await described;
    expect(ens.calls()).toMatchObject([{ outcome: "response-lost" }]);
  });

  it("waitForHeld counts calls held earlier and since released", async () => {
    ens.faults.holdResponse("DescribeKeyPairs", 2, { ms: 0 });
    await callEns(ens, "DescribeKeyPairs");
    await callEns(ens, "DescribeKeyPairs");
    await ens.waitForHeld(2, "DescribeKeyPairs");
    await ens.waitForHeld(0, "CreateKeyPair");
  });

  it("waitForHeld times out with a message saying what it awaited and what came", async () => {
    await callEns(ens, "DescribeKeyPairs");
    await expect(ens.waitForHeld(1, "CreateKeyPair", { timeoutMs: 50 })).rejects.toThrow(
      "Timed out after 50 ms waiting for 1 CreateKeyPair call(s) to be held; 0 were held so far, 0 of them " +
        "still are. Finished calls: DescribeKeyPairs 200 OK; 0 still in progress.",
    );
  });

  it("waitForHeld refuses a bad count or timeout", async () => {
    await expect(ens.waitForHeld(-1)).rejects.toThrow(/Invalid held call count -1/);
    await expect(ens.waitForHeld(1, undefined, { timeoutMs: 0 })).rejects.toThrow(/Invalid timeoutMs 0/);
  });

  it("reset() ends held calls, closing their connections, and forgets how many were held", async () => {
    ens.faults.holdRequest("CreateKeyPair", 1);
    const created = sdkError(callEns(ens, "CreateKeyPair", { KeyPairName: "before-reset" }));
    await ens.waitForHeld(1);
    ens.reset();
    expect((await created).code).toBe("ECONNRESET");
    expect(ens.heldCalls()).toBe(0);
    expect(ens.keyPairs()).toEqual([]);
    await expect(ens.waitForHeld(1, undefined, { timeoutMs: 20 })).rejects.toThrow(/0 were held so far/);
  });

  it.each([
    ["a negative ms", () => ens.faults.holdRequest("*", 1, { ms: -1 })],
    ["a fractional ms", () => ens.faults.holdResponse("*", 1, { ms: 1.5 })],
    ["an ms setTimeout cannot wait", () => ens.faults.holdResponse("*", 1, { ms: 2 ** 31 })],
    ["an empty action", () => ens.faults.holdRequest("", 1)],
    ["negative times", () => ens.faults.holdResponse("*", -1)],
  ])("refuses %s with a RangeError", (_label, configure) => {
    expect(configure).toThrow(RangeError);
  });
});

describe("held calls and stop()", () => {
  it("stop() ends held calls at once: a held request is dropped, a held answer lost; waiters reject", async () => {
    const ens = await EnsEmulator.start({ rsaBits: 1024 });
    ens.addKeyPair({ keyPairName: "victim" });
    ens.faults.holdRequest("CreateKeyPair", 1);
    ens.faults.holdResponse("DeleteKeyPairs", 1);
    const created = sdkError(callEns(ens, "CreateKeyPair", { KeyPairName: "never-made" }));
    const deleted = sdkError(callEns(ens, "DeleteKeyPairs", { KeyPairName: "victim" }));
    await ens.waitForHeld(2);
    const waiter = ens.waitForHeld(3);
    await ens.stop();
    await expect(waiter).rejects.toThrow("The emulator stopped before 3 call(s) were held; 2 were.");
    await Promise.all([created, deleted]);
    const outcomes = Object.fromEntries(ens.calls().map((call) => [call.action, call.outcome]));
    expect(outcomes).toEqual({ CreateKeyPair: "dropped", DeleteKeyPairs: "response-lost" });
    expect(ens.keyPairs()).toEqual([]);
  });
});
