/**
 * `ens-key-pair drift` as a real process after a real `terraform apply` against the emulator: every status (ok,
 * missing, changed in import and create mode, unknown), the exit codes, the table and the `--json` shape, every kind
 * of state source (state file, stack folder, show JSON file, stdin, several at once, a release-0.1-shaped resource),
 * and the printed repair run for real: after it, drift says ok again.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { EnsKeyPair } from "../../lib";
import { TerraformData } from "../../lib/custom-resource/terraform-data";
import {
  isPublicKeyViolation,
  md5Fingerprint,
  parseSshRsaPublicKey,
  sshRsaPublicKeyOf,
} from "../../lib/shared/public-key";
import { EnsEmulator } from "../../lib/testing";
import { RSA_PUBLIC_KEY } from "../fixtures/keys";
import { baseTerraformEnv, TerraformWorkspace, terraformAvailable } from "../support/terraform";
import { CliProcessResult, errorLine, runCliAgainst } from "./cli-process";

const describeWithTerraform = terraformAvailable() ? describe : describe.skip;

/** The `--json` report, as drift prints it. */
interface DriftJson {
  readonly drift: boolean;
  readonly keyFiles: boolean;
  readonly summary: Record<"ok" | "missing" | "changed" | "key-lost" | "unknown", number>;
  readonly states: Array<{ state: string; stack: string | null; keyPairs: number }>;
  readonly keyPairs: Array<{
    state: string;
    address: string;
    createStepAddress: string | null;
    keyPairName: string;
    mode: "create" | "import";
    status: string;
    reason: string;
    note: string | null;
    found: { keyPairName: string; keyPairId: string; fingerprint: string; creationTime: string } | null;
    privateKeyFile: { recorded: string; path: string | null; result: string } | null;
    fix: {
      command: string;
      workingDirectory: string;
      cdktf: string;
      before?: string;
      instead?: string;
    } | null;
  }>;
}

function fingerprintOfPrivateKeyFile(file: string): string {
  const parsed = parseSshRsaPublicKey(sshRsaPublicKeyOf(fs.readFileSync(file, "utf8")));
  if (isPublicKeyViolation(parsed)) throw new Error(parsed.message);
  return md5Fingerprint(parsed.blob);
}

describeWithTerraform("drift against a stack applied with terraform", () => {
  let ens: EnsEmulator;
  /** A second ENS, where one key pair's EnsKeyPair points its endpoint. */
  let elsewhere: EnsEmulator;
  let keys: TerraformWorkspace;
  let more: TerraformWorkspace;
  let goneKeyFile: string;

  const drift = (args: string[], options: { stdin?: string } = {}): Promise<CliProcessResult> =>
    runCliAgainst(ens, ["drift", ...args], baseTerraformEnv(), { ...options, timeoutMs: 90_000 });

  const statuses = (report: DriftJson) =>
    Object.fromEntries(report.keyPairs.map((k) => [k.keyPairName, k.status]));

  beforeAll(async () => {
    ens = await EnsEmulator.start({ rsaBits: 1024 });
    elsewhere = await EnsEmulator.start({ rsaBits: 1024 });
    keys = new TerraformWorkspace("keys", ens.env());
    goneKeyFile = path.join(keys.dir, "keys", "gone.pem");
    keys.synth((stack) => {
      new EnsKeyPair(stack, "created", { keyPairName: "drift-created" });
      new EnsKeyPair(stack, "imported", { keyPairName: "drift:imported", publicKey: RSA_PUBLIC_KEY });
      new EnsKeyPair(stack, "gone", { keyPairName: "drift-gone", privateKeyFile: goneKeyFile });
      new EnsKeyPair(stack, "swapped", { keyPairName: "drift-swapped", publicKey: RSA_PUBLIC_KEY });
      new EnsKeyPair(stack, "older", { keyPairName: "drift-older" });
      new EnsKeyPair(stack, "far", { keyPairName: "drift-far", endpoint: elsewhere.endpoint });
    });
    more = new TerraformWorkspace("more", ens.env());
    more.synth((stack) => {
      new EnsKeyPair(stack, "other", { keyPairName: "drift-other" });
      // The shape release 0.1 wrote: one resource, the same input minus claimed_at, no create step.
      new TerraformData(stack, "legacy", {
        input: {
          key_pair_name: "drift-legacy",
          mode: "create",
          removal_policy: "destroy",
          delete_timeout_seconds: "300",
        },
      });
    });
    ens.addKeyPair({ keyPairName: "drift-legacy" });
    for (const workspace of [keys, more]) {
      const apply = await workspace.apply();
      expect({ exitCode: apply.exitCode, output: apply.exitCode === 0 ? "" : apply.output }).toEqual({
        exitCode: 0,
        output: "",
      });
    }
  }, 180_000);

  afterAll(async () => {
    await ens?.stop();
    await elsewhere?.stop();
    keys?.dispose();
    more?.dispose();
  });

  afterEach(() => {
    ens.faults.clear();
    elsewhere.faults.clear();
  });

  test("right after apply: every key pair ok, exit 0; each looked up where its EnsKeyPair created it", async () => {
    const elsewhereCalls = elsewhere.calls().length;

    const result = await drift([keys.stateFile]);

    expect(errorLine(result.stderr)).toBeUndefined();
    expect(result.exitCode).toBe(0);
    const rows = result.stdout
      .trimEnd()
      .split("\n")
      .map((line) => line.split(/ {2,}/));
    expect(rows[0]).toEqual(["STATUS", "NAME", "ADDRESS", "STATE"]);
    // Six key pairs, twelve resources: one row per key pair, named by its main resource.
    expect(rows.slice(1).map(([status, name]) => `${status} ${name}`)).toEqual([
      "ok drift-created",
      "ok drift-far",
      "ok drift-gone",
      "ok drift:imported",
      "ok drift-older",
      "ok drift-swapped",
    ]);
    for (const row of rows.slice(1)) expect(row[2]).toMatch(/^terraform_data\.\w+_[0-9A-F]{8}$/);
    expect(
      elsewhere
        .calls()
        .slice(elsewhereCalls)
        .map((c) => [c.action, c.params.KeyPairName]),
    ).toEqual([["DescribeKeyPairs", "drift-far"]]);
    expect(ens.calls().some((c) => c.params.KeyPairName === "drift-far")).toBe(false);
    expect(result.stderr).toContain("drift: 6 key pairs in 1 state: 6 ok, 0 missing, 0 changed, 0 unknown");
  });

  test("the same report from a state file, its stack folder, its show JSON as a file and on stdin", async () => {
    const show = await keys.terraform("show", "-json", "-no-color");
    expect(show.exitCode).toBe(0);
    const showFile = path.join(keys.dir, "show.json");
    fs.writeFileSync(showFile, show.output);

    const [byFile, byFolder, byShowFile, byStdin] = await Promise.all([
      drift([keys.stateFile, "--json"]),
      drift([keys.stackDir, "--json"]),
      drift(["--state", showFile, "--json"]),
      drift(["-", "--json"], { stdin: show.output }),
    ]);

    const reports = [byFile, byFolder, byShowFile, byStdin].map((r) => {
      expect(r.exitCode).toBe(0);
      return JSON.parse(r.stdout) as DriftJson;
    });
    const shape = (report: DriftJson) =>
      report.keyPairs.map((k) => [k.address, k.createStepAddress, k.status]);
    for (const report of reports) expect(shape(report)).toEqual(shape(reports[0]));
    expect(reports.map((r) => r.states)).toEqual([
      [{ state: keys.stateFile, stack: null, keyPairs: 6 }],
      [{ state: keys.stackDir, stack: "keys", keyPairs: 6 }],
      [{ state: showFile, stack: null, keyPairs: 6 }],
      [{ state: "-", stack: null, keyPairs: 6 }],
    ]);
  });

  test("--key-files: the private key file written by the apply holds its key; moved away, key-lost with the repair; back, ok", async () => {
    const check = async () => {
      const result = await drift([keys.stackDir, "--key-files", "--json"]);
      return { exitCode: result.exitCode, report: JSON.parse(result.stdout) as DriftJson };
    };
    const gone = (report: DriftJson) => report.keyPairs.find((k) => k.keyPairName === "drift-gone")!;

    const fine = await check();
    expect(fine.exitCode).toBe(0);
    expect(fine.report.keyFiles).toBe(true);
    expect(gone(fine.report)).toMatchObject({
      status: "ok",
      privateKeyFile: { recorded: goneKeyFile, path: goneKeyFile, result: "ok" },
      fix: null,
    });
    // Only drift-gone sets privateKeyFile; the imported and discarded keys have nothing to check.
    expect(fine.report.keyPairs.filter((k) => k.privateKeyFile !== null)).toHaveLength(1);

    const aside = `${goneKeyFile}.aside`;
    fs.renameSync(goneKeyFile, aside);
    try {
      const lost = await check();
      expect(lost.exitCode).toBe(3);
      expect(lost.report.summary).toEqual({ ok: 5, missing: 0, changed: 0, "key-lost": 1, unknown: 0 });
      expect(gone(lost.report)).toMatchObject({
        status: "key-lost",
        privateKeyFile: { path: goneKeyFile, result: "missing" },
        fix: { command: `terraform apply -replace=${gone(lost.report).createStepAddress}` },
      });
      expect(gone(lost.report).reason).toContain(`its private key file ${goneKeyFile} does not exist`);
    } finally {
      fs.renameSync(aside, goneKeyFile);
    }
    expect((await check()).exitCode).toBe(0);
  });

  test("several states at once; a release-0.1 resource is recognized, ok with a note; once missing, its repair replaces it (no create step)", async () => {
    const both = await drift([keys.stateFile, more.stateFile, "--json"]);

    expect(both.exitCode).toBe(0);
    const report = JSON.parse(both.stdout) as DriftJson;
    expect(report.states.map((s) => s.keyPairs)).toEqual([6, 2]);
    const legacy = report.keyPairs.find((k) => k.keyPairName === "drift-legacy");
    expect(legacy).toMatchObject({ state: more.stateFile, status: "ok", createStepAddress: null });
    expect(legacy?.note).toMatch(/release 0\.1/);

    ens.deleteKeyPair("drift-legacy");
    const gone = JSON.parse((await drift([more.stateFile, "--json"])).stdout) as DriftJson;
    expect(gone.keyPairs.find((k) => k.keyPairName === "drift-legacy")?.fix?.command).toBe(
      `terraform apply -replace=${legacy?.address}`,
    );
  });

  test("out-of-band deletes and changes: missing, changed (import and create mode), unknown; exit 3; the repair", async () => {
    const claimedAt = Date.parse(
      /"claimed_at": ?"([^"]+)"/.exec(fs.readFileSync(keys.stateFile, "utf8"))?.[1] ?? "",
    );
    expect(Number.isFinite(claimedAt)).toBe(true);
    ens.deleteKeyPair("drift-gone");
    const swapped = ens.replaceKeyPair("drift-swapped");
    // Create mode: a key under the name that is older than the stack's claim is not the one the stack created.
    ens.deleteKeyPair("drift-older");
    const older = ens.addKeyPair({
      keyPairName: "drift-older",
      creationTime: new Date(claimedAt - 3_600_000),
    });
    elsewhere.faults.noPermission("DescribeKeyPairs");

    const result = await drift([keys.stackDir, "--json"]);

    expect(result.exitCode).toBe(3);
    const report = JSON.parse(result.stdout) as DriftJson;
    expect(report.drift).toBe(true);
    expect(report.summary).toEqual({ ok: 2, missing: 1, changed: 2, "key-lost": 0, unknown: 1 });
    expect(statuses(report)).toEqual({
      "drift-created": "ok",
      "drift:imported": "ok",
      "drift-gone": "missing",
      "drift-swapped": "changed",
      "drift-older": "changed",
      "drift-far": "unknown",
    });
    const entry = (name: string) => report.keyPairs.find((k) => k.keyPairName === name)!;
    const gone = entry("drift-gone");
    expect(gone).toMatchObject({ mode: "create", found: null, note: null });
    expect(gone.fix).toEqual({
      command: `terraform apply -replace=${gone.createStepAddress}`,
      workingDirectory: "cdktf.out/stacks/keys",
      cdktf: `cdktf deploy has no -replace option: run \`cdktf synth\`, then \`terraform apply -replace=${gone.createStepAddress}\` in cdktf.out/stacks/keys.`,
    });
    expect(entry("drift-swapped").found?.keyPairId).toBe(swapped.keyPairId);
    expect(entry("drift-swapped").reason).toContain("another public key");
    expect(entry("drift-swapped").fix?.before).toContain(`ens-key-pair delete --id ${swapped.keyPairId}`);
    expect(entry("drift-older").reason).toContain("created before the stack claimed it");
    expect(entry("drift-older").fix?.before).toContain(`ens-key-pair delete --id ${older.keyPairId}`);
    expect(entry("drift-far").reason).toContain("ens:DescribeKeyPairs");
    expect(entry("drift-far").fix).toBeNull();

    // The table says the same, with the command to run.
    const text = await drift([keys.stackDir]);
    expect(text.exitCode).toBe(3);
    expect(text.stdout).toMatch(/^missing +drift-gone +terraform_data\.gone_[0-9A-F]{8} /m);
    expect(text.stdout).toContain(`    terraform apply -replace=${gone.createStepAddress}\n`);
    expect(text.stdout).toMatch(/^unknown "drift-far" .*the lookup failed: .*ens:DescribeKeyPairs/m);

    // The repair, as printed: the leftovers that hold two names go first, then one apply replaces the create steps.
    for (const name of ["drift-swapped", "drift-older"]) {
      const removed = await runCliAgainst(ens, ["delete", "--id", entry(name).found!.keyPairId]);
      expect(removed.exitCode).toBe(0);
    }
    await keys.afterRecordedClaims();
    const replaces = ["drift-gone", "drift-swapped", "drift-older"].map((name) => {
      const [command, replace] = entry(name).fix!.command.split(" apply ");
      expect(command).toBe("terraform");
      return replace;
    });
    const apply = await keys.terraform("apply", "-auto-approve", "-input=false", "-no-color", ...replaces);
    expect({ exitCode: apply.exitCode, output: apply.exitCode === 0 ? "" : apply.output }).toEqual({
      exitCode: 0,
      output: "",
    });
    expect(apply.output).toMatch(/Resources: 3 added, 0 changed, 3 destroyed\./);
    // Re-created: a new key under the name, its private key written again.
    expect(fingerprintOfPrivateKeyFile(goneKeyFile)).toBe(ens.keyPair("drift-gone")?.fingerprint);

    // Still one lookup failing elsewhere: no drift, but not all checked: exit 1.
    const checked = await drift([keys.stackDir, "--json"]);
    expect(checked.exitCode).toBe(1);
    expect((JSON.parse(checked.stdout) as DriftJson).summary).toEqual({
      ok: 5,
      missing: 0,
      changed: 0,
      "key-lost": 0,
      unknown: 1,
    });

    elsewhere.faults.clear();
    const clean = await drift([keys.stackDir, "--json"]);
    expect(clean.exitCode).toBe(0);
    expect(Object.values(statuses(JSON.parse(clean.stdout) as DriftJson))).toEqual(Array(6).fill("ok"));
  }, 180_000);

  test("a state file that terraform cannot show offline (alicloud resources): exit 2, saying to pass show JSON", async () => {
    const state = JSON.parse(fs.readFileSync(keys.stateFile, "utf8")) as {
      serial: number;
      resources: unknown[];
    };
    state.resources.push({
      mode: "managed",
      type: "alicloud_ens_instance",
      name: "vm",
      provider: 'provider["registry.terraform.io/aliyun/alicloud"]',
      instances: [{ schema_version: 0, attributes: { id: "i-1", key_pair_name: "drift-created" } }],
    });
    const file = path.join(keys.dir, "with-alicloud.tfstate");
    fs.writeFileSync(file, JSON.stringify(state));

    const result = await drift([file]);

    expect(result.exitCode).toBe(2);
    expect(errorLine(result.stderr)).toMatch(
      /cannot read the state ".*with-alicloud\.tfstate": `terraform show -json/,
    );
    expect(errorLine(result.stderr)).toContain("needs the providers of every resource in the state");
    expect(result.stdout).toBe("");
  });

  test("a stack folder terraform has not initialized: exit 2, saying to run terraform init", async () => {
    const copy = path.join(keys.dir, "uninitialized");
    fs.mkdirSync(copy);
    fs.copyFileSync(path.join(keys.stackDir, "cdk.tf.json"), path.join(copy, "cdk.tf.json"));

    const result = await drift([copy]);

    expect(result.exitCode).toBe(2);
    expect(errorLine(result.stderr)).toContain("Run `terraform init` in that folder first.");
  });
});
