/**
 * `ens-key-pair sweep` as a real process after a real `terraform apply` against the emulator: orphans seeded under
 * the prefix are listed (dry run by default) and deleted with --yes, by KeyPairId; key pairs a state names (an
 * EnsKeyPair's, an alicloud resource's in a show JSON), key pairs younger than the minimum age and key pairs outside
 * the prefix are never touched; a throttled delete is retried, a refused one reported while the others go on, and
 * one gone meanwhile counts as deleted.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { EnsKeyPair } from "../../lib";
import { EmulatorCall, EnsEmulator } from "../../lib/testing";
import { RSA_PUBLIC_KEY } from "../fixtures/keys";
import { baseTerraformEnv, TerraformWorkspace, terraformAvailable } from "../support/terraform";
import { CliProcessResult, runCliAgainst } from "./cli-process";

const describeWithTerraform = terraformAvailable() ? describe : describe.skip;

interface SweepJson {
  readonly dryRun: boolean;
  readonly prefix: string;
  readonly minAgeSeconds: number;
  readonly outsidePrefix: number;
  readonly keyPairs: Array<{
    keyPairName: string;
    keyPairId: string;
    creationTime: string;
    result: string;
    reason: string;
    attempts: number | null;
  }>;
}

const TWO_HOURS_AGO = () => new Date(Date.now() - 2 * 3_600_000);

describeWithTerraform("sweep against a stack applied with terraform", () => {
  let ens: EnsEmulator;
  let onCall: (call: EmulatorCall) => void = () => undefined;
  let workspace: TerraformWorkspace;
  /** A `terraform show -json` document of another stack that holds alicloud resources naming two key pairs. */
  let alicloudShow: string;

  const sweep = (args: string[]): Promise<CliProcessResult> =>
    runCliAgainst(ens, ["sweep", ...args], baseTerraformEnv(), { timeoutMs: 90_000 });
  const states = () => ["--state", workspace.stateFile, "--state", alicloudShow];
  const names = () =>
    ens
      .keyPairs()
      .map((k) => k.keyPairName)
      .sort();

  beforeAll(async () => {
    ens = await EnsEmulator.start({
      rsaBits: 1024,
      // A key pair that instances use: ENS refuses to delete it (one reading of the API page).
      readings: { attachedKeyDelete: "refuses" },
      onCall: (call) => onCall(call),
    });
    workspace = new TerraformWorkspace("keys", ens.env());
    workspace.synth((stack) => {
      new EnsKeyPair(stack, "created", { keyPairName: "sw-created" });
      new EnsKeyPair(stack, "imported", { keyPairName: "sw-imported", publicKey: RSA_PUBLIC_KEY });
    });
    const apply = await workspace.apply();
    expect({ exitCode: apply.exitCode, output: apply.exitCode === 0 ? "" : apply.output }).toEqual({
      exitCode: 0,
      output: "",
    });
    alicloudShow = path.join(workspace.dir, "platform-show.json");
    const resource = (address: string, values: Record<string, string>) => ({
      address,
      mode: "managed",
      type: address.split(".")[0],
      name: address.split(".")[1],
      provider_name: "registry.terraform.io/aliyun/alicloud",
      schema_version: 0,
      values,
    });
    fs.writeFileSync(
      alicloudShow,
      JSON.stringify({
        format_version: "1.0",
        terraform_version: "1.11.4",
        values: {
          root_module: {
            resources: [
              resource("alicloud_ens_key_pair.legacy", {
                id: "sw-legacy:1",
                key_pair_name: "sw-legacy",
                version: "1",
              }),
              resource("alicloud_ens_instance.vm", { id: "i-1", key_pair_name: "sw-used" }),
            ],
          },
        },
      }),
    );
  }, 120_000);

  afterAll(async () => {
    await ens?.stop();
    workspace?.dispose();
  });

  beforeEach(() => {
    // Everything but the stack's own key pairs goes; the seeds below are made afresh.
    for (const keyPair of ens.keyPairs()) {
      if (!["sw-created", "sw-imported"].includes(keyPair.keyPairName)) ens.deleteKeyPair(keyPair.keyPairId);
    }
    for (const name of ["sw-orphan-a", "sw-orphan-b", "sw-orphan-c", "sw-used", "sw-legacy", "other-old"]) {
      ens.addKeyPair({ keyPairName: name, creationTime: TWO_HOURS_AGO() });
    }
    ens.addKeyPair({ keyPairName: "sw-young" });
    ens.faults.clear();
    onCall = () => undefined;
  });

  test("dry run by default: lists the orphans and why the others are kept; deletes nothing", async () => {
    const before = ens.calls().length;

    const result = await sweep(["--prefix", "sw-", ...states(), "--json"]);

    expect(result.exitCode).toBe(0);
    const report = JSON.parse(result.stdout) as SweepJson;
    expect(report).toMatchObject({ dryRun: true, prefix: "sw-", minAgeSeconds: 3600, outsidePrefix: 1 });
    expect(report.keyPairs.map((k) => [k.keyPairName, k.result])).toEqual([
      ["sw-created", "kept"],
      ["sw-imported", "kept"],
      ["sw-legacy", "kept"],
      ["sw-orphan-a", "would delete"],
      ["sw-orphan-b", "would delete"],
      ["sw-orphan-c", "would delete"],
      ["sw-used", "kept"],
      ["sw-young", "kept"],
    ]);
    const reason = (name: string) => report.keyPairs.find((k) => k.keyPairName === name)?.reason;
    expect(reason("sw-created")).toMatch(
      new RegExp(`^named by EnsKeyPair terraform_data\\.created_[0-9A-F]{8} in ${workspace.stateFile}$`),
    );
    expect(reason("sw-legacy")).toBe(
      `named by alicloud_ens_key_pair alicloud_ens_key_pair.legacy in ${alicloudShow}`,
    );
    expect(reason("sw-used")).toBe(
      `named by alicloud_ens_instance alicloud_ens_instance.vm in ${alicloudShow}`,
    );
    expect(reason("sw-young")).toContain("less than the minimum age (1h) ago");
    expect(
      ens
        .calls()
        .slice(before)
        .map((c) => c.action),
    ).toEqual(["DescribeKeyPairs"]);
    expect(names()).toHaveLength(9);
    expect(result.stderr).toContain(
      "sweep (dry run, nothing deleted; --yes deletes): 3 would be deleted, 5 kept (minimum age 1h); " +
        '1 of 9 key pairs outside the prefix "sw-" not considered',
    );

    // The table, for people: never a key pair outside the prefix.
    const text = await sweep(["--prefix", "sw-", ...states(), "--dry-run"]);
    expect(text.exitCode).toBe(0);
    expect(text.stdout.split("\n")[0].split(/ {2,}/)).toEqual([
      "NAME",
      "KEY PAIR ID",
      "CREATED",
      "RESULT",
      "WHY",
    ]);
    expect(text.stdout).toMatch(/^sw-orphan-a +ssh-\w+ +\S+ +would delete +no given state names it/m);
    expect(text.stdout).not.toContain("other-old");
  });

  test("--yes: deletes the orphans by KeyPairId; throttled is retried, refused is reported, gone meanwhile is done", async () => {
    const ids = Object.fromEntries(ens.keyPairs().map((k) => [k.keyPairName, k.keyPairId]));
    ens.faults.throttle("DeleteKeyPairs", 2);
    ens.attachInstance("sw-orphan-b");
    // sw-orphan-c disappears right after the listing, before sweep gets to it.
    onCall = (call) => {
      if (call.action === "DescribeKeyPairs") ens.deleteKeyPair("sw-orphan-c");
    };
    const before = ens.calls().length;

    const result = await sweep(["--prefix", "sw-", ...states(), "--yes", "--json"]);

    expect(result.exitCode).toBe(1);
    const report = JSON.parse(result.stdout) as SweepJson;
    expect(report.dryRun).toBe(false);
    const outcome = (name: string) => report.keyPairs.find((k) => k.keyPairName === name);
    expect(outcome("sw-orphan-a")).toMatchObject({ result: "deleted", attempts: 3 });
    expect(outcome("sw-orphan-b")).toMatchObject({ result: "failed", attempts: 1 });
    expect(outcome("sw-orphan-b")?.reason).toContain("is still attached to one or more ENS instances");
    expect(outcome("sw-orphan-c")).toMatchObject({ result: "already deleted", attempts: 1 });
    for (const kept of ["sw-created", "sw-imported", "sw-legacy", "sw-used", "sw-young"]) {
      expect(outcome(kept)?.result).toBe("kept");
    }
    expect(names()).toEqual([
      "other-old",
      "sw-created",
      "sw-imported",
      "sw-legacy",
      "sw-orphan-b",
      "sw-used",
      "sw-young",
    ]);
    // Every delete by ID only (a name could have been taken by another key meanwhile), in name order.
    const deletes = ens
      .calls()
      .slice(before)
      .filter((c) => c.action === "DeleteKeyPairs");
    expect(deletes.map((c) => [c.params, c.code ?? "ok"])).toEqual([
      [{ KeyPairId: ids["sw-orphan-a"] }, "Throttling.User"],
      [{ KeyPairId: ids["sw-orphan-a"] }, "Throttling.User"],
      [{ KeyPairId: ids["sw-orphan-a"] }, "ok"],
      [{ KeyPairId: ids["sw-orphan-b"] }, "PubKeyAttachedWithInstance"],
      [{ KeyPairId: ids["sw-orphan-c"] }, "PubKeyNameNotExist"],
    ]);
    expect(result.stderr).toMatch(
      /DeleteKeyPairs key_pair_name="sw-orphan-a" attempt=1 outcome=retrying code=Throttling\.User/,
    );
    expect(result.stderr).toContain(
      'sweep: 2 deleted, 1 failed, 5 kept; 1 of 9 key pairs outside the prefix "sw-" not considered',
    );

    // Once the instance lets go, the next sweep finishes the job.
    ens.detachInstances("sw-orphan-b");
    const again = await sweep(["--prefix", "sw-", ...states(), "--yes"]);
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toMatch(/^sw-orphan-b +\S+ +\S+ +deleted +/m);
    expect(names()).not.toContain("sw-orphan-b");
  });

  test("--min-age: a longer minimum age keeps even the old orphans", async () => {
    const before = ens.calls().length;

    const result = await sweep(["--prefix", "sw-orphan-", ...states(), "--min-age", "3h", "--yes", "--json"]);

    expect(result.exitCode).toBe(0);
    const report = JSON.parse(result.stdout) as SweepJson;
    expect(report.minAgeSeconds).toBe(3 * 3600);
    expect(report.keyPairs.map((k) => k.result)).toEqual(["kept", "kept", "kept"]);
    expect(
      ens
        .calls()
        .slice(before)
        .map((c) => c.action),
    ).toEqual(["DescribeKeyPairs"]);
  });
});
