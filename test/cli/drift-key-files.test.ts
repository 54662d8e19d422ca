/**
 * `drift --key-files`: where a recorded `privateKeyFile` is on this machine (absolute as it is; relative against
 * the nearest cdktf.json above the stack folder, else above the current folder), how what the file holds is judged
 * against the key pair ENS has (`ok`, `key-lost`, or `unknown` when a relative path has no project), and the flag
 * end to end through the CLI process on `terraform show -json` documents (no terraform needed): statuses, exit
 * codes, the table, the `--json` fields, and that without the flag no file is looked at.
 */
import { generateKeyPairSync } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { DriftFinding } from "../../lib/cli/drift-check";
import { checkKeyFile, judgeKeyFile, locatePrivateKeyFile } from "../../lib/cli/drift-key-file";
import { EnsKeyPairInState, keyPairsInState } from "../../lib/cli/key-pairs-in-state";
import type { EnsKeyPairSummary } from "../../lib/ens/ens-client";
import { sshRsaPublicKeyOf } from "../../lib/shared/public-key";
import { EnsEmulator } from "../../lib/testing";
import { privateKeyFileFingerprint } from "../reliability/support/private-key-fingerprint";
import { useEmulator } from "../support/emulator";
import { actionsCalled, errorLine, runCliAgainst } from "./cli-process";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "ens-drift-key-files-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** Makes a folder under the test root (and its parents) and returns its absolute path. */
function folder(...parts: string[]): string {
  const target = path.join(root, ...parts);
  fs.mkdirSync(target, { recursive: true });
  return target;
}

/** A cdktf project folder: it holds cdktf.json. */
function project(...parts: string[]): string {
  const target = folder(...parts);
  fs.writeFileSync(path.join(target, "cdktf.json"), "{}");
  return target;
}

/** A new RSA private key, as PEM, and its public key line. */
function rsaKey(): { pem: string; publicKey: string } {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 1024 });
  return {
    pem: privateKey.export({ type: "pkcs1", format: "pem" }).toString(),
    publicKey: sshRsaPublicKeyOf(privateKey),
  };
}

const CLAIM = "2026-01-02T03:00:00Z";

function inState(overrides: Partial<EnsKeyPairInState> = {}): EnsKeyPairInState {
  return {
    address: "terraform_data.kp_1A2B3C4D",
    createStepAddress: "terraform_data.kp_Create_5E6F7A8B",
    keyPairName: "web-1",
    mode: "create",
    adoptExisting: false,
    claimedAt: CLAIM,
    privateKeyFile: "keys/web-1.pem",
    ...overrides,
  };
}

const FINGERPRINT = "aa:bb:cc:dd:ee:ff:00:11:22:33:44:55:66:77:88:99";

function found(overrides: Partial<EnsKeyPairSummary> = {}): EnsKeyPairSummary {
  return {
    keyPairName: "web-1",
    keyPairId: "ssh-abc123",
    fingerprint: FINGERPRINT,
    creationTime: "2026-01-02T03:00:02Z",
    ...overrides,
  };
}

function ok(keyPair: EnsKeyPairSummary = found()): DriftFinding & { found: EnsKeyPairSummary } {
  return { status: "ok", reason: "the key pair exists (…).", found: keyPair };
}

describe("where the private key file is", () => {
  test("an absolute path is used as it is, with or without a project", () => {
    expect(locatePrivateKeyFile("/secrets/web-1.pem", { cwd: folder("nowhere") })).toEqual({
      kind: "path",
      path: "/secrets/web-1.pem",
    });
  });

  test("relative, from a stack folder: against the nearest cdktf.json above it, not the current folder's", () => {
    const app = project("app");
    const stackFolder = folder("app", "cdktf.out", "stacks", "keys");
    const elsewhere = project("elsewhere");

    expect(locatePrivateKeyFile("keys/web-1.pem", { stackFolder, cwd: elsewhere })).toEqual({
      kind: "path",
      path: path.join(app, "keys", "web-1.pem"),
      project: app,
    });
  });

  test("relative, from a state file or stdin: against the nearest cdktf.json at or above the current folder", () => {
    const app = project("nested", "outer");
    const inner = project("nested", "outer", "inner");

    expect(locatePrivateKeyFile("keys/a.pem", { cwd: folder("nested", "outer", "src") })).toMatchObject({
      path: path.join(app, "keys", "a.pem"),
    });
    expect(locatePrivateKeyFile("keys/a.pem", { cwd: inner })).toMatchObject({
      path: path.join(inner, "keys", "a.pem"),
    });
  });

  test("relative with no cdktf.json above: unresolved, saying where the search started", () => {
    const lost = folder("no-project", "stack");
    expect(locatePrivateKeyFile("keys/a.pem", { stackFolder: lost, cwd: project("ignored") })).toEqual({
      kind: "unresolved",
      searchedFrom: lost,
    });
  });
});

describe("judging what the file holds against the key ENS has", () => {
  const keyPair = { ...inState(), privateKeyFile: "keys/web-1.pem" };
  const at = { kind: "path", path: "/app/keys/web-1.pem", project: "/app" } as const;

  test("the private half of that key (fingerprints compared by their hex digits): ok, with the file named", () => {
    const plain = FINGERPRINT.replace(/:/g, "").toUpperCase();
    const finding = judgeKeyFile(keyPair, ok(), { ...at, content: { kind: "key", fingerprint: plain } });

    expect(finding.status).toBe("ok");
    expect(finding.reason).toBe("the key pair exists (…); /app/keys/web-1.pem holds its private key.");
    expect(finding.keyFile).toEqual({
      recorded: "keys/web-1.pem",
      path: "/app/keys/web-1.pem",
      result: "ok",
    });
  });

  test.each([
    [{ kind: "missing" } as const, "missing", "does not exist."],
    [
      { kind: "unusable", reason: "it holds no RSA private key (bad)" } as const,
      "unusable",
      "cannot be used: it holds no RSA private key (bad).",
    ],
    [
      { kind: "key", fingerprint: "11:22:33:44:55:66:77:88:99:00:aa:bb:cc:dd:ee:ff" } as const,
      "other-key",
      "holds another key (fingerprint 11:22:33:44:55:66:77:88:99:00:aa:bb:cc:dd:ee:ff), not the private half of this one.",
    ],
  ])(
    "%j: key-lost, naming the file, the project it was resolved in and the key ENS has",
    (content, result, problem) => {
      const finding = judgeKeyFile(keyPair, ok(), { ...at, content });

      expect(finding.status).toBe("key-lost");
      expect(finding.reason).toBe(
        `the key pair exists (KeyPairId ssh-abc123, fingerprint ${FINGERPRINT}, created 2026-01-02T03:00:02Z), but ` +
          `its private key file /app/keys/web-1.pem (privateKeyFile "keys/web-1.pem" in the cdktf project /app) ${problem}`,
      );
      expect(finding.found?.keyPairId).toBe("ssh-abc123");
      expect(finding.keyFile).toEqual({ recorded: "keys/web-1.pem", path: "/app/keys/web-1.pem", result });
    },
  );

  test("an absolute path is named alone; a create step that wrote elsewhere is named too", () => {
    const moved = { ...keyPair, privateKeyFile: "/keys/new.pem", createStepPrivateKeyFile: "keys/old.pem" };
    const finding = judgeKeyFile(moved, ok(), {
      kind: "path",
      path: "/keys/new.pem",
      content: { kind: "missing" },
    });

    expect(finding.reason).toContain("but its private key file /keys/new.pem does not exist.");
    expect(finding.reason).toContain('Its create step wrote the key to "keys/old.pem"');
  });

  test("ENS listed no fingerprint: ok, with a note that only the file's key was checked", () => {
    const finding = judgeKeyFile(keyPair, ok(found({ fingerprint: "" })), {
      ...at,
      content: { kind: "key", fingerprint: FINGERPRINT },
    });

    expect(finding.status).toBe("ok");
    expect(finding.note).toContain("listed it without a fingerprint");
    expect(finding.keyFile?.result).toBe("unverified");
  });

  test("relative with no project: unknown, exit 2, saying what to pass instead", () => {
    const finding = judgeKeyFile(keyPair, ok(), { kind: "unresolved", searchedFrom: "/tmp/x" });

    expect(finding).toMatchObject({ status: "unknown", failureExitCode: 2, found: ok().found });
    expect(finding.reason).toBe(
      'its private key file "keys/web-1.pem" is relative to the cdktf project folder, and no cdktf.json was found ' +
        "in /tmp/x or above it. Pass the stack folder (cdktf.out/stacks/<stack>) as the STATE, or run drift inside " +
        "the cdktf project.",
    );
    expect(finding.keyFile).toEqual({ recorded: "keys/web-1.pem", path: null, result: "unresolved" });
  });
});

describe("checking a file on disk", () => {
  const app = project("disk");
  const key = rsaKey();
  const keyFile = path.join(app, "keys", "web-1.pem");
  fs.mkdirSync(path.dirname(keyFile), { recursive: true });
  fs.writeFileSync(keyFile, key.pem);
  const ens = found({ fingerprint: privateKeyFileFingerprint(keyFile) });
  const base = { cwd: app };

  test("the file holding the key's private half: ok; another key's, a non-key, a folder, none: key-lost", async () => {
    const other = path.join(app, "keys", "other.pem");
    fs.writeFileSync(other, rsaKey().pem);
    const garbage = path.join(app, "keys", "garbage.pem");
    fs.writeFileSync(garbage, "not a key\n");
    const results = await Promise.all(
      ["keys/web-1.pem", other, garbage, "keys", "keys/none.pem"].map(async (file) => {
        const finding = await checkKeyFile(inState({ privateKeyFile: file }), ok(ens), base);
        return [finding.status, finding.keyFile?.result];
      }),
    );

    expect(results).toEqual([
      ["ok", "ok"],
      ["key-lost", "other-key"],
      ["key-lost", "unusable"],
      ["key-lost", "unusable"],
      ["key-lost", "missing"],
    ]);
  });

  test("nothing to check: not ok by ENS, import mode, no privateKeyFile recorded; the finding comes back as it was", async () => {
    const missing: DriftFinding = { status: "missing", reason: "gone." };
    const cases: Array<[EnsKeyPairInState, DriftFinding]> = [
      [inState({ privateKeyFile: "keys/none.pem" }), missing],
      [inState({ mode: "import", privateKeyFile: undefined }), ok(ens)],
      [inState({ privateKeyFile: undefined }), ok(ens)],
    ];
    for (const [keyPair, finding] of cases) {
      expect(await checkKeyFile(keyPair, finding, base)).toBe(finding);
    }
  });
});

describe("what the state records", () => {
  const resource = (address: string, values: Record<string, unknown>) => ({
    address,
    mode: "managed",
    type: "terraform_data",
    name: address.split(".")[1],
    values,
  });

  test("privateKeyFile from the main resource; the create step's only when it differs", () => {
    const main = { key_pair_name: "web-1", mode: "create", claimed_at: CLAIM };
    const values = {
      root_module: {
        resources: [
          resource("terraform_data.a_1A2B3C4D", {
            id: "a",
            input: { ...main, private_key_file: "keys/a.pem" },
          }),
          resource("terraform_data.a_Create_5E6F7A8B", {
            id: "sa",
            triggers_replace: "a",
            input: { ...main, private_key_file: "keys/a.pem", planned_at: CLAIM },
          }),
          resource("terraform_data.b_1A2B3C4D", {
            id: "b",
            input: { ...main, key_pair_name: "web-2", private_key_file: "keys/new.pem" },
          }),
          resource("terraform_data.b_Create_5E6F7A8B", {
            id: "sb",
            triggers_replace: "b",
            input: { ...main, key_pair_name: "web-2", private_key_file: "keys/old.pem", planned_at: CLAIM },
          }),
          resource("terraform_data.c_1A2B3C4D", { id: "c", input: { ...main, key_pair_name: "web-3" } }),
        ],
      },
    };

    expect(
      keyPairsInState(values).ensKeyPairs.map((k) => [
        k.keyPairName,
        k.privateKeyFile,
        k.createStepPrivateKeyFile,
      ]),
    ).toEqual([
      ["web-1", "keys/a.pem", undefined],
      ["web-2", "keys/new.pem", "keys/old.pem"],
      ["web-3", undefined, undefined],
    ]);
  });
});

describe("the flag through the CLI process (show JSON, no terraform)", () => {
  let emulator: EnsEmulator;
  useEmulator((started) => (emulator = started));

  const app = project("cli");
  const held = rsaKey();
  const lost = rsaKey();
  fs.mkdirSync(path.join(app, "keys"), { recursive: true });
  fs.writeFileSync(path.join(app, "keys", "held.pem"), held.pem);

  /** Show JSON of two create-mode key pairs with relative key files: `cli-held` (file on disk), `cli-lost` (none). */
  const show = JSON.stringify({
    format_version: "1.0",
    values: {
      root_module: {
        resources: ["held", "lost"].flatMap((name) => {
          const input = {
            key_pair_name: `cli-${name}`,
            mode: "create",
            claimed_at: "2020-01-01T00:00:00Z",
            private_key_file: `keys/${name}.pem`,
          };
          return [
            {
              address: `terraform_data.${name}_1A2B3C4D`,
              mode: "managed",
              type: "terraform_data",
              values: { id: name, input },
            },
            {
              address: `terraform_data.${name}_Create_5E6F7A8B`,
              mode: "managed",
              type: "terraform_data",
              values: {
                id: `s-${name}`,
                triggers_replace: name,
                input: { ...input, planned_at: input.claimed_at },
              },
            },
          ];
        }),
      },
    },
  });

  beforeEach(() => {
    emulator.addKeyPair({ keyPairName: "cli-held", publicKey: held.publicKey });
    emulator.addKeyPair({ keyPairName: "cli-lost", publicKey: lost.publicKey });
  });

  interface Report {
    keyFiles: boolean;
    drift: boolean;
    summary: Record<string, number>;
    keyPairs: Array<{
      keyPairName: string;
      status: string;
      privateKeyFile: unknown;
      fix: { command: string; instead?: string } | null;
    }>;
  }

  test("without --key-files: both ok, no file looked at, the summary's key-lost 0 and keyFiles false", async () => {
    const result = await runCliAgainst(emulator, ["drift", "-", "--json"], {}, { stdin: show, cwd: app });

    expect(result.exitCode).toBe(0);
    const report = JSON.parse(result.stdout) as Report;
    expect(report).toMatchObject({ keyFiles: false, drift: false });
    expect(report.summary).toEqual({ ok: 2, missing: 0, changed: 0, "key-lost": 0, unknown: 0 });
    expect(report.keyPairs.map((k) => [k.status, k.privateKeyFile])).toEqual([
      ["ok", null],
      ["ok", null],
    ]);
    expect(result.stderr).toContain("drift: 2 key pairs in 1 state: 2 ok, 0 missing, 0 changed, 0 unknown\n");
  });

  test("--key-files in the project: the key pair whose file is missing is key-lost, exit 3, with the repair", async () => {
    const result = await runCliAgainst(
      emulator,
      ["drift", "-", "--key-files", "--json"],
      {},
      { stdin: show, cwd: path.join(app, "keys") },
    );

    expect(errorLine(result.stderr)).toBeUndefined();
    expect(result.exitCode).toBe(3);
    const report = JSON.parse(result.stdout) as Report;
    expect(report).toMatchObject({ keyFiles: true, drift: true });
    expect(report.summary).toEqual({ ok: 1, missing: 0, changed: 0, "key-lost": 1, unknown: 0 });
    const [heldEntry, lostEntry] = report.keyPairs;
    expect(heldEntry).toMatchObject({
      keyPairName: "cli-held",
      status: "ok",
      privateKeyFile: { recorded: "keys/held.pem", path: path.join(app, "keys", "held.pem"), result: "ok" },
      fix: null,
    });
    expect(lostEntry).toMatchObject({
      keyPairName: "cli-lost",
      status: "key-lost",
      privateKeyFile: {
        recorded: "keys/lost.pem",
        path: path.join(app, "keys", "lost.pem"),
        result: "missing",
      },
      fix: { command: "terraform apply -replace=terraform_data.lost_Create_5E6F7A8B" },
    });
    expect(lostEntry.fix?.instead).toContain(`copy it to ${path.join(app, "keys", "lost.pem")} instead`);
    expect(result.stderr).toContain(
      "drift: 2 key pairs in 1 state: 1 ok, 0 missing, 0 changed, 1 key-lost, 0 unknown (private key files checked)",
    );

    const text = await runCliAgainst(emulator, ["drift", "-", "--key-files"], {}, { stdin: show, cwd: app });
    expect(text.exitCode).toBe(3);
    expect(text.stdout).toMatch(/^key-lost +cli-lost +terraform_data\.lost_1A2B3C4D +- *$/m);
    expect(text.stdout).toContain(
      `key-lost "cli-lost" (terraform_data.lost_1A2B3C4D): the key pair exists (KeyPairId ${emulator.keyPair("cli-lost")?.keyPairId}`,
    );
    expect(text.stdout).toContain(
      `its private key file ${path.join(app, "keys", "lost.pem")} (privateKeyFile "keys/lost.pem" in the cdktf project ${app}) does not exist.`,
    );
    expect(text.stdout).toContain("    terraform apply -replace=terraform_data.lost_Create_5E6F7A8B\n");
    expect(text.stdout).toContain("  or: if this key pair's private key is kept elsewhere");
  });

  test("--key-files outside any cdktf project: relative files cannot be resolved: unknown, exit 2, no file guessed", async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), "ens-no-project-"));
    try {
      const result = await runCliAgainst(
        emulator,
        ["drift", "-", "--key-files", "--json"],
        {},
        { stdin: show, cwd: outside },
      );

      expect(result.exitCode).toBe(2);
      const report = JSON.parse(result.stdout) as Report;
      expect(report.summary).toMatchObject({ ok: 0, "key-lost": 0, unknown: 2 });
      expect(report.keyPairs.map((k) => k.privateKeyFile)).toEqual([
        { recorded: "keys/held.pem", path: null, result: "unresolved" },
        { recorded: "keys/lost.pem", path: null, result: "unresolved" },
      ]);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  test("--key-files is drift's own: another command refuses it before any API call", async () => {
    const result = await runCliAgainst(emulator, ["list", "--key-files"]);

    expect(result.exitCode).toBe(2);
    expect(errorLine(result.stderr)).toContain("Unknown option --key-files for list");
    expect(actionsCalled(emulator)).toEqual([]);
  });
});
