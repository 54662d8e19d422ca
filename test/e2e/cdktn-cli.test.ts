/**
 * A CDK Terrain user's whole path, for real: the packed library in a project whose `cdktf` is cdktn 0.24 (the npm
 * alias `"cdktf": "npm:cdktn@0.24.0"`), deployed and destroyed by the CDK Terrain CLI (cdktn-cli 0.24, from
 * toolchains/) on Node.js 22 against the emulator. `node` on PATH is that Node.js 22 too, so the app (cdktf.json's
 * `node main.js`) and the handler Terraform's local-exec starts run on it as well. The app is examples/main.ts, the
 * stack `npm run demo` deploys; one key is deleted out of band between deploy and destroy, as in the demo.
 *
 * cdktn-cli 0.24 runs terraform through child_process pipes (no node-pty, unlike cdktf-cli 0.21), so it has no native
 * module to match the Node.js line.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { EnsEmulator } from "../../lib/testing";
import { runIsolated } from "../support/isolated-process";
import { cdktnToolchain } from "../support/node-lines";
import { appWithPackage, packPackage, writeExampleApp } from "../support/packed-package";
import { baseTerraformEnv, terraformAvailable } from "../support/terraform";

const root = path.resolve(__dirname, "..", "..");
const STACK = "ens-key-pairs";
const CREATED = "demo-created";
const IMPORTED = "demo:imported";

const toolchain = terraformAvailable() ? cdktnToolchain("The CDK Terrain CLI end-to-end test") : undefined;
const testWithCdktn = toolchain ? test : test.skip;

testWithCdktn(
  "cdktn deploy and destroy of the example on Node.js 22, with a key deleted out of band ending as already deleted",
  async () => {
    if (!toolchain) throw new Error("unreachable: the test is skipped without the toolchain");
    const app = appWithPackage(packPackage(), "cdktf-via-cdktn");
    const emulator = await EnsEmulator.start({ rsaBits: 1024 });
    try {
      const appEnv = writeExampleApp(app);
      const projectConfig = JSON.parse(fs.readFileSync(path.join(root, "cdktf.json"), "utf8"));
      fs.writeFileSync(
        path.join(app, "cdktf.json"),
        JSON.stringify({ ...projectConfig, app: "node main.js" }, null, 2),
      );
      const env = {
        ...baseTerraformEnv(),
        ...emulator.env(),
        ...appEnv,
        PATH: toolchain.node.pathEnv,
        CI: "true",
        DISABLE_VERSION_CHECK: "true",
        FORCE_COLOR: "0",
        NO_COLOR: "1",
      };
      // What local-exec's `/bin/sh -c "node …"` and the app command will run.
      expect(execFileSync("/bin/sh", ["-c", "node --version"], { env, encoding: "utf8" }).trim()).toBe(
        `v${toolchain.node.version}`,
      );
      const cdktn = (...args: string[]) =>
        runIsolated(toolchain.node.execPath, [toolchain.script, ...args], env, {
          cwd: app,
          timeoutMs: 180_000,
        });
      const keyNames = () =>
        emulator
          .keyPairs()
          .map((k) => k.keyPairName)
          .sort();

      const deploy = await cdktn("deploy", STACK, "--auto-approve");

      const output = (run: { stdout: string; stderr: string }) => run.stdout + run.stderr;
      expect({ exitCode: deploy.exitCode, output: output(deploy) }).toMatchObject({ exitCode: 0 });
      expect(output(deploy)).toContain("Apply complete! Resources: 4 added, 0 changed, 0 destroyed.");
      const synthesized = JSON.parse(
        fs.readFileSync(path.join(app, "cdktf.out", "stacks", STACK, "cdk.tf.json"), "utf8"),
      );
      expect(synthesized["//"].metadata.version).toBe("0.24.0");
      expect(keyNames()).toEqual([CREATED, IMPORTED].sort());
      expect(fs.statSync(path.join(app, "out", `${CREATED}.pem`)).mode & 0o777).toBe(0o600);

      // Out of band, as if someone removed it in the console.
      expect(emulator.deleteKeyPair(CREATED)).toBe(true);
      const callsBeforeDestroy = emulator.calls().length;

      const destroy = await cdktn("destroy", STACK, "--auto-approve");

      expect({ exitCode: destroy.exitCode, output: output(destroy) }).toMatchObject({ exitCode: 0 });
      expect(output(destroy)).toContain("Destroy complete! Resources: 4 destroyed.");
      expect(output(destroy)).toMatch(
        new RegExp(
          `ens-key-pair: DeleteKeyPairs key_pair_name="${CREATED}" attempt=1 outcome=already-deleted code=PubKeyNameNotExist `,
        ),
      );
      expect(keyNames()).toEqual([]);
      const deletes = emulator
        .calls()
        .slice(callsBeforeDestroy)
        .filter((call) => call.action === "DeleteKeyPairs")
        .map((call) => [call.params.KeyPairName, call.code ?? "deleted"])
        .sort();
      expect(deletes).toEqual([
        [CREATED, "PubKeyNameNotExist"],
        [IMPORTED, "deleted"],
      ]);
      expect(emulator.calls().every((call) => call.signatureVerified)).toBe(true);
    } finally {
      await emulator.stop();
      fs.rmSync(app, { recursive: true, force: true });
    }
  },
);

test("the README's CDK Terrain steps name what this test runs: the aliases, the CLI and the Node.js it needs", () => {
  const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
  const start = readme.indexOf("## cdktf 0.21 and CDK Terrain");
  const section = readme.slice(start, readme.indexOf("\n## ", start + 1));
  const snippet = /```json\n([\s\S]*?)```/.exec(section)?.[1];
  if (!snippet) throw new Error("README's CDK Terrain section has no json snippet");
  const steps = JSON.parse(`{${snippet}}`);
  const devDependencies = JSON.parse(
    fs.readFileSync(path.join(root, "package.json"), "utf8"),
  ).devDependencies;
  const linkedConstructs = JSON.parse(
    fs.readFileSync(path.join(root, "node_modules", "constructs", "package.json"), "utf8"),
  ).version;
  const locked = JSON.parse(
    fs.readFileSync(path.join(root, "toolchains", "package-lock.json"), "utf8"),
  ).packages;

  // The alias is the one the app above links as cdktf; the CLI, its library and constructs are what toolchains/ pins.
  expect(steps.dependencies.cdktf).toBe(devDependencies["cdktf-via-cdktn"]);
  expect(steps.dependencies.cdktf).toBe(`npm:cdktn@${locked["node_modules/cdktn"].version}`);
  expect(steps.dependencies.constructs).toBe(linkedConstructs);
  expect(steps.devDependencies["cdktn-cli"]).toBe(locked["node_modules/cdktn-cli"].version);
  expect(locked["node_modules/cdktn"].peerDependencies.constructs).toBe(">=10.6.0 <10.8.0");
  expect(section).toContain("within cdktn's peer range (≥ 10.6.0, < 10.8.0)");
  expect(locked["node_modules/cdktn-cli"].engines.node).toBe(">=22.19.0");
  expect(section).toContain("Run the CLI on Node.js ≥ 22.19");
  expect(section).toContain("`npx cdktn deploy <stack>`, `npx cdktn destroy <stack>`");
});
