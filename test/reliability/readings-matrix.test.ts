/**
 * The handler against every reading the emulator can play where the ENS docs are silent: each
 * value of each `EnsEmulatorOptions.readings` option, and the paging combination (10 key pairs a page, a substring
 * name filter), runs the same scenarios as real handler processes over HTTP: create, delete, already deleted (by name
 * and by KeyPairId), the import-mode guard (our key, a stranger's), a lookup (a retried import) and deleting a key
 * instances still use. Every row asserts the exit status, the emulator's key pairs, the calls and the message.
 *
 * Every test seeds key pairs whose names contain the name under test, older than it: under a substring name filter
 * they match the lookup, and at 10 a page they push the key pair to a later page.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { HandlerExitCode } from "../../lib/shared/handler-contract";
import { EmulatorReadings, EnsEmulator, ResolvedReadings } from "../../lib/testing";
import { resolveReadings } from "../../lib/testing/emulator-readings";
import { generateRsaKeyPairSync } from "../../lib/testing/rsa-key-generation";
import { RSA_PUBLIC_KEY, RSA_PUBLIC_KEY_MD5 } from "../fixtures/keys";
import { claimedByEarlierRun, claimedByThisRun, runAgainst, terraformTime } from "../handler/handler-harness";
import { useEmulator } from "../support/emulator";
import { onTheWire } from "../support/fingerprints";
import { expectOpenSshAcceptsPrivateKey } from "../support/ssh-keygen";
import { HandlerProcessResult } from "../support/handler-process";

const NAME = "reading";
/** Older key pairs whose names contain NAME. */
const NOISE = 12;
/** How many key pairs the handler asks for per DescribeKeyPairs page. */
const ASKED_PAGE_SIZE = 50;

/**
 * Each reading set: every value of every option (a default value stands for itself once, under the defaults), and
 * the combination that makes the lookup page.
 */
const READING_SETS: readonly (readonly [string, EmulatorReadings])[] = [
  [
    "the defaults (hex fingerprints, PubKeyNameNotExist, deletes attached keys, newlines, no page cap, exact names, no skew, no Code)",
    {},
  ],
  ["fingerprintFormat colon", { fingerprintFormat: "colon" }],
  ['missingKeyOnDelete "success"', { missingKeyOnDelete: "success" }],
  [
    "missingKeyOnDelete InvalidParameter.KeyPairName",
    { missingKeyOnDelete: { code: "InvalidParameter.KeyPairName" } },
  ],
  [
    "missingKeyOnDelete InvalidKeyPairId.NotFound (HTTP 404)",
    { missingKeyOnDelete: { code: "InvalidKeyPairId.NotFound", statusCode: 404 } },
  ],
  ["attachedKeyDelete refuses", { attachedKeyDelete: "refuses" }],
  ["privateKeyBody escaped", { privateKeyBody: "escaped" }],
  ["maxPageSize 10", { maxPageSize: 10 }],
  ["nameFilter substring", { nameFilter: "substring" }],
  ["creationTimeOffsetSeconds -5 (ENS's clock behind)", { creationTimeOffsetSeconds: -5 }],
  ["creationTimeOffsetSeconds 300 (ENS's clock ahead)", { creationTimeOffsetSeconds: 300 }],
  ["codeInSuccessBody", { codeInSuccessBody: true }],
  ["paging: maxPageSize 10 and nameFilter substring", { maxPageSize: 10, nameFilter: "substring" }],
];

const NOISE_KEY = generateRsaKeyPairSync(1024).publicKey;
const STRANGER_KEY = generateRsaKeyPairSync(1024).publicKey;

/** The claim of a stack whose create step ran a minute ago. */
const claimedAMinuteAgo = () => ({ ENS_KEY_PAIR_CLAIMED_AT: terraformTime(Date.now() - 60_000) });

const IMPORT_MODE = {
  ENS_KEY_PAIR_MODE: "import",
  ENS_KEY_PAIR_PUBLIC_KEY: RSA_PUBLIC_KEY,
  ENS_KEY_PAIR_FINGERPRINT: RSA_PUBLIC_KEY_MD5,
};

describe.each(READING_SETS)("readings: %s", (_label, readings) => {
  const resolved: ResolvedReadings = resolveReadings(readings);
  let ens: EnsEmulator;
  let scratch: string;
  useEmulator((started) => (ens = started), { rsaBits: 1024, readings });

  beforeEach(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), "ens-readings-"));
    for (let i = 0; i < NOISE; i++) {
      ens.addKeyPair({ keyPairName: `${NAME}-${String(i).padStart(2, "0")}`, publicKey: NOISE_KEY });
    }
  });

  afterEach(() => fs.rmSync(scratch, { recursive: true, force: true }));

  function run(command: "create" | "delete", env: Record<string, string>): Promise<HandlerProcessResult> {
    return runAgainst(ens, command, { ENS_KEY_PAIR_NAME: NAME, ...env });
  }

  /** The DescribeKeyPairs pages a lookup of NAME reads, with or without the key pair itself. */
  function pagesRead(withKeyPair: boolean): number {
    const matches = (resolved.nameFilter === "substring" ? NOISE : 0) + (withKeyPair ? 1 : 0);
    return Math.max(
      1,
      Math.ceil(matches / Math.min(resolved.maxPageSize ?? ASKED_PAGE_SIZE, ASKED_PAGE_SIZE)),
    );
  }

  /** `n` DescribeKeyPairs calls. */
  const describes = (n: number): string[] => Array<string>(n).fill("DescribeKeyPairs");

  /** The actions, and that every lookup asked for NAME (or the ID) with PageSize 50. */
  function actions(): string[] {
    for (const call of ens.calls().filter((c) => c.action === "DescribeKeyPairs")) {
      expect(call.params.PageSize).toBe(String(ASKED_PAGE_SIZE));
    }
    return ens.calls().map((call) => call.action);
  }

  /** The noise key pairs are all still there. */
  function noiseUntouched(): void {
    expect(ens.keyPairs().filter((k) => k.keyPairName !== NAME)).toHaveLength(NOISE);
  }

  /** Calls and summary of a delete of a key pair that is not there, as this reading answers it. */
  function alreadyDeletedOutcome(keyPairId?: string): { confirm: boolean; summary: string } {
    const missing = resolved.missingKeyOnDelete;
    const forId = keyPairId === undefined ? "" : ` for KeyPairId ${keyPairId}`;
    if (missing === "success")
      return { confirm: false, summary: keyPairId === undefined ? "deleted" : "deleted (by KeyPairId" };
    if (missing.code === "PubKeyNameNotExist")
      return { confirm: false, summary: `already deleted (PubKeyNameNotExist${forId})` };
    return {
      confirm: true,
      summary: `already deleted (DeleteKeyPairs answered ${missing.code}${forId}, and DescribeKeyPairs shows it is gone)`,
    };
  }

  test("create: the key pair is made and its private key written as a PEM file ssh-keygen reads", async () => {
    const file = path.join(scratch, "keys", "id_rsa");

    const result = await run("create", {
      ENS_KEY_PAIR_MODE: "create",
      ENS_KEY_PAIR_PRIVATE_KEY_FILE: file,
      ...claimedByThisRun(),
    });

    expect(result.exitCode).toBe(HandlerExitCode.OK);
    expect(actions()).toEqual(["CreateKeyPair"]);
    const key = ens.keyPair(NAME);
    expect(result.stderr).toContain(
      `key pair "${NAME}" created (KeyPairId ${key?.keyPairId}, fingerprint ${onTheWire(key?.fingerprint ?? "", resolved.fingerprintFormat)}); private key written to ${file} (mode 0600)`,
    );
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, "utf8")).not.toContain("\\n");
    expectOpenSshAcceptsPrivateKey(file, key?.publicKey ?? "");
  });

  test("delete: the lookup finds this stack's key pair, and the one DeleteKeyPairs deletes it", async () => {
    ens.addKeyPair({ keyPairName: NAME });

    const result = await run("delete", { ENS_KEY_PAIR_MODE: "create", ...claimedAMinuteAgo() });

    expect(result.exitCode).toBe(HandlerExitCode.OK);
    expect(actions()).toEqual([...describes(pagesRead(true)), "DeleteKeyPairs"]);
    expect(ens.calls().at(-1)?.params).toEqual({ KeyPairName: NAME });
    expect(ens.keyPair(NAME)).toBeUndefined();
    noiseUntouched();
    expect(result.stderr).toContain(`key pair "${NAME}" deleted`);
  });

  test("already deleted: exit 0, confirmed by DescribeKeyPairs when the code does not say so itself", async () => {
    const result = await run("delete", { ENS_KEY_PAIR_MODE: "create", ...claimedAMinuteAgo() });

    const { confirm, summary } = alreadyDeletedOutcome();
    expect(result.exitCode).toBe(HandlerExitCode.OK);
    expect(actions()).toEqual([
      ...describes(pagesRead(false)),
      "DeleteKeyPairs",
      ...(confirm ? describes(pagesRead(false)) : []),
    ]);
    expect(result.stderr).toContain(`key pair "${NAME}" ${summary}`);
    noiseUntouched();
  });

  test("already deleted by KeyPairId: exit 0, confirmed by looking the ID up when the code does not say so", async () => {
    const gone = ens.addKeyPair({ keyPairName: NAME });
    ens.deleteKeyPair(gone.keyPairId);

    const result = await run("delete", { ENS_KEY_PAIR_MODE: "create", ENS_KEY_PAIR_ID: gone.keyPairId });

    const { confirm, summary } = alreadyDeletedOutcome(gone.keyPairId);
    expect(result.exitCode).toBe(HandlerExitCode.OK);
    expect(actions()).toEqual(["DeleteKeyPairs", ...(confirm ? ["DescribeKeyPairs"] : [])]);
    for (const call of ens.calls()) expect(call.params).toMatchObject({ KeyPairId: gone.keyPairId });
    expect(result.stderr).toContain(`key pair "${NAME}" ${summary}`);
  });

  test("import guard: our public key under the name is recognised by its fingerprint and deleted", async () => {
    ens.addKeyPair({ keyPairName: NAME, publicKey: RSA_PUBLIC_KEY });

    const result = await run("delete", { ...IMPORT_MODE, ...claimedAMinuteAgo() });

    expect(result.exitCode).toBe(HandlerExitCode.OK);
    expect(actions()).toEqual([...describes(pagesRead(true)), "DeleteKeyPairs"]);
    expect(ens.keyPair(NAME)).toBeUndefined();
    noiseUntouched();
  });

  test("import guard: a stranger's key that reused the name is left alone, with zero DeleteKeyPairs", async () => {
    const stranger = ens.addKeyPair({ keyPairName: NAME, publicKey: STRANGER_KEY });

    const result = await run("delete", { ...IMPORT_MODE, ...claimedAMinuteAgo() });

    expect(result.exitCode).toBe(HandlerExitCode.OK);
    expect(actions()).toEqual(describes(pagesRead(true)));
    expect(ens.keyPair(NAME)).toEqual(stranger);
    expect(result.stderr).toContain(
      `ens-key-pair: warning: key pair "${NAME}" with fingerprint ${RSA_PUBLIC_KEY_MD5} is already gone`,
    );
    noiseUntouched();
  });

  test("lookup: a retried import finds its own key pair under the name and succeeds as already imported", async () => {
    const ours = ens.addKeyPair({ keyPairName: NAME, publicKey: RSA_PUBLIC_KEY });

    const result = await run("create", { ...IMPORT_MODE, ...claimedByEarlierRun() });

    expect(result.exitCode).toBe(HandlerExitCode.OK);
    expect(actions()).toEqual(["ImportKeyPair", ...describes(pagesRead(true))]);
    expect(ens.calls()[0].code).toBe("PubKeyNameExisted");
    expect(ens.keyPair(NAME)).toEqual(ours);
    expect(result.stderr).toContain(`key pair "${NAME}" already imported with the same public key`);
  });

  test("a key pair instances still use: deleted, or refused with PubKeyAttachedWithInstance, as ENS does", async () => {
    ens.addKeyPair({ keyPairName: NAME });
    ens.attachInstance(NAME, "i-still-using-it");

    const result = await run("delete", { ENS_KEY_PAIR_MODE: "create", ...claimedAMinuteAgo() });

    // Either way exactly one DeleteKeyPairs: PubKeyAttachedWithInstance explains itself and is not confirmed.
    expect(actions()).toEqual([...describes(pagesRead(true)), "DeleteKeyPairs"]);
    if (resolved.attachedKeyDelete === "deletes") {
      expect(result.exitCode).toBe(HandlerExitCode.OK);
      expect(ens.keyPair(NAME)).toBeUndefined();
    } else {
      expect(result.exitCode).toBe(HandlerExitCode.FAILED);
      expect(result.stderr).toContain(`key pair "${NAME}" is still attached to one or more ENS instances`);
      expect(ens.keyPair(NAME)).toBeDefined();
    }
  });
});
