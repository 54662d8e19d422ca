/**
 * `handler.js delete` as a real process against the emulator for the lifecycle cases: the import-mode guard that
 * never deletes a key pair which reused our name, deleting an adopted key pair by KeyPairId, and "" meaning unset
 * (RetiredEnsKeyPair renders every variable, absent ones as "").
 *
 * Every test runs under both readings of `KeyPairFingerPrint` (plain hex, as the ENS pages show it, and colon hex,
 * as ECS writes it): fingerprints are compared by their hex digits only.
 */
import { HandlerEnv, HandlerExitCode } from "../../lib/shared/handler-contract";
import { EnsEmulator, FINGERPRINT_FORMATS } from "../../lib/testing";
import { RSA_PUBLIC_KEY, RSA_PUBLIC_KEY_MD5 } from "../fixtures/keys";
import { attemptLines, errorLine } from "../support/handler-process";
import { MAX_SKEW_MS, OWN_SKEW_MS } from "../../lib/key-pairs/key-pair-ownership";
import { actionsCalled, runAgainst, terraformTime } from "./handler-harness";
import { useEmulator } from "../support/emulator";
import { onTheWire } from "../support/fingerprints";

const NAME = "imported-key";

/** Every variable RetiredEnsKeyPair passes, as Terraform renders absent ones. */
const ALL_UNSET = Object.fromEntries(Object.values(HandlerEnv).map((name) => [name, ""]));

/** The delete step's env for a key pair this stack imported. */
const IMPORTED = {
  ENS_KEY_PAIR_MODE: "import",
  ENS_KEY_PAIR_PUBLIC_KEY: RSA_PUBLIC_KEY,
  ENS_KEY_PAIR_FINGERPRINT: RSA_PUBLIC_KEY_MD5,
};

let ens: EnsEmulator;

function deleteKeyPair(env: Record<string, string>) {
  return runAgainst(ens, "delete", { ...ALL_UNSET, ENS_KEY_PAIR_NAME: NAME, ...env });
}

describe.each(FINGERPRINT_FORMATS)("readings.fingerprintFormat %s", (fingerprintFormat) => {
  useEmulator((started) => (ens = started), { rsaBits: 1024, readings: { fingerprintFormat } });

  describe("import mode: the name-reuse guard", () => {
    test("our key under the name: deleted with two calls, DescribeKeyPairs then DeleteKeyPairs", async () => {
      ens.addKeyPair({ keyPairName: NAME, publicKey: RSA_PUBLIC_KEY });

      const result = await deleteKeyPair(IMPORTED);

      expect(result.exitCode).toBe(HandlerExitCode.OK);
      expect(actionsCalled(ens)).toEqual(["DescribeKeyPairs", "DeleteKeyPairs"]);
      expect(ens.calls()[0].params).toMatchObject({ KeyPairName: NAME });
      expect(attemptLines(result.stderr, "DescribeKeyPairs")[0]).toContain("outcome=found");
      expect(ens.keyPair(NAME)).toBeUndefined();
      expect(result.stderr).toContain(`ens-key-pair: key pair "${NAME}" deleted`);
    });

    test("another key reused the name: exit 0 with a warning, that key left alone, zero DeleteKeyPairs calls", async () => {
      const other = ens.addKeyPair({ keyPairName: NAME });

      const result = await deleteKeyPair(IMPORTED);

      expect(result.exitCode).toBe(HandlerExitCode.OK);
      expect(actionsCalled(ens)).toEqual(["DescribeKeyPairs"]);
      expect(ens.keyPair(NAME)?.keyPairId).toBe(other.keyPairId);
      expect(attemptLines(result.stderr, "DescribeKeyPairs")[0]).toContain("outcome=name-reused");
      const warning = result.stderr.split("\n").find((line) => line.startsWith("ens-key-pair: warning: "));
      expect(warning).toContain(`key pair "${NAME}" with fingerprint ${RSA_PUBLIC_KEY_MD5} is already gone`);
      // The fingerprint is shown as the API wrote it: normalized only to compare.
      expect(warning).toContain(
        `reused by another key pair (KeyPairId ${other.keyPairId}, fingerprint ${onTheWire(other.fingerprint, fingerprintFormat)}`,
      );
      expect(warning).toContain("which was left alone");
      expect(errorLine(result.stderr)).toBeUndefined();
    });

    test("no key pair under the name: the one DeleteKeyPairs still goes out and answers already deleted", async () => {
      const result = await deleteKeyPair(IMPORTED);

      expect(result.exitCode).toBe(HandlerExitCode.OK);
      expect(actionsCalled(ens)).toEqual(["DescribeKeyPairs", "DeleteKeyPairs"]);
      expect(attemptLines(result.stderr, "DescribeKeyPairs")[0]).toContain("outcome=not-found");
      expect(attemptLines(result.stderr, "DeleteKeyPairs")[0]).toContain(
        "outcome=already-deleted code=PubKeyNameNotExist",
      );
      expect(result.stderr).toContain(`key pair "${NAME}" already deleted (PubKeyNameNotExist)`);
    });

    test('without a recorded fingerprint ("") the guard computes it from the public key', async () => {
      ens.addKeyPair({ keyPairName: NAME });

      const result = await deleteKeyPair({ ...IMPORTED, ENS_KEY_PAIR_FINGERPRINT: "" });

      expect(result.exitCode).toBe(HandlerExitCode.OK);
      expect(actionsCalled(ens)).toEqual(["DescribeKeyPairs"]);
      expect(ens.keyPair(NAME)).toBeDefined();
    });

    test("a lost DeleteKeyPairs answer after the check still ends as already deleted", async () => {
      ens.addKeyPair({ keyPairName: NAME, publicKey: RSA_PUBLIC_KEY });
      ens.faults.loseResponse("DeleteKeyPairs", 1);

      const result = await deleteKeyPair(IMPORTED);

      expect(result.exitCode).toBe(HandlerExitCode.OK);
      expect(actionsCalled(ens)).toEqual(["DescribeKeyPairs", "DeleteKeyPairs", "DeleteKeyPairs"]);
      expect(result.stderr).toContain("already deleted (PubKeyNameNotExist)");
      expect(ens.keyPair(NAME)).toBeUndefined();
    });

    test("import mode with neither fingerprint nor public key is refused (exit 2) with zero calls", async () => {
      ens.addKeyPair({ keyPairName: NAME });

      const result = await deleteKeyPair({ ENS_KEY_PAIR_MODE: "import" });

      expect(result.exitCode).toBe(HandlerExitCode.INVALID_INPUT);
      expect(errorLine(result.stderr)).toContain("needs the imported key's fingerprint");
      expect(ens.calls()).toEqual([]);
    });
  });

  describe("the ownership check of a stack that recorded its claim", () => {
    const claimedAt = (offsetMs: number) => ({
      ENS_KEY_PAIR_CLAIMED_AT: terraformTime(Date.now() + offsetMs),
    });
    const CREATED = { ENS_KEY_PAIR_MODE: "create" };

    test("a key pair created since the claim is this stack's: DescribeKeyPairs, then the one DeleteKeyPairs", async () => {
      ens.addKeyPair({ keyPairName: NAME });

      const result = await deleteKeyPair({ ...CREATED, ...claimedAt(-60_000) });

      expect(result.exitCode).toBe(HandlerExitCode.OK);
      expect(actionsCalled(ens)).toEqual(["DescribeKeyPairs", "DeleteKeyPairs"]);
      expect(ens.calls()[1].params).toEqual({ KeyPairName: NAME });
      expect(ens.keyPairs()).toEqual([]);
    });

    test("a key pair that held the name long before the claim is someone else's: left alone, exit 0", async () => {
      const other = ens.addKeyPair({ keyPairName: NAME });

      const result = await deleteKeyPair({ ...CREATED, ...claimedAt(MAX_SKEW_MS + 60_000) });

      expect(result.exitCode).toBe(HandlerExitCode.OK);
      expect(actionsCalled(ens)).toEqual(["DescribeKeyPairs"]);
      expect(attemptLines(result.stderr, "DescribeKeyPairs")[0]).toContain("outcome=not-ours");
      expect(ens.keyPairs()).toEqual([other]);
      expect(result.stderr).toContain("existed before this stack claimed the name at");
    });

    test("a key pair created minutes before the claim cannot be attributed: nothing deleted, exit 1", async () => {
      const other = ens.addKeyPair({ keyPairName: NAME });

      const result = await deleteKeyPair({ ...CREATED, ...claimedAt(OWN_SKEW_MS + 3 * 60_000) });

      expect(result.exitCode).toBe(HandlerExitCode.FAILED);
      expect(actionsCalled(ens)).toEqual(["DescribeKeyPairs"]);
      expect(ens.keyPairs()).toEqual([other]);
      expect(errorLine(result.stderr)).toContain("cannot be attributed to this stack");
      expect(errorLine(result.stderr)).toContain("Terraform keeps the key pair in state");
    });

    test("an adopted key pair is this stack's whenever it was created", async () => {
      ens.addKeyPair({ keyPairName: NAME });

      const result = await deleteKeyPair({
        ...CREATED,
        ...claimedAt(MAX_SKEW_MS + 60_000),
        ENS_KEY_PAIR_ADOPT_EXISTING: "true",
      });

      expect(result.exitCode).toBe(HandlerExitCode.OK);
      expect(actionsCalled(ens)).toEqual(["DescribeKeyPairs", "DeleteKeyPairs"]);
      expect(ens.keyPairs()).toEqual([]);
    });

    test("import mode: the same public key imported long before the claim is someone else's", async () => {
      const other = ens.addKeyPair({ keyPairName: NAME, publicKey: RSA_PUBLIC_KEY });

      const result = await deleteKeyPair({ ...IMPORTED, ...claimedAt(MAX_SKEW_MS + 60_000) });

      expect(result.exitCode).toBe(HandlerExitCode.OK);
      expect(actionsCalled(ens)).toEqual(["DescribeKeyPairs"]);
      expect(ens.keyPairs()).toEqual([other]);
    });

    test("DescribeKeyPairs refused for lack of permission: exit 1 naming ens:DescribeKeyPairs, nothing deleted", async () => {
      ens.addKeyPair({ keyPairName: NAME });
      ens.faults.noPermission("DescribeKeyPairs");

      const result = await deleteKeyPair({ ...CREATED, ...claimedAt(-60_000) });

      expect(result.exitCode).toBe(HandlerExitCode.FAILED);
      expect(errorLine(result.stderr)).toContain("ens:DescribeKeyPairs");
      expect(ens.keyPair(NAME)).toBeDefined();
    });
  });

  describe("create mode deployed by release 0.1 (no claim) keeps its single call", () => {
    test('with every other variable "" (RetiredEnsKeyPair), one DeleteKeyPairs by name', async () => {
      ens.addKeyPair({ keyPairName: NAME });

      const result = await deleteKeyPair({ ENS_KEY_PAIR_MODE: "create" });

      expect(result.exitCode).toBe(HandlerExitCode.OK);
      expect(actionsCalled(ens)).toEqual(["DeleteKeyPairs"]);
      expect(ens.calls()[0].params).toEqual({ KeyPairName: NAME });
      expect(ens.keyPair(NAME)).toBeUndefined();
    });
  });

  describe("delete by KeyPairId (an adopted key pair)", () => {
    test("deletes with one DeleteKeyPairs call carrying only the ID", async () => {
      const ours = ens.addKeyPair({ keyPairName: NAME, publicKey: RSA_PUBLIC_KEY });

      const result = await deleteKeyPair({ ...IMPORTED, ENS_KEY_PAIR_ID: ours.keyPairId });

      expect(result.exitCode).toBe(HandlerExitCode.OK);
      expect(actionsCalled(ens)).toEqual(["DeleteKeyPairs"]);
      expect(ens.calls()[0].params).toEqual({ KeyPairId: ours.keyPairId });
      expect(ens.keyPair(NAME)).toBeUndefined();
      expect(attemptLines(result.stderr, "DeleteKeyPairs")[0]).toContain(
        `key_pair_name="${NAME}" attempt=1 outcome=deleted`,
      );
      expect(result.stderr).toContain(`key pair "${NAME}" deleted (by KeyPairId ${ours.keyPairId})`);
    });

    test("an ID that no longer exists counts as already deleted (exit 0)", async () => {
      const ours = ens.addKeyPair({ keyPairName: NAME });
      ens.deleteKeyPair(ours.keyPairId);

      const result = await deleteKeyPair({ ENS_KEY_PAIR_MODE: "create", ENS_KEY_PAIR_ID: ours.keyPairId });

      expect(result.exitCode).toBe(HandlerExitCode.OK);
      expect(attemptLines(result.stderr, "DeleteKeyPairs")[0]).toContain(
        "outcome=already-deleted code=PubKeyNameNotExist",
      );
      expect(result.stderr).toContain(`already deleted (PubKeyNameNotExist for KeyPairId ${ours.keyPairId})`);
    });

    test("a key pair that reused the name is untouched", async () => {
      const ours = ens.addKeyPair({ keyPairName: NAME });
      ens.deleteKeyPair(ours.keyPairId);
      const other = ens.addKeyPair({ keyPairName: NAME });

      const result = await deleteKeyPair({ ENS_KEY_PAIR_MODE: "create", ENS_KEY_PAIR_ID: ours.keyPairId });

      expect(result.exitCode).toBe(HandlerExitCode.OK);
      expect(ens.keyPair(NAME)?.keyPairId).toBe(other.keyPairId);
      expect(actionsCalled(ens)).toEqual(["DeleteKeyPairs"]);
    });

    test("a malformed ID is refused (exit 2) with zero calls", async () => {
      ens.addKeyPair({ keyPairName: NAME });

      const result = await deleteKeyPair({ ENS_KEY_PAIR_ID: "key-123" });

      expect(result.exitCode).toBe(HandlerExitCode.INVALID_INPUT);
      expect(errorLine(result.stderr)).toContain('Invalid ENS_KEY_PAIR_ID "key-123"');
      expect(ens.calls()).toEqual([]);
      expect(ens.keyPair(NAME)).toBeDefined();
    });

    test("NoPermission on the delete by ID fails, naming ens:DeleteKeyPairs, and keeps the key pair", async () => {
      const ours = ens.addKeyPair({ keyPairName: NAME });
      ens.faults.noPermission("DeleteKeyPairs");

      const result = await deleteKeyPair({ ENS_KEY_PAIR_ID: ours.keyPairId });

      expect(result.exitCode).toBe(HandlerExitCode.FAILED);
      expect(errorLine(result.stderr)).toContain("ens:DeleteKeyPairs");
      expect(ens.keyPair(NAME)).toBeDefined();
    });
  });
});
