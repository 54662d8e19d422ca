import { createPublicKey, generateKeyPairSync } from "node:crypto";
import { sshRsaPublicKeyOf } from "../../lib/shared/public-key";
import { EnsEmulator } from "../../lib/testing";
import { callEns, sdkError, SdkCallOptions } from "./sdk-client";
import { useEmulator } from "../support/emulator";
import { onTheWire } from "../support/fingerprints";

const SIGNING: [string, SdkCallOptions][] = [
  ["V3 ACS3-HMAC-SHA256", {}],
  ["V2 HMAC-SHA1", { signatureAlgorithm: "v2" }],
];

function newPublicKey(): string {
  const { publicKey } = generateKeyPairSync("rsa", { modulusLength: 1024 });
  return `${sshRsaPublicKeyOf(publicKey)} user@host`;
}

describe.each(SIGNING)("key pair actions through the official SDK, %s", (_label, signing) => {
  let ens: EnsEmulator;
  const call = (action: string, params: Record<string, string> = {}) => callEns(ens, action, params, signing);

  useEmulator((started) => (ens = started));

  describe("CreateKeyPair", () => {
    it("returns name, ID, fingerprint and a PKCS#1 private key, and stores the key", async () => {
      const { statusCode, headers, body } = await call("CreateKeyPair", { KeyPairName: "web-1" });
      expect(statusCode).toBe(200);
      expect(headers["content-type"]).toBe("application/json;charset=utf-8");
      expect(body.RequestId).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
      expect(body.KeyPairName).toBe("web-1");
      expect(body.KeyPairId).toMatch(/^ssh-[a-z0-9]{20}$/);
      // Plain hex, as the ENS pages show it (the default readings.fingerprintFormat).
      expect(body.KeyPairFingerPrint).toMatch(/^[0-9a-f]{32}$/);
      const pem = String(body.PrivateKeyBody);
      expect(pem).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\n/);
      const stored = ens.keyPair("web-1");
      expect(stored).toMatchObject({
        keyPairId: body.KeyPairId,
        fingerprint: onTheWire(String(body.KeyPairFingerPrint), "colon"),
        attachedInstanceIds: [],
      });
      expect(stored?.publicKey).toBe(sshRsaPublicKeyOf(pem));
      expect(stored?.creationTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    });

    it("answers PubKeyNameExisted for a taken name, and keeps the first key", async () => {
      const first = await call("CreateKeyPair", { KeyPairName: "web-1" });
      const error = await sdkError(call("CreateKeyPair", { KeyPairName: "web-1" }));
      expect(error).toMatchObject({ name: "ClientError", code: "PubKeyNameExisted", statusCode: 400 });
      expect(ens.keyPairs().map((k) => k.keyPairId)).toEqual([first.body.KeyPairId]);
    });

    it("lets only one of two concurrent creates of the same name win", async () => {
      const results = await Promise.allSettled([
        call("CreateKeyPair", { KeyPairName: "race" }),
        call("CreateKeyPair", { KeyPairName: "race" }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(ens.keyPairs()).toHaveLength(1);
    });

    it.each([
      ["", "MissingParameter"],
      ["a", "InvalidParameter.KeyPairName"],
      ["1abc", "InvalidParameter.KeyPairName"],
      ["http://x", "InvalidParameter.KeyPairName"],
      ["has space", "InvalidParameter.KeyPairName"],
      ["x".repeat(129), "InvalidParameter.KeyPairName"],
    ])("refuses the name %j with %s", async (name, code) => {
      const error = await sdkError(call("CreateKeyPair", name ? { KeyPairName: name } : {}));
      expect(error).toMatchObject({ code, statusCode: 400 });
      expect(ens.keyPairs()).toEqual([]);
    });

    it("names the broken rule in InvalidParameter.KeyPairName", async () => {
      const error = await sdkError(call("CreateKeyPair", { KeyPairName: "9lives" }));
      expect(error.data.Message).toContain("must start with a letter");
    });

    it("accepts names with ':' '_' '-' and 128 characters", async () => {
      const name = `a:b_c-${"d".repeat(122)}`;
      await call("CreateKeyPair", { KeyPairName: name });
      expect(ens.keyPair(name)).toBeDefined();
    });
  });

  describe("ImportKeyPair", () => {
    it("stores the key and answers name and fingerprint, without KeyPairId", async () => {
      const publicKey = newPublicKey();
      const { body } = await call("ImportKeyPair", { KeyPairName: "imported", PublicKeyBody: publicKey });
      expect(Object.keys(body).sort()).toEqual(["KeyPairFingerPrint", "KeyPairName", "RequestId"]);
      expect(ens.keyPair("imported")).toMatchObject({
        fingerprint: onTheWire(String(body.KeyPairFingerPrint), "colon"),
        publicKey: publicKey.split(" ").slice(0, 2).join(" "),
        keyPairId: expect.stringMatching(/^ssh-[a-z0-9]{20}$/),
      });
    });

    it("gives the same fingerprint as CreateKeyPair for the same key", async () => {
      const created = await call("CreateKeyPair", { KeyPairName: "made" });
      const publicKey = sshRsaPublicKeyOf(createPublicKey(String(created.body.PrivateKeyBody)));
      const imported = await call("ImportKeyPair", { KeyPairName: "copy", PublicKeyBody: publicKey });
      expect(imported.body.KeyPairFingerPrint).toBe(created.body.KeyPairFingerPrint);
    });

    it.each([
      [{ KeyPairName: "k1" }, "MissingParameter"],
      [{ KeyPairName: "k1", PublicKeyBody: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG" }, "InvalidPubKeyBody"],
      [{ KeyPairName: "k1", PublicKeyBody: "ssh-rsa not*base64" }, "InvalidPubKeyBody"],
      [{ KeyPairName: "-bad", PublicKeyBody: "ssh-rsa AAAA" }, "InvalidParameter.KeyPairName"],
    ])("refuses %j with %s", async (params, code) => {
      const error = await sdkError(call("ImportKeyPair", params));
      expect(error).toMatchObject({ code, statusCode: 400 });
      expect(ens.keyPairs()).toEqual([]);
    });

    it("answers PubKeyNameExisted for a taken name", async () => {
      ens.addKeyPair({ keyPairName: "taken" });
      const error = await sdkError(
        call("ImportKeyPair", { KeyPairName: "taken", PublicKeyBody: newPublicKey() }),
      );
      expect(error).toMatchObject({ code: "PubKeyNameExisted", statusCode: 400 });
    });
  });

  describe("DescribeKeyPairs", () => {
    it("lists key pairs in creation order with ISO creation times, 10 per page by default", async () => {
      const names = Array.from({ length: 12 }, (_, i) => `key-${String(i).padStart(2, "0")}`);
      const publicKey = newPublicKey();
      for (const name of names) ens.addKeyPair({ keyPairName: name, publicKey });
      const { body } = await call("DescribeKeyPairs");
      expect(body).toMatchObject({ PageNumber: 1, PageSize: 10, TotalCount: 12 });
      const items = (body.KeyPairs as { KeyPair: Record<string, string>[] }).KeyPair;
      expect(items.map((k) => k.KeyPairName)).toEqual(names.slice(0, 10));
      expect(Object.keys(items[0]).sort()).toEqual([
        "CreationTime",
        "KeyPairFingerPrint",
        "KeyPairId",
        "KeyPairName",
      ]);
      expect(items[0].CreationTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    });

    it("pages with PageNumber and PageSize", async () => {
      const publicKey = newPublicKey();
      for (let i = 0; i < 5; i++) ens.addKeyPair({ keyPairName: `key-${i}`, publicKey });
      const page2 = await call("DescribeKeyPairs", { PageNumber: "2", PageSize: "2" });
      expect(page2.body).toMatchObject({ PageNumber: 2, PageSize: 2, TotalCount: 5 });
      expect(
        (page2.body.KeyPairs as { KeyPair: { KeyPairName: string }[] }).KeyPair.map((k) => k.KeyPairName),
      ).toEqual(["key-2", "key-3"]);
      const beyond = await call("DescribeKeyPairs", { PageNumber: "4", PageSize: "2" });
      expect(beyond.body).toMatchObject({ TotalCount: 5, KeyPairs: { KeyPair: [] } });
      const all = await call("DescribeKeyPairs", { PageSize: "100" });
      expect(all.body).toMatchObject({ PageSize: 100, TotalCount: 5 });
    });

    it("filters by exact name and by ID", async () => {
      const publicKey = newPublicKey();
      const web = ens.addKeyPair({ keyPairName: "web", publicKey });
      ens.addKeyPair({ keyPairName: "web-2", publicKey });
      const byName = await call("DescribeKeyPairs", { KeyPairName: "web" });
      expect(byName.body).toMatchObject({
        TotalCount: 1,
        KeyPairs: { KeyPair: [{ KeyPairId: web.keyPairId }] },
      });
      const byId = await call("DescribeKeyPairs", { KeyPairId: web.keyPairId });
      expect(byId.body).toMatchObject({ TotalCount: 1, KeyPairs: { KeyPair: [{ KeyPairName: "web" }] } });
      const none = await call("DescribeKeyPairs", { KeyPairName: "we" });
      expect(none.body).toMatchObject({ TotalCount: 0, KeyPairs: { KeyPair: [] } });
    });

    it.each([
      [{ PageSize: "0" }, "InvalidParameter.PageSize"],
      [{ PageSize: "101" }, "InvalidParameter.PageSize"],
      [{ PageSize: "ten" }, "InvalidParameter.PageSize"],
      [{ PageNumber: "0" }, "InvalidParameter.PageNumber"],
      [{ PageNumber: "-1" }, "InvalidParameter.PageNumber"],
      [{ KeyPairName: "_x" }, "InvalidParameter.KeyPairName"],
    ])("refuses %j with %s", async (params, code) => {
      expect(await sdkError(call("DescribeKeyPairs", params))).toMatchObject({ code, statusCode: 400 });
    });
  });

  describe("DeleteKeyPairs", () => {
    it("deletes by name and by ID", async () => {
      ens.addKeyPair({ keyPairName: "by-name" });
      const byId = ens.addKeyPair({ keyPairName: "by-id" });
      const { body } = await call("DeleteKeyPairs", { KeyPairName: "by-name" });
      expect(Object.keys(body)).toEqual(["RequestId"]);
      await call("DeleteKeyPairs", { KeyPairId: byId.keyPairId });
      expect(ens.keyPairs()).toEqual([]);
    });

    it("answers PubKeyNameNotExist (400) for an unknown name or ID, or a name and ID of different keys", async () => {
      const a = ens.addKeyPair({ keyPairName: "a-key" });
      ens.addKeyPair({ keyPairName: "b-key" });
      const attempts: Record<string, string>[] = [
        { KeyPairName: "nope" },
        { KeyPairId: "ssh-unknown" },
        { KeyPairName: "b-key", KeyPairId: a.keyPairId },
      ];
      for (const params of attempts) {
        const error = await sdkError(call("DeleteKeyPairs", params));
        expect(error).toMatchObject({ name: "ClientError", code: "PubKeyNameNotExist", statusCode: 400 });
      }
      expect(ens.keyPairs()).toHaveLength(2);
    });

    it("answers MissingParameter without name or ID", async () => {
      expect(await sdkError(call("DeleteKeyPairs"))).toMatchObject({
        code: "MissingParameter",
        statusCode: 400,
      });
    });

    it("deletes a key that instances still use, as the API page says (readings.attachedKeyDelete)", async () => {
      ens.addKeyPair({ keyPairName: "bound" });
      ens.attachInstance("bound");
      const { statusCode, body } = await call("DeleteKeyPairs", { KeyPairName: "bound" });
      expect(statusCode).toBe(200);
      expect(Object.keys(body)).toEqual(["RequestId"]);
      expect(ens.keyPair("bound")).toBeUndefined();
    });
  });

  it("logs every call with its business parameters only", async () => {
    await call("DescribeKeyPairs", { KeyPairName: "web", PageSize: "5" });
    await sdkError(call("DeleteKeyPairs", { KeyPairName: "web" }));
    const calls = ens.calls();
    expect(calls).toHaveLength(2);
    expect(calls[0]).toMatchObject({
      action: "DescribeKeyPairs",
      params: { KeyPairName: "web", PageSize: "5" },
      httpMethod: "POST",
      signatureVerified: true,
      accessKeyId: ens.credentials.accessKeyId,
      statusCode: 200,
      outcome: "answered",
    });
    expect(calls[0].code).toBeUndefined();
    expect(calls[1]).toMatchObject({ action: "DeleteKeyPairs", statusCode: 400, code: "PubKeyNameNotExist" });
    for (const c of calls) {
      expect(Object.keys(c.params).sort()).toEqual(
        c.action === "DescribeKeyPairs" ? ["KeyPairName", "PageSize"] : ["KeyPairName"],
      );
      expect(JSON.stringify(c)).not.toContain(ens.credentials.accessKeySecret);
    }
  });
});

describe("key pair actions, transport variants through the SDK", () => {
  let ens: EnsEmulator;
  useEmulator((started) => (ens = started));

  it.each<[string, SdkCallOptions]>([
    ["V3 GET", { method: "GET" }],
    ["V3 form body", { inBody: true }],
    ["V2 GET", { signatureAlgorithm: "v2", method: "GET" }],
    ["V2 form body", { signatureAlgorithm: "v2", inBody: true }],
  ])("%s carries the parameters", async (_label, options) => {
    const publicKey = newPublicKey();
    await callEns(ens, "ImportKeyPair", { KeyPairName: "variant", PublicKeyBody: publicKey }, options);
    expect(ens.keyPair("variant")).toBeDefined();
    expect(ens.calls()[0]).toMatchObject({
      httpMethod: options.method ?? "POST",
      signatureVerified: true,
      params: { KeyPairName: "variant", PublicKeyBody: publicKey },
    });
  });

  it("generates 2048-bit keys by default", async () => {
    const defaults = await EnsEmulator.start();
    try {
      const { body } = await callEns(defaults, "CreateKeyPair", { KeyPairName: "big" });
      expect(createPublicKey(String(body.PrivateKeyBody)).asymmetricKeyDetails?.modulusLength).toBe(2048);
    } finally {
      await defaults.stop();
    }
  });
});
