import { request } from "node:http";
import { generateKeyPairSync } from "node:crypto";
import { sshRsaPublicKeyOf } from "../../lib/shared/public-key";
import { EnsEmulator, InvalidOptionError } from "../../lib/testing";
import { callEns, sdkError } from "./sdk-client";
import { useEmulator } from "../support/emulator";
import { onTheWire } from "../support/fingerprints";

describe("EnsEmulator lifecycle and options", () => {
  it("listens on 127.0.0.1 with a random port and the default credentials", async () => {
    const ens = await EnsEmulator.start();
    try {
      expect(ens.port).toBeGreaterThan(0);
      expect(ens.endpoint).toBe(`http://127.0.0.1:${ens.port}`);
      expect(ens.credentials).toEqual({
        accessKeyId: "test-access-key-id",
        accessKeySecret: "test-access-key-secret",
      });
      expect(ens.env()).toEqual({
        ALIBABA_CLOUD_ACCESS_KEY_ID: "test-access-key-id",
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: "test-access-key-secret",
        ALIBABA_CLOUD_ENDPOINT_ENS: ens.endpoint,
      });
    } finally {
      await ens.stop();
    }
  });

  it("uses the given credentials", async () => {
    const ens = await EnsEmulator.start({ accessKeyId: "my-id", accessKeySecret: "my-secret" });
    try {
      await callEns(ens, "DescribeKeyPairs");
      expect(ens.calls()[0]).toMatchObject({ accessKeyId: "my-id", signatureVerified: true });
      expect(
        await sdkError(callEns(ens, "DescribeKeyPairs", {}, { accessKeyId: "test-access-key-id" })),
      ).toMatchObject({
        code: "InvalidAccessKeyId.NotFound",
      });
    } finally {
      await ens.stop();
    }
  });

  it("listens on ::1 with a bracketed endpoint", async () => {
    const ens = await EnsEmulator.start({ host: "::1" }).catch((error: NodeJS.ErrnoException) => {
      // Machines without IPv6 loopback cannot run this case; anything else is a failure.
      if (error.code === "EADDRNOTAVAIL" || error.code === "EAFNOSUPPORT") return undefined;
      throw error;
    });
    if (!ens) return;
    try {
      expect(ens.endpoint).toBe(`http://[::1]:${ens.port}`);
    } finally {
      await ens.stop();
    }
  });

  it.each([
    [{ host: "0.0.0.0" }, /loopback only/],
    [{ host: "192.168.1.10" }, /loopback only/],
    [{ port: 70000 }, /port/],
    [{ port: 1.5 }, /port/],
    [{ maxClockSkewSeconds: -1 }, /maxClockSkewSeconds/],
    [{ rsaBits: 512 }, /rsaBits/],
  ])("refuses %j", async (options, message) => {
    const start = EnsEmulator.start(options);
    await expect(start).rejects.toThrow(InvalidOptionError);
    await expect(start).rejects.toThrow(message);
  });

  it("reports a port in use", async () => {
    const first = await EnsEmulator.start();
    try {
      await expect(EnsEmulator.start({ port: first.port })).rejects.toMatchObject({ code: "EADDRINUSE" });
    } finally {
      await first.stop();
    }
  });

  it("stop() closes idle keep-alive connections and is idempotent", async () => {
    const ens = await EnsEmulator.start();
    const socketClosed = new Promise<void>((resolve, reject) => {
      const outgoing = request(
        {
          host: "127.0.0.1",
          port: ens.port,
          method: "GET",
          path: "/",
          headers: { connection: "keep-alive" },
        },
        (res) => {
          res.resume();
          res.on("end", () => outgoing.socket?.once("close", () => resolve()));
        },
      );
      outgoing.on("error", reject);
      outgoing.end();
    });
    await ens.waitForCalls(1);
    await Promise.all([ens.stop(), ens.stop()]);
    await socketClosed;
  });

  it("stop() ends a call waiting on latency and rejects pending waitForCalls", async () => {
    const ens = await EnsEmulator.start({ rsaBits: 1024 });
    ens.faults.latency("*", 60_000);
    const pending = callEns(ens, "CreateKeyPair", { KeyPairName: "slow" }).then(
      () => "answered",
      () => "failed",
    );
    // The key exists once the action ran, i.e. once the answer waits on the latency timer.
    const deadline = Date.now() + 10_000;
    while (!ens.keyPair("slow") && Date.now() < deadline)
      await new Promise((resolve) => setImmediate(resolve));
    expect(ens.keyPair("slow")).toBeDefined();
    const waiter = ens.waitForCalls(5);
    await ens.stop();
    await expect(waiter).rejects.toThrow(/stopped before receiving 5 call/);
    expect(await pending).toBe("failed");
  });
});

describe("EnsEmulator state and out-of-band changes", () => {
  let ens: EnsEmulator;
  useEmulator((started) => (ens = started));

  it("addKeyPair generates a key, or stores the given one with the API's fingerprint", async () => {
    const generated = ens.addKeyPair({ keyPairName: "generated" });
    expect(generated.publicKey).toMatch(/^ssh-rsa AAAA/);
    const { publicKey } = generateKeyPairSync("rsa", { modulusLength: 1024 });
    const line = sshRsaPublicKeyOf(publicKey);
    const given = ens.addKeyPair({ keyPairName: "given", publicKey: `${line} me@host` });
    expect(given.publicKey).toBe(line);
    const { body } = await callEns(ens, "ImportKeyPair", { KeyPairName: "via-api", PublicKeyBody: line });
    expect(body.KeyPairFingerPrint).toBe(onTheWire(given.fingerprint));
    expect(ens.keyPairs().map((k) => k.keyPairName)).toEqual(["generated", "given", "via-api"]);
  });

  it.each([
    [{ keyPairName: "1bad" }, /must start with a letter/],
    [{ keyPairName: "good", publicKey: "ssh-dss AAAA" }, /only ssh-rsa/],
  ])("addKeyPair refuses %j", (keyPair, message) => {
    expect(() => ens.addKeyPair(keyPair)).toThrow(message);
  });

  it("addKeyPair refuses a taken name", () => {
    ens.addKeyPair({ keyPairName: "twice" });
    expect(() => ens.addKeyPair({ keyPairName: "twice" })).toThrow(/already exists/);
  });

  it("addKeyPair seeds a creation time, as a Date or an ISO 8601 string, shown in UTC without milliseconds", async () => {
    ens.addKeyPair({ keyPairName: "old-date", creationTime: new Date("2020-04-26T15:38:27.123Z") });
    ens.addKeyPair({ keyPairName: "old-text", creationTime: "2021-01-31T12:00:00.5+02:00" });
    ens.addKeyPair({ keyPairName: "new-one" });
    const { body } = await callEns(ens, "DescribeKeyPairs");
    const items = (body.KeyPairs as { KeyPair: { KeyPairName: string; CreationTime: string }[] }).KeyPair;
    expect(items.map((item) => [item.KeyPairName, item.CreationTime.slice(0, 4)])).toEqual([
      ["old-date", "2020"],
      ["old-text", "2021"],
      ["new-one", String(new Date().getUTCFullYear())],
    ]);
    expect(ens.keyPair("old-date")?.creationTime).toBe("2020-04-26T15:38:27Z");
    expect(ens.keyPair("old-text")?.creationTime).toBe("2021-01-31T10:00:00Z");
  });

  it.each<[string, Date | string]>([
    ["a word", "yesterday"],
    ["a date without a time", "2024-01-31"],
    ["a time without a zone", "2024-01-31T12:00:00"],
    ["an impossible date", "2024-13-31T12:00:00Z"],
    ["an invalid Date", new Date("nope")],
  ])("addKeyPair refuses %s as creationTime with a RangeError, storing nothing", (_label, creationTime) => {
    expect(() => ens.addKeyPair({ keyPairName: "dated", creationTime })).toThrow(
      /Invalid creationTime .*: give a Date, or an ISO 8601 time with a time zone/,
    );
    expect(() => ens.addKeyPair({ keyPairName: "dated", creationTime })).toThrow(RangeError);
    expect(ens.keyPairs()).toEqual([]);
  });

  it("replaceKeyPair keeps the name and gives it a new key, ID and creation time, as the newest key pair", async () => {
    const old = ens.addKeyPair({ keyPairName: "swapped", creationTime: "2020-01-01T00:00:00Z" });
    ens.attachInstance("swapped", "i-old");
    ens.addKeyPair({ keyPairName: "other" });
    const replaced = ens.replaceKeyPair("swapped");
    expect(replaced).toMatchObject({ keyPairName: "swapped", attachedInstanceIds: [] });
    expect(replaced.keyPairId).not.toBe(old.keyPairId);
    expect(replaced.publicKey).not.toBe(old.publicKey);
    expect(replaced.creationTime).not.toBe(old.creationTime);
    expect(ens.keyPairs().map((k) => k.keyPairName)).toEqual(["other", "swapped"]);
    const line = sshRsaPublicKeyOf(generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey);
    expect(ens.replaceKeyPair("swapped", line).publicKey).toBe(line);
    expect(await sdkError(callEns(ens, "DeleteKeyPairs", { KeyPairId: old.keyPairId }))).toMatchObject({
      code: "PubKeyNameNotExist",
    });
  });

  it("replaceKeyPair refuses an unknown name, and a bad key without touching the key pair", () => {
    expect(() => ens.replaceKeyPair("ghost")).toThrow(/no key pair named "ghost"/);
    const kept = ens.addKeyPair({ keyPairName: "kept" });
    expect(() => ens.replaceKeyPair("kept", "ssh-dss AAAA")).toThrow(/only ssh-rsa/);
    expect(ens.keyPair("kept")).toEqual(kept);
  });

  it("deleteKeyPair removes by name or ID, and says whether one existed", async () => {
    const a = ens.addKeyPair({ keyPairName: "a-key" });
    ens.addKeyPair({ keyPairName: "b-key" });
    expect(ens.deleteKeyPair(a.keyPairId)).toBe(true);
    expect(ens.deleteKeyPair("b-key")).toBe(true);
    expect(ens.deleteKeyPair("b-key")).toBe(false);
    expect(await sdkError(callEns(ens, "DeleteKeyPairs", { KeyPairName: "b-key" }))).toMatchObject({
      code: "PubKeyNameNotExist",
    });
  });

  it("attachInstance returns the instance ID and shows it on the key pair; detachInstances clears them", () => {
    ens.addKeyPair({ keyPairName: "bound" });
    const generated = ens.attachInstance("bound");
    expect(generated).toMatch(/^i-[a-z0-9]{20}$/);
    expect(ens.attachInstance("bound", "i-given")).toBe("i-given");
    expect(ens.keyPair("bound")?.attachedInstanceIds).toEqual([generated, "i-given"]);
    ens.detachInstances("bound");
    expect(ens.keyPair("bound")?.attachedInstanceIds).toEqual([]);
  });

  it("attachInstance and detachInstances refuse an unknown key pair", () => {
    expect(() => ens.attachInstance("ghost")).toThrow(/no key pair named "ghost"/);
    expect(() => ens.detachInstances("ghost")).toThrow(/no key pair named "ghost"/);
  });

  it("returns snapshots that later changes do not alter", () => {
    ens.addKeyPair({ keyPairName: "snap" });
    const before = ens.keyPair("snap");
    ens.attachInstance("snap", "i-1");
    expect(before?.attachedInstanceIds).toEqual([]);
    expect(Object.isFrozen(before)).toBe(true);
  });

  it("waitForCalls resolves once enough calls (of an action) finished, counting earlier ones", async () => {
    await callEns(ens, "DescribeKeyPairs");
    await ens.waitForCalls(1);
    const deletes = ens.waitForCalls(2, "DeleteKeyPairs");
    let resolved = false;
    void deletes.then(() => (resolved = true));
    await sdkError(callEns(ens, "DeleteKeyPairs", { KeyPairName: "x1" }));
    await callEns(ens, "DescribeKeyPairs");
    expect(resolved).toBe(false);
    await sdkError(callEns(ens, "DeleteKeyPairs", { KeyPairName: "x1" }));
    await deletes;
    await expect(ens.waitForCalls(-1)).rejects.toThrow(RangeError);
  });

  it("waitForCalls rejects after timeoutMs, saying what it awaited and listing the calls so far", async () => {
    await callEns(ens, "DescribeKeyPairs");
    await sdkError(callEns(ens, "DeleteKeyPairs", { KeyPairName: "ghost" }));
    ens.faults.holdRequest("CreateKeyPair", 1);
    const created = sdkError(callEns(ens, "CreateKeyPair", { KeyPairName: "held" }));
    await ens.waitForHeld(1);
    const started = Date.now();
    await expect(ens.waitForCalls(3, "DeleteKeyPairs", { timeoutMs: 50 })).rejects.toThrow(
      "Timed out after 50 ms waiting for 3 DeleteKeyPairs call(s) to finish; 1 did. Finished calls: " +
        "DescribeKeyPairs 200 OK, DeleteKeyPairs 400 PubKeyNameNotExist; 1 still in progress.",
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    ens.reset();
    await created;
  });

  it("waitForCalls waits 30 s by default", async () => {
    jest.useFakeTimers({ doNotFake: ["nextTick", "setImmediate", "queueMicrotask"] });
    try {
      const outcome = ens.waitForCalls(1).then(
        () => "resolved",
        (error: Error) => error.message,
      );
      jest.advanceTimersByTime(29_999);
      await Promise.resolve();
      let settled = false;
      void outcome.then(() => (settled = true));
      await Promise.resolve();
      expect(settled).toBe(false);
      jest.advanceTimersByTime(1);
      expect(await outcome).toMatch(/^Timed out after 30000 ms waiting for 1 call\(s\) to finish; 0 did\./);
    } finally {
      jest.useRealTimers();
    }
  });

  it("waitForCalls refuses a timeout setTimeout cannot wait", async () => {
    await expect(ens.waitForCalls(1, undefined, { timeoutMs: 1.5 })).rejects.toThrow(RangeError);
    await expect(ens.waitForCalls(1, undefined, { timeoutMs: 2 ** 31 })).rejects.toThrow(
      /Invalid timeoutMs 2147483648: use a positive integer number of milliseconds, at most 2147483647/,
    );
  });

  it("waitForCalls lets a test wait for calls a separate client makes", async () => {
    const waiting = ens.waitForCalls(3, "DescribeKeyPairs");
    const clients = Promise.all([1, 2, 3].map(() => callEns(ens, "DescribeKeyPairs")));
    await waiting;
    await clients;
    expect(ens.calls()).toHaveLength(3);
  });

  it("reset() forgets key pairs, calls and faults but keeps credentials", async () => {
    ens.addCredential({ accessKeyId: "kept", accessKeySecret: "kept-secret" });
    ens.addKeyPair({ keyPairName: "gone-after-reset" });
    ens.faults.noPermission("*");
    await sdkError(callEns(ens, "DescribeKeyPairs"));
    ens.reset();
    expect(ens.keyPairs()).toEqual([]);
    expect(ens.calls()).toEqual([]);
    await callEns(ens, "DescribeKeyPairs", {}, { accessKeyId: "kept", accessKeySecret: "kept-secret" });
    expect(ens.calls()).toHaveLength(1);
  });

  it("refuses an empty credential", () => {
    expect(() => ens.addCredential({ accessKeyId: "", accessKeySecret: "x" })).toThrow(/non-empty/);
  });
});
