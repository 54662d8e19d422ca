import { createPublicKey, generateKeyPairSync } from "node:crypto";
import { sshRsaPublicKeyOf } from "../../lib/shared/public-key";
import { DEFAULT_READINGS, EmulatorReadings, EnsEmulator, InvalidOptionError } from "../../lib/testing";
import { callEns, sdkError } from "./sdk-client";
import { useEmulator } from "../support/emulator";

/** Starts one emulator for the enclosing describe block, playing `readings`. */
function useReadings(readings: EmulatorReadings): () => EnsEmulator {
  let ens: EnsEmulator | undefined;
  useEmulator((started) => (ens = started), { rsaBits: 1024, readings });
  return () => {
    if (!ens) throw new Error("the emulator has not started");
    return ens;
  };
}

function newPublicKey(): string {
  return sshRsaPublicKeyOf(generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey);
}

type KeyPairItem = Record<string, string>;

async function describedItems(ens: EnsEmulator, params: Record<string, string> = {}) {
  const { body } = await callEns(ens, "DescribeKeyPairs", params);
  return { body, items: (body.KeyPairs as { KeyPair: KeyPairItem[] }).KeyPair };
}

const COLON_HEX = /^([0-9a-f]{2}:){15}[0-9a-f]{2}$/;
const PLAIN_HEX = /^[0-9a-f]{32}$/;

describe.each([
  ["colon", { fingerprintFormat: "colon" } as const, COLON_HEX],
  ["hex (default)", {}, PLAIN_HEX],
])("readings.fingerprintFormat %s", (_label, readings, wire) => {
  const ens = useReadings(readings);

  it("writes KeyPairFingerPrint so in CreateKeyPair, ImportKeyPair and DescribeKeyPairs answers", async () => {
    const created = await callEns(ens(), "CreateKeyPair", { KeyPairName: "made" });
    const publicKey = sshRsaPublicKeyOf(createPublicKey(String(created.body.PrivateKeyBody)));
    const imported = await callEns(ens(), "ImportKeyPair", { KeyPairName: "copy", PublicKeyBody: publicKey });
    const { items } = await describedItems(ens());
    const fingerprints = [
      created.body.KeyPairFingerPrint,
      imported.body.KeyPairFingerPrint,
      ...items.map((item) => item.KeyPairFingerPrint),
    ];
    for (const fingerprint of fingerprints) expect(fingerprint).toMatch(wire);
    expect(new Set(fingerprints).size).toBe(1);
  });

  it("keeps EmulatedKeyPair.fingerprint in colon hex, with the wire's digits", async () => {
    const { body } = await callEns(ens(), "CreateKeyPair", { KeyPairName: "made" });
    const stored = ens().keyPair("made")?.fingerprint ?? "";
    expect(stored).toMatch(COLON_HEX);
    expect(stored.replace(/:/g, "")).toBe(String(body.KeyPairFingerPrint).replace(/:/g, ""));
  });
});

test('the default fingerprintFormat is "hex", what the ENS API pages and SDK models show', () => {
  expect(DEFAULT_READINGS.fingerprintFormat).toBe("hex");
});

describe("readings.missingKeyOnDelete", () => {
  describe("default", () => {
    const ens = useReadings({});
    it("answers PubKeyNameNotExist (400)", async () => {
      expect(DEFAULT_READINGS.missingKeyOnDelete).toEqual({ code: "PubKeyNameNotExist", statusCode: 400 });
      const error = await sdkError(callEns(ens(), "DeleteKeyPairs", { KeyPairName: "ghost" }));
      expect(error).toMatchObject({ code: "PubKeyNameNotExist", statusCode: 400 });
      expect(error.data.Message).toBe(
        'Public Key Pair Name Not Exist: no key pair with name "ghost" exists.',
      );
    });
  });

  describe("another code and status", () => {
    const ens = useReadings({ missingKeyOnDelete: { code: "InvalidKeyPairId.NotFound", statusCode: 404 } });
    it("answers it for an unknown ID or name, and still deletes what exists", async () => {
      const kept = ens().addKeyPair({ keyPairName: "kept" });
      const unknown: Record<string, string>[] = [{ KeyPairId: "ssh-unknown" }, { KeyPairName: "ghost" }];
      for (const params of unknown) {
        const error = await sdkError(callEns(ens(), "DeleteKeyPairs", params));
        expect(error).toMatchObject({ code: "InvalidKeyPairId.NotFound", statusCode: 404 });
        expect(error.data.Message).toMatch(/^The specified key pair does not exist: no key pair with/);
      }
      expect(ens().keyPairs()).toEqual([kept]);
      await callEns(ens(), "DeleteKeyPairs", { KeyPairId: kept.keyPairId });
      expect(ens().keyPairs()).toEqual([]);
    });
  });

  describe("a code without a status", () => {
    const ens = useReadings({ missingKeyOnDelete: { code: "InvalidParameter.KeyPairName" } });
    it("answers it with HTTP 400", async () => {
      const error = await sdkError(callEns(ens(), "DeleteKeyPairs", { KeyPairName: "ghost" }));
      expect(error).toMatchObject({ code: "InvalidParameter.KeyPairName", statusCode: 400 });
    });
  });

  describe("success", () => {
    const ens = useReadings({ missingKeyOnDelete: "success" });
    it("answers an empty success, as if the key had been deleted", async () => {
      const { statusCode, body } = await callEns(ens(), "DeleteKeyPairs", { KeyPairName: "ghost" });
      expect(statusCode).toBe(200);
      expect(Object.keys(body)).toEqual(["RequestId"]);
      expect(ens().calls()).toMatchObject([{ statusCode: 200, code: undefined }]);
    });
  });
});

describe.each([
  ["refuses", { attachedKeyDelete: "refuses" } as const],
  ["deletes", { attachedKeyDelete: "deletes" } as const],
])("readings.attachedKeyDelete %s", (reading, readings) => {
  const ens = useReadings(readings);

  it(
    reading === "refuses"
      ? "answers PubKeyAttachedWithInstance naming the instances, and deletes once detached"
      : "deletes a key that instances still use",
    async () => {
      ens().addKeyPair({ keyPairName: "bound" });
      const instanceId = ens().attachInstance("bound");
      const deleting = callEns(ens(), "DeleteKeyPairs", { KeyPairName: "bound" });
      if (reading === "refuses") {
        const error = await sdkError(deleting);
        expect(error).toMatchObject({ code: "PubKeyAttachedWithInstance", statusCode: 400 });
        expect(error.data.Message).toContain(instanceId);
        expect(ens().keyPair("bound")).toBeDefined();
        ens().detachInstances("bound");
        await callEns(ens(), "DeleteKeyPairs", { KeyPairName: "bound" });
      } else {
        expect((await deleting).statusCode).toBe(200);
      }
      expect(ens().keyPair("bound")).toBeUndefined();
    },
  );
});

describe("readings.privateKeyBody", () => {
  describe("newlines (default)", () => {
    const ens = useReadings({});
    it("writes PrivateKeyBody with real line breaks", async () => {
      const { body } = await callEns(ens(), "CreateKeyPair", { KeyPairName: "made" });
      const pem = String(body.PrivateKeyBody);
      expect(pem).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\n[^\\]+\n-----END RSA PRIVATE KEY-----\n$/);
    });
  });

  describe("escaped", () => {
    const ens = useReadings({ privateKeyBody: "escaped" });
    it("writes a literal backslash-n for each line break, as the API page's example shows", async () => {
      const { body } = await callEns(ens(), "CreateKeyPair", { KeyPairName: "made" });
      const escaped = String(body.PrivateKeyBody);
      expect(escaped).not.toContain("\n");
      expect(escaped).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\\n.+\\n-----END RSA PRIVATE KEY-----\\n$/);
      const pem = escaped.replace(/\\n/g, "\n");
      expect(sshRsaPublicKeyOf(createPublicKey(pem))).toBe(ens().keyPair("made")?.publicKey);
    });
  });
});

describe("readings.maxPageSize", () => {
  const ens = useReadings({ maxPageSize: 5 });

  beforeEach(() => {
    const publicKey = newPublicKey();
    for (let i = 0; i < 12; i++)
      ens().addKeyPair({ keyPairName: `key-${String(i).padStart(2, "0")}`, publicKey });
  });

  it("caps a larger PageSize silently: PageSize says the cap, TotalCount the full count", async () => {
    const { body, items } = await describedItems(ens(), { PageSize: "50" });
    expect(body).toMatchObject({ PageNumber: 1, PageSize: 5, TotalCount: 12 });
    expect(items.map((item) => item.KeyPairName)).toEqual(["key-00", "key-01", "key-02", "key-03", "key-04"]);
    const page3 = await describedItems(ens(), { PageSize: "50", PageNumber: "3" });
    expect(page3.items.map((item) => item.KeyPairName)).toEqual(["key-10", "key-11"]);
  });

  it("accepts a PageSize above 100, and caps the default of 10 too", async () => {
    expect((await describedItems(ens(), { PageSize: "1000" })).body).toMatchObject({ PageSize: 5 });
    expect((await describedItems(ens())).body).toMatchObject({ PageSize: 5, TotalCount: 12 });
  });

  it("honours a smaller PageSize and still refuses an invalid one", async () => {
    expect((await describedItems(ens(), { PageSize: "2" })).items).toHaveLength(2);
    expect(await sdkError(callEns(ens(), "DescribeKeyPairs", { PageSize: "0" }))).toMatchObject({
      code: "InvalidParameter.PageSize",
    });
  });
});

describe("readings.nameFilter", () => {
  describe("substring", () => {
    const ens = useReadings({ nameFilter: "substring" });

    it("makes DescribeKeyPairs' KeyPairName match every name containing it", async () => {
      const publicKey = newPublicKey();
      for (const name of ["web", "web-2", "my-web", "db"]) ens().addKeyPair({ keyPairName: name, publicKey });
      const { body, items } = await describedItems(ens(), { KeyPairName: "web" });
      expect(body).toMatchObject({ TotalCount: 3 });
      expect(items.map((item) => item.KeyPairName)).toEqual(["web", "web-2", "my-web"]);
    });

    it("leaves DeleteKeyPairs matching exactly", async () => {
      ens().addKeyPair({ keyPairName: "web-2" });
      expect(await sdkError(callEns(ens(), "DeleteKeyPairs", { KeyPairName: "web" }))).toMatchObject({
        code: "PubKeyNameNotExist",
      });
      expect(ens().keyPair("web-2")).toBeDefined();
    });
  });

  describe("exact (default)", () => {
    const ens = useReadings({});
    it("matches only the same name", async () => {
      for (const name of ["web", "web-2"]) ens().addKeyPair({ keyPairName: name, publicKey: newPublicKey() });
      expect((await describedItems(ens(), { KeyPairName: "web" })).items.map((i) => i.KeyPairName)).toEqual([
        "web",
      ]);
    });
  });
});

describe("readings.creationTimeOffsetSeconds", () => {
  const ens = useReadings({ creationTimeOffsetSeconds: -120 });

  /** Seconds between a CreationTime and now. */
  const ageOf = (creationTime: string) => (Date.now() - Date.parse(creationTime)) / 1000;

  it("stamps CreationTime that far off the real clock, for API creates and addKeyPair", async () => {
    await callEns(ens(), "CreateKeyPair", { KeyPairName: "via-api" });
    await callEns(ens(), "ImportKeyPair", { KeyPairName: "imported", PublicKeyBody: newPublicKey() });
    ens().addKeyPair({ keyPairName: "out-of-band" });
    const { items } = await describedItems(ens());
    expect(items).toHaveLength(3);
    for (const item of items) {
      expect(ageOf(item.CreationTime)).toBeGreaterThanOrEqual(119);
      expect(ageOf(item.CreationTime)).toBeLessThan(125);
    }
    expect(ens().keyPair("via-api")?.creationTime).toBe(items[0].CreationTime);
  });
});

describe("readings.codeInSuccessBody", () => {
  describe("true", () => {
    const ens = useReadings({ codeInSuccessBody: true });
    it('adds "Code": 0 (a number) to every success answer, and leaves error answers alone', async () => {
      const answers = [
        await callEns(ens(), "CreateKeyPair", { KeyPairName: "made" }),
        await callEns(ens(), "ImportKeyPair", { KeyPairName: "imported", PublicKeyBody: newPublicKey() }),
        await callEns(ens(), "DescribeKeyPairs"),
        await callEns(ens(), "DeleteKeyPairs", { KeyPairName: "made" }),
      ];
      for (const { body } of answers) expect(body.Code).toBe(0);
      const error = await sdkError(callEns(ens(), "DeleteKeyPairs", { KeyPairName: "made" }));
      expect(error.data.Code).toBe("PubKeyNameNotExist");
      expect(
        ens()
          .calls()
          .map((call) => call.code),
      ).toEqual([undefined, undefined, undefined, undefined, "PubKeyNameNotExist"]);
    });
  });

  describe("false (default)", () => {
    const ens = useReadings({});
    it("sends no Code on success", async () => {
      expect((await callEns(ens(), "DescribeKeyPairs")).body).not.toHaveProperty("Code");
    });
  });
});

describe("readings validation", () => {
  it.each<[string, unknown, RegExp]>([
    ["not an object", "hex", /Invalid readings "hex": give an object/],
    [
      "an unknown reading",
      { fingerprintFormt: "hex" },
      /Unknown reading "fingerprintFormt": the emulator plays /,
    ],
    [
      "a bad fingerprintFormat",
      { fingerprintFormat: "HEX" },
      /readings.fingerprintFormat "HEX": use "colon" or "hex"/,
    ],
    [
      "a bad attachedKeyDelete",
      { attachedKeyDelete: "ignores" },
      /attachedKeyDelete "ignores": use "deletes" or "refuses"/,
    ],
    [
      "a bad privateKeyBody",
      { privateKeyBody: "crlf" },
      /privateKeyBody "crlf": use "newlines" or "escaped"/,
    ],
    ["a bad nameFilter", { nameFilter: "prefix" }, /nameFilter "prefix": use "exact" or "substring"/],
    ["a zero maxPageSize", { maxPageSize: 0 }, /readings.maxPageSize 0: use a positive integer/],
    ["a fractional maxPageSize", { maxPageSize: 2.5 }, /readings.maxPageSize 2.5/],
    [
      "an infinite creation time offset",
      { creationTimeOffsetSeconds: Infinity },
      /creationTimeOffsetSeconds Infinity/,
    ],
    [
      "a string creation time offset",
      { creationTimeOffsetSeconds: "60" },
      /creationTimeOffsetSeconds "60": use a finite/,
    ],
    [
      "a non-boolean codeInSuccessBody",
      { codeInSuccessBody: "yes" },
      /codeInSuccessBody "yes": use true or false/,
    ],
    [
      "missingKeyOnDelete as a bare code",
      { missingKeyOnDelete: "PubKeyNameNotExist" },
      /missingKeyOnDelete "PubKeyNameNotExist": use "success"/,
    ],
    ["missingKeyOnDelete without a code", { missingKeyOnDelete: { statusCode: 404 } }, /missingKeyOnDelete/],
    [
      "missingKeyOnDelete with status 200",
      { missingKeyOnDelete: { code: "X", statusCode: 200 } },
      /from 400 to 599/,
    ],
  ])("refuses %s at start() with an InvalidOptionError", async (_label, readings, message) => {
    const start = EnsEmulator.start({ readings: readings as EmulatorReadings });
    await expect(start).rejects.toThrow(InvalidOptionError);
    await expect(start).rejects.toThrow(message);
  });
});
