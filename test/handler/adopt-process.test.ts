/**
 * `handler.js create` with ENS_KEY_PAIR_ADOPT_EXISTING as a real process against the emulator: taking over a key
 * pair that already holds the name (by name, or checked by KeyPairId first), and that without adoption nothing
 * changes.
 *
 * Every test runs under both readings of `KeyPairFingerPrint` (plain hex, as the ENS pages show it, and colon hex,
 * as ECS writes it): fingerprints are compared by their hex digits only.
 */
import { HandlerExitCode } from "../../lib/shared/handler-contract";
import { EnsEmulator, FINGERPRINT_FORMATS } from "../../lib/testing";
import { RSA_PUBLIC_KEY, RSA_PUBLIC_KEY_MD5 } from "../fixtures/keys";
import { attemptLines, errorLine } from "../support/handler-process";
import { actionsCalled, claimedByThisRun, runAgainst } from "./handler-harness";
import { useEmulator } from "../support/emulator";
import { onTheWire } from "../support/fingerprints";

const NAME = "existing-key";

let ens: EnsEmulator;

function create(env: Record<string, string>) {
  return runAgainst(ens, "create", {
    ENS_KEY_PAIR_NAME: NAME,
    ENS_KEY_PAIR_MODE: "create",
    ENS_KEY_PAIR_PRIVATE_KEY_FILE: "",
    ENS_KEY_PAIR_ADOPT_EXISTING: "true",
    ENS_KEY_PAIR_ID: "",
    ...claimedByThisRun(),
    ...env,
  });
}

function importKey(env: Record<string, string>) {
  return create({
    ENS_KEY_PAIR_MODE: "import",
    ENS_KEY_PAIR_PUBLIC_KEY: RSA_PUBLIC_KEY,
    ENS_KEY_PAIR_FINGERPRINT: RSA_PUBLIC_KEY_MD5,
    ...env,
  });
}

describe.each(FINGERPRINT_FORMATS)("readings.fingerprintFormat %s", (fingerprintFormat) => {
  useEmulator((started) => (ens = started), { rsaBits: 1024, readings: { fingerprintFormat } });

  describe("create mode", () => {
    test("adopts the existing key pair as is: exit 0, only the refused CreateKeyPair call", async () => {
      const existing = ens.addKeyPair({ keyPairName: NAME });

      const result = await create({});

      expect(result.exitCode).toBe(HandlerExitCode.OK);
      expect(actionsCalled(ens)).toEqual(["CreateKeyPair"]);
      expect(ens.calls()[0].code).toBe("PubKeyNameExisted");
      expect(ens.keyPairs()).toEqual([existing]);
      expect(attemptLines(result.stderr, "CreateKeyPair")[0]).toContain(
        "attempt=1 outcome=adopted code=PubKeyNameExisted",
      );
      expect(result.stderr).toContain(`key pair "${NAME}" adopted: it already existed (PubKeyNameExisted)`);
    });

    test("a free name is simply created", async () => {
      const result = await create({});

      expect(result.exitCode).toBe(HandlerExitCode.OK);
      expect(attemptLines(result.stderr, "CreateKeyPair")[0]).toContain("outcome=created");
      expect(ens.keyPair(NAME)).toBeDefined();
    });

    test.each([
      ["unset", undefined],
      ['"" (unset)', ""],
      ['"false"', "false"],
    ])(
      "without adoption (%s) the taken name fails as before and the key is untouched",
      async (_label, adopt) => {
        const existing = ens.addKeyPair({ keyPairName: NAME });
        const env: Record<string, string> = adopt === undefined ? {} : { ENS_KEY_PAIR_ADOPT_EXISTING: adopt };

        const result = await runAgainst(ens, "create", {
          ENS_KEY_PAIR_NAME: NAME,
          ...claimedByThisRun(),
          ...env,
        });

        expect(result.exitCode).toBe(HandlerExitCode.FAILED);
        expect(errorLine(result.stderr)).toContain(`the name "${NAME}" is already taken`);
        expect(ens.keyPairs()).toEqual([existing]);
        expect(actionsCalled(ens)).toEqual(["CreateKeyPair", "DescribeKeyPairs"]);
      },
    );

    test("adoption with a private key file is refused (exit 2) with zero calls", async () => {
      const result = await create({ ENS_KEY_PAIR_PRIVATE_KEY_FILE: "/tmp/never-written" });

      expect(result.exitCode).toBe(HandlerExitCode.INVALID_INPUT);
      expect(errorLine(result.stderr)).toContain("private key is not available");
      expect(ens.calls()).toEqual([]);
    });
  });

  describe("import mode", () => {
    test("the same public key under the name is adopted", async () => {
      ens.addKeyPair({ keyPairName: NAME, publicKey: RSA_PUBLIC_KEY });

      const result = await importKey({});

      expect(result.exitCode).toBe(HandlerExitCode.OK);
      expect(actionsCalled(ens)).toEqual(["ImportKeyPair", "DescribeKeyPairs"]);
      expect(attemptLines(result.stderr, "ImportKeyPair")[0]).toContain(
        "outcome=name-taken code=PubKeyNameExisted",
      );
      expect(result.stderr).toContain(
        `key pair "${NAME}" adopted: it already existed with the same public key`,
      );
    });

    test("a different key under the name fails (name taken) and is left alone", async () => {
      const existing = ens.addKeyPair({ keyPairName: NAME });

      const result = await importKey({});

      expect(result.exitCode).toBe(HandlerExitCode.FAILED);
      expect(errorLine(result.stderr)).toContain(`the name "${NAME}" is already taken by another key pair`);
      expect(ens.keyPairs()).toEqual([existing]);
    });
  });

  describe("adopting by KeyPairId", () => {
    test("create mode: checked with one DescribeKeyPairs(KeyPairId), and no create call", async () => {
      const existing = ens.addKeyPair({ keyPairName: NAME });

      const result = await create({ ENS_KEY_PAIR_ID: existing.keyPairId });

      expect(result.exitCode).toBe(HandlerExitCode.OK);
      expect(actionsCalled(ens)).toEqual(["DescribeKeyPairs"]);
      expect(ens.calls()[0].params).toMatchObject({ KeyPairId: existing.keyPairId });
      expect(ens.calls()[0].params.KeyPairName).toBeUndefined();
      expect(attemptLines(result.stderr, "DescribeKeyPairs")[0]).toContain("outcome=adopted");
      expect(result.stderr).toContain(`key pair "${NAME}" (KeyPairId ${existing.keyPairId}`);
    });

    test("import mode: the same public key is adopted", async () => {
      const existing = ens.addKeyPair({ keyPairName: NAME, publicKey: RSA_PUBLIC_KEY });

      const result = await importKey({ ENS_KEY_PAIR_ID: existing.keyPairId });

      expect(result.exitCode).toBe(HandlerExitCode.OK);
      expect(actionsCalled(ens)).toEqual(["DescribeKeyPairs"]);
    });

    test("import mode: another public key under that ID fails and is left alone", async () => {
      const existing = ens.addKeyPair({ keyPairName: NAME });

      const result = await importKey({ ENS_KEY_PAIR_ID: existing.keyPairId });

      expect(result.exitCode).toBe(HandlerExitCode.FAILED);
      expect(errorLine(result.stderr)).toContain(
        `holds another public key (fingerprint ${onTheWire(existing.fingerprint, fingerprintFormat)})`,
      );
      expect(ens.keyPairs()).toEqual([existing]);
    });

    test("an ID that does not exist fails clearly, and nothing is created", async () => {
      const gone = ens.addKeyPair({ keyPairName: NAME });
      ens.deleteKeyPair(gone.keyPairId);

      const result = await create({ ENS_KEY_PAIR_ID: gone.keyPairId });

      expect(result.exitCode).toBe(HandlerExitCode.FAILED);
      expect(errorLine(result.stderr)).toContain(`no key pair has KeyPairId ${gone.keyPairId}`);
      expect(actionsCalled(ens)).toEqual(["DescribeKeyPairs"]);
      expect(ens.keyPairs()).toEqual([]);
    });

    test("an ID that belongs to another name fails, naming that name", async () => {
      const other = ens.addKeyPair({ keyPairName: "someone-else" });

      const result = await create({ ENS_KEY_PAIR_ID: other.keyPairId });

      expect(result.exitCode).toBe(HandlerExitCode.FAILED);
      expect(errorLine(result.stderr)).toContain(
        `KeyPairId ${other.keyPairId} belongs to key pair "someone-else", not "${NAME}"`,
      );
      expect(ens.keyPairs()).toEqual([other]);
    });

    test("an ID without adoption is refused (exit 2) with zero calls", async () => {
      const existing = ens.addKeyPair({ keyPairName: NAME });

      const result = await create({ ENS_KEY_PAIR_ADOPT_EXISTING: "", ENS_KEY_PAIR_ID: existing.keyPairId });

      expect(result.exitCode).toBe(HandlerExitCode.INVALID_INPUT);
      expect(errorLine(result.stderr)).toContain(
        "ENS_KEY_PAIR_ID is set without ENS_KEY_PAIR_ADOPT_EXISTING=true",
      );
      expect(ens.calls()).toEqual([]);
    });
  });
});
