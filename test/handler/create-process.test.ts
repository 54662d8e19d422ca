/**
 * `handler.js create` as a real process against the emulator over HTTP: create mode (private key file,
 * atomic rollback, lost answers) and import mode (idempotent re-import, name taken).
 *
 * Every test runs under both readings of `KeyPairFingerPrint` (plain hex, as the ENS pages show it, and colon hex,
 * as ECS writes it): fingerprints are compared by their hex digits only.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { EnsEmulator, FINGERPRINT_FORMATS } from "../../lib/testing";
import { HandlerExitCode } from "../../lib/shared/handler-contract";
import {
  md5Fingerprint,
  parseSshRsaPublicKey,
  sshRsaPublicKeyOf,
  SshRsaPublicKey,
} from "../../lib/shared/public-key";
import { RSA_PUBLIC_KEY, RSA_PUBLIC_KEY_MD5 } from "../fixtures/keys";
import { attemptLines, errorLine } from "../support/handler-process";
import { actionsCalled, claimedByEarlierRun, claimedByThisRun, runAgainst } from "./handler-harness";
import { useEmulator } from "../support/emulator";
import { onTheWire } from "../support/fingerprints";

const NAME = "made-by-handler";

let ens: EnsEmulator;
let scratch: string;

beforeEach(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "ens-create-"));
});

afterEach(() => {
  fs.rmSync(scratch, { recursive: true, force: true });
});

/** The create step of a first apply (the claim made by this run), unless `env` says otherwise. */
function create(env: Record<string, string>) {
  return runAgainst(ens, "create", {
    ENS_KEY_PAIR_NAME: NAME,
    ENS_KEY_PAIR_MODE: "create",
    ...claimedByThisRun(),
    ...env,
  });
}

function importKey(env: Record<string, string> = {}) {
  return runAgainst(ens, "create", {
    ...claimedByThisRun(),
    ENS_KEY_PAIR_NAME: NAME,
    ENS_KEY_PAIR_MODE: "import",
    ENS_KEY_PAIR_PUBLIC_KEY: RSA_PUBLIC_KEY,
    ENS_KEY_PAIR_FINGERPRINT: RSA_PUBLIC_KEY_MD5,
    ...env,
  });
}

function fingerprintOfPrivateKeyFile(file: string): string {
  const parsed = parseSshRsaPublicKey(sshRsaPublicKeyOf(fs.readFileSync(file, "utf8"))) as SshRsaPublicKey;
  return md5Fingerprint(parsed.blob);
}

describe.each(FINGERPRINT_FORMATS)("readings.fingerprintFormat %s", (fingerprintFormat) => {
  useEmulator((started) => (ens = started), { rsaBits: 1024, readings: { fingerprintFormat } });

  describe("create mode", () => {
    test("creates the key pair and writes its private key to a new 0600 file in a new 0700 folder", async () => {
      const file = path.join(scratch, "keys", "nested", "id_rsa");

      const result = await create({ ENS_KEY_PAIR_PRIVATE_KEY_FILE: file });

      expect(result.exitCode).toBe(HandlerExitCode.OK);
      expect(actionsCalled(ens)).toEqual(["CreateKeyPair"]);
      expect(attemptLines(result.stderr, "CreateKeyPair")).toEqual([
        `ens-key-pair: CreateKeyPair key_pair_name="${NAME}" attempt=1 outcome=created request_id=${ens.calls()[0].requestId}`,
      ]);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
      expect(fs.readFileSync(file, "utf8")).toMatch(
        /^-----BEGIN RSA PRIVATE KEY-----\n[\s\S]+-----END RSA PRIVATE KEY-----\n$/,
      );
      expect(fingerprintOfPrivateKeyFile(file)).toBe(ens.keyPair(NAME)?.fingerprint);
      expect(result.stderr).toContain(`private key written to ${file} (mode 0600)`);
      expect(fs.readdirSync(path.dirname(file))).toEqual(["id_rsa"]);
    });

    test.each([
      ["true", true],
      ["1", true],
      ["", false],
      ["false", false],
    ])(
      "CI=%j: the handler warns that a key written on a CI runner goes with the runner: %s",
      async (ci, warns) => {
        const file = path.join(scratch, "id_rsa");

        const result = await create({ ENS_KEY_PAIR_PRIVATE_KEY_FILE: file, CI: ci });

        expect(result.exitCode).toBe(HandlerExitCode.OK);
        const warning = result.stderr
          .split("\n")
          .find((line) => line.startsWith("ens-key-pair: warning: CI is set"));
        if (warns) {
          expect(warning).toContain(`the private key of "${NAME}" is in ${file} on this runner only`);
          expect(warning).toContain("Import a public key you keep (publicKey)");
        } else {
          expect(warning).toBeUndefined();
        }
      },
    );

    test("replaces an existing private key file", async () => {
      const file = path.join(scratch, "id_rsa");
      fs.writeFileSync(file, "old content", { mode: 0o644 });

      const result = await create({ ENS_KEY_PAIR_PRIVATE_KEY_FILE: file });

      expect(result.exitCode).toBe(HandlerExitCode.OK);
      expect(fingerprintOfPrivateKeyFile(file)).toBe(ens.keyPair(NAME)?.fingerprint);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    });

    test("without a private key file the key pair is created and the private key discarded", async () => {
      const result = await create({});

      expect(result.exitCode).toBe(HandlerExitCode.OK);
      expect(ens.keyPair(NAME)).toBeDefined();
      expect(result.stderr).toContain("its private key was discarded because no privateKeyFile is set");
    });

    test("retries a throttled CreateKeyPair", async () => {
      ens.faults.throttle("CreateKeyPair", 2);

      const result = await create({});

      expect(result.exitCode).toBe(HandlerExitCode.OK);
      expect(actionsCalled(ens)).toEqual(["CreateKeyPair", "CreateKeyPair", "CreateKeyPair"]);
      expect(ens.keyPairs()).toHaveLength(1);
    });

    test("rolls the key pair back when the private key cannot be written (atomic create)", async () => {
      const notADirectory = path.join(scratch, "a-file");
      fs.writeFileSync(notADirectory, "");
      const file = path.join(notADirectory, "id_rsa");

      const result = await create({ ENS_KEY_PAIR_PRIVATE_KEY_FILE: file });

      expect(result.exitCode).toBe(HandlerExitCode.FAILED);
      expect(actionsCalled(ens)).toEqual(["CreateKeyPair", "DeleteKeyPairs"]);
      expect(ens.keyPairs()).toEqual([]);
      expect(errorLine(result.stderr)).toContain(`writing its private key to ${file} failed`);
      expect(errorLine(result.stderr)).toContain(
        "it was deleted again (rolled back), so nothing was left behind",
      );
    });

    test("says loudly which key leaked when the rollback delete fails too", async () => {
      const notADirectory = path.join(scratch, "a-file");
      fs.writeFileSync(notADirectory, "");
      ens.faults.noPermission("DeleteKeyPairs");

      const result = await create({ ENS_KEY_PAIR_PRIVATE_KEY_FILE: path.join(notADirectory, "id_rsa") });

      expect(result.exitCode).toBe(HandlerExitCode.FAILED);
      const keyPairId = ens.keyPair(NAME)?.keyPairId;
      expect(errorLine(result.stderr)).toContain(
        `KEY PAIR LEAKED: key pair "${NAME}" (KeyPairId ${keyPairId})`,
      );
      expect(errorLine(result.stderr)).toContain(`ens-key-pair delete --name ${NAME}`);
    });

    test("fails when the name is taken on the first attempt, and never deletes the other key", async () => {
      const other = ens.addKeyPair({ keyPairName: NAME });

      const result = await create({});

      expect(result.exitCode).toBe(HandlerExitCode.FAILED);
      expect(actionsCalled(ens)).toEqual(["CreateKeyPair", "DescribeKeyPairs"]);
      expect(ens.keyPair(NAME)).toEqual(other);
      expect(errorLine(result.stderr)).toContain(`the name "${NAME}" is already taken by another key pair`);
    });

    test("after a lost CreateKeyPair answer, deletes the key this run made and creates it again", async () => {
      ens.faults.loseResponse("CreateKeyPair", 1);
      const file = path.join(scratch, "id_rsa");

      const result = await create({ ENS_KEY_PAIR_PRIVATE_KEY_FILE: file });

      expect(result.exitCode).toBe(HandlerExitCode.OK);
      expect(actionsCalled(ens)).toEqual([
        "CreateKeyPair",
        "CreateKeyPair",
        "DescribeKeyPairs",
        "DeleteKeyPairs",
        "CreateKeyPair",
      ]);
      expect(ens.calls()[1].code).toBe("PubKeyNameExisted");
      expect(ens.keyPairs()).toHaveLength(1);
      expect(fingerprintOfPrivateKeyFile(file)).toBe(ens.keyPair(NAME)?.fingerprint);
    });
  });

  describe("create mode: a CreateKeyPair 200 answer that is never taken as a created key pair", () => {
    test.each(["KeyPairId", "PrivateKeyBody"] as const)(
      "without %s: the key pair it made is found by name, deleted by its ID and created again",
      async (omit) => {
        ens.faults.incompleteCreate(1, { omit });
        const file = path.join(scratch, "id_rsa");

        const result = await create({ ENS_KEY_PAIR_PRIVATE_KEY_FILE: file });

        expect(result.exitCode).toBe(HandlerExitCode.OK);
        expect(attemptLines(result.stderr, "CreateKeyPair")[0]).toContain(
          "outcome=retrying code=IncompleteAnswer",
        );
        const calls = ens.calls();
        expect(calls.map((call) => `${call.action}:${call.code ?? "OK"}`)).toEqual([
          "CreateKeyPair:OK",
          "CreateKeyPair:PubKeyNameExisted",
          "DescribeKeyPairs:OK",
          "DeleteKeyPairs:OK",
          "CreateKeyPair:OK",
        ]);
        // Deleted by the ID DescribeKeyPairs showed for the key pair the incomplete answer made: never by name.
        expect(calls[3].params).toEqual({ KeyPairId: expect.stringMatching(/^ssh-/) });
        expect(ens.keyPairs()).toHaveLength(1);
        expect(ens.keyPair(NAME)?.keyPairId).not.toBe(calls[3].params.KeyPairId);
        expect(fingerprintOfPrivateKeyFile(file)).toBe(ens.keyPair(NAME)?.fingerprint);
      },
    );

    test("without a private key file, the key pair the incomplete answer made is found and kept", async () => {
      ens.faults.incompleteCreate(1, { omit: "KeyPairId" });

      const result = await create({});

      expect(result.exitCode).toBe(HandlerExitCode.OK);
      expect(actionsCalled(ens)).toEqual(["CreateKeyPair", "CreateKeyPair", "DescribeKeyPairs"]);
      expect(ens.keyPairs()).toHaveLength(1);
      expect(result.stderr).toContain(`key pair "${NAME}" (KeyPairId ${ens.keyPair(NAME)?.keyPairId}`);
      expect(result.stderr).toContain("already exists and is this stack's; kept");
    });

    test("an error inside a 200 answer is a failure, and the name is looked up in case the key pair was made", async () => {
      ens.faults.errorInOkAnswer("CreateKeyPair", 1, { code: "ens.interface.error" });

      const result = await create({});

      expect(result.exitCode).toBe(HandlerExitCode.FAILED);
      expect(actionsCalled(ens)).toEqual(["CreateKeyPair", "DescribeKeyPairs"]);
      expect(errorLine(result.stderr)).toContain("ens.interface.error");
      expect(errorLine(result.stderr)).toContain("(HTTP 200, RequestId");
      expect(ens.keyPairs()).toEqual([]);
    });
  });

  describe("import mode", () => {
    test("imports the public key", async () => {
      const result = await importKey();

      expect(result.exitCode).toBe(HandlerExitCode.OK);
      expect(ens.keyPair(NAME)?.fingerprint).toBe(RSA_PUBLIC_KEY_MD5);
      expect(ens.calls()[0].params.PublicKeyBody).toBe(RSA_PUBLIC_KEY.split(" ").slice(0, 2).join(" "));
      expect(attemptLines(result.stderr, "ImportKeyPair")[0]).toContain("outcome=imported");
    });

    test("an import repeated by a later run (after an interrupted one) succeeds as already imported", async () => {
      ens.addKeyPair({ keyPairName: NAME, publicKey: RSA_PUBLIC_KEY });

      const result = await importKey(claimedByEarlierRun());

      expect(result.exitCode).toBe(HandlerExitCode.OK);
      expect(actionsCalled(ens)).toEqual(["ImportKeyPair", "DescribeKeyPairs"]);
      expect(attemptLines(result.stderr, "ImportKeyPair")[0]).toContain(
        "outcome=name-taken code=PubKeyNameExisted",
      );
      expect(attemptLines(result.stderr, "DescribeKeyPairs")[0]).toContain("outcome=found");
      expect(result.stderr).toContain("already imported with the same public key");
    });

    test("the same public key imported by someone else before this run claimed the name is not taken over", async () => {
      const other = ens.addKeyPair({ keyPairName: NAME, publicKey: RSA_PUBLIC_KEY });

      const result = await importKey();

      expect(result.exitCode).toBe(HandlerExitCode.FAILED);
      expect(ens.keyPairs()).toEqual([other]);
      expect(errorLine(result.stderr)).toContain(`the name "${NAME}" is already taken by another key pair`);
    });

    test("an import whose answer was lost succeeds on the retry", async () => {
      ens.faults.loseResponse("ImportKeyPair", 1);

      const result = await importKey();

      expect(result.exitCode).toBe(HandlerExitCode.OK);
      expect(actionsCalled(ens)).toEqual(["ImportKeyPair", "ImportKeyPair", "DescribeKeyPairs"]);
      expect(ens.keyPair(NAME)?.fingerprint).toBe(RSA_PUBLIC_KEY_MD5);
    });

    test("fails when the name holds a different key, and leaves that key alone", async () => {
      const other = ens.addKeyPair({ keyPairName: NAME });

      const result = await importKey();

      expect(result.exitCode).toBe(HandlerExitCode.FAILED);
      expect(ens.keyPair(NAME)).toEqual(other);
      expect(errorLine(result.stderr)).toContain(
        `with a different public key (yours has fingerprint ${RSA_PUBLIC_KEY_MD5})`,
      );
      expect(errorLine(result.stderr)).toContain(
        `fingerprint ${onTheWire(other.fingerprint, fingerprintFormat)}`,
      );
      expect(actionsCalled(ens)).not.toContain("DeleteKeyPairs");
    });

    test("a fingerprint that does not match the public key is refused before any API call", async () => {
      const result = await importKey({
        ENS_KEY_PAIR_FINGERPRINT: "00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff",
      });

      expect(result.exitCode).toBe(HandlerExitCode.INVALID_INPUT);
      expect(errorLine(result.stderr)).toContain(
        `does not match the public key's MD5 fingerprint ${RSA_PUBLIC_KEY_MD5}`,
      );
      expect(ens.calls()).toEqual([]);
    });
  });
});
