/**
 * A stack deployed with release 0.1 (one resource per key pair; the real packed tarball of that release, applied by
 * real terraform, so the state is that release's own) keeps working after an upgrade to this one: the first apply
 * creates, deletes and rotates no key pair and replaces nothing that uses one, the plan after it is a no-op, and
 * destroy deletes every key pair.
 */
import { execFile, execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { EnsEmulator } from "../../lib/testing";
import { RSA_PUBLIC_KEY, RSA_PUBLIC_KEY_MD5 } from "../fixtures/keys";
import { privateKeyFileFingerprint } from "../reliability/support/private-key-fingerprint";
import { packPackage } from "../support/packed-package";
import { baseTerraformEnv, terraformAvailable } from "../support/terraform";

const root = path.resolve(__dirname, "..", "..");
const RELEASE_0_1 = path.join(root, "test", "fixtures", "releases", "cdktf-ens-key-pair-0.1.0.tgz");
const testWithTerraform = terraformAvailable() ? test : test.skip;

/** The user's program, the same before and after the upgrade. */
const PROGRAM = `
const { App, TerraformResource, TerraformStack } = require("cdktf");
const { EnsKeyPair } = require("cdktf-ens-key-pair");
const app = new App();
const stack = new TerraformStack(app, "edge");
const web = new EnsKeyPair(stack, "web", { keyPairName: "upgrade:web", privateKeyFile: "keys/web.pem" });
new EnsKeyPair(stack, "batch", { keyPairName: "upgrade:batch", removalPolicy: "destroy" });
new EnsKeyPair(stack, "ops", { keyPairName: "upgrade:ops", publicKey: ${JSON.stringify(RSA_PUBLIC_KEY)} });
// Stands in for an alicloud_ens_instance: its key pair name forces a replacement when it changes (or becomes unknown).
const server = new TerraformResource(stack, "server", { terraformResourceType: "terraform_data" });
server.addOverride("triggers_replace", { key_pair_name: web.keyPairName });
app.synth();
`;

/** Installs a packed release of the library into the app's node_modules (what npm does with the tarball). */
function install(app: string, tarball: string): void {
  const library = path.join(app, "node_modules", "cdktf-ens-key-pair");
  fs.rmSync(library, { recursive: true, force: true });
  fs.mkdirSync(library, { recursive: true });
  execFileSync("tar", ["-xzf", tarball, "-C", library, "--strip-components=1"]);
}

testWithTerraform(
  "a stack deployed by release 0.1 upgrades untouched: no key made, deleted or rotated, a no-op plan, then destroy",
  async () => {
    const app = fs.mkdtempSync(path.join(os.tmpdir(), "ens-upgrade-"));
    const emulator = await EnsEmulator.start({ rsaBits: 1024 });
    try {
      fs.mkdirSync(path.join(app, "node_modules"));
      for (const peer of ["cdktf", "constructs"]) {
        fs.symlinkSync(path.join(root, "node_modules", peer), path.join(app, "node_modules", peer), "dir");
      }
      fs.writeFileSync(
        path.join(app, "cdktf.json"),
        JSON.stringify({ language: "typescript", app: "node main.js" }),
      );
      fs.writeFileSync(path.join(app, "main.js"), PROGRAM);
      const synth = () =>
        execFileSync(process.execPath, ["main.js"], {
          cwd: app,
          env: { PATH: process.env.PATH, CDKTF_OUTDIR: "cdktf.out" },
        });
      const stackDir = path.join(app, "cdktf.out", "stacks", "edge");
      const env = { ...baseTerraformEnv(), HOME: app, ...emulator.env() };
      // Asynchronous: the emulator answers from this very process while terraform runs.
      const terraform = async (...args: string[]) => {
        try {
          const { stdout } = await promisify(execFile)("terraform", [...args, "-no-color"], {
            cwd: stackDir,
            env,
            encoding: "utf8",
            maxBuffer: 64 * 1024 * 1024,
          });
          return { exitCode: 0, output: stdout };
        } catch (error) {
          const failed = error as { code: number; stdout: string; stderr: string };
          return { exitCode: failed.code, output: failed.stdout + failed.stderr };
        }
      };
      const resources = async () =>
        (JSON.parse((await terraform("show", "-json")).output).values?.root_module?.resources ?? []).map(
          (r: { address: string; values: { id: string } }) => ({ address: r.address, id: r.values.id }),
        );

      install(app, RELEASE_0_1);
      synth();
      expect((await terraform("init", "-input=false")).exitCode).toBe(0);
      expect((await terraform("apply", "-auto-approve", "-input=false")).exitCode).toBe(0);
      const keysBefore = emulator.keyPairs();
      expect(keysBefore.map((k) => k.keyPairName).sort()).toEqual([
        "upgrade:batch",
        "upgrade:ops",
        "upgrade:web",
      ]);
      const keyFile = path.join(app, "keys", "web.pem");
      const privateKey = fs.readFileSync(keyFile, "utf8");
      const deployedBefore = await resources();
      expect(deployedBefore).toHaveLength(4);

      install(app, packPackage().tarball);
      synth();
      const callsBefore = emulator.calls().length;
      const upgrade = await terraform("apply", "-auto-approve", "-input=false");
      expect({ exitCode: upgrade.exitCode, output: upgrade.exitCode === 0 ? "" : upgrade.output }).toEqual({
        exitCode: 0,
        output: "",
      });
      // Each key pair gains its create step, which finds the key pair already there; nothing is destroyed.
      expect(upgrade.output).toMatch(/Apply complete! Resources: 3 added, \d+ changed, 0 destroyed\./);
      expect(emulator.keyPairs()).toEqual(keysBefore);
      expect(fs.readFileSync(keyFile, "utf8")).toBe(privateKey);
      expect(privateKeyFileFingerprint(keyFile)).toBe(emulator.keyPair("upgrade:web")?.fingerprint);
      expect(emulator.keyPair("upgrade:ops")?.fingerprint).toBe(RSA_PUBLIC_KEY_MD5);
      const upgradeCalls = emulator.calls().slice(callsBefore);
      expect(upgradeCalls.filter((c) => c.action === "DeleteKeyPairs")).toEqual([]);
      expect(
        upgradeCalls.filter((c) => c.code === undefined && /^(Create|Import)KeyPair$/.test(c.action)),
      ).toEqual([]);
      // The same resources as before keep their IDs (not replaced), the server included.
      const after = await resources();
      for (const resource of deployedBefore) expect(after).toContainEqual(resource);

      const plan = await terraform("plan", "-detailed-exitcode", "-input=false");
      expect({ exitCode: plan.exitCode, output: plan.exitCode === 0 ? "" : plan.output }).toEqual({
        exitCode: 0,
        output: "",
      });

      const destroy = await terraform("destroy", "-auto-approve", "-input=false");
      expect(destroy.exitCode).toBe(0);
      expect(emulator.keyPairs()).toEqual([]);
      expect(await resources()).toEqual([]);
    } finally {
      await emulator.stop();
      fs.rmSync(app, { recursive: true, force: true });
    }
  },
  180_000,
);
