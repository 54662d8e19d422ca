/**
 * What a teammate or a CI job does: deploy from one checkout with the real cdktf CLI, then from a fresh clone of the
 * same project (only its committed files: no cdktf.out, no node_modules, no private keys; `npm ci` there) plan and
 * destroy through the shared state (Terraform's pg backend). The relative privateKeyFile is resolved on each machine
 * at run time, so the clone plans no change.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { stripVTControlCharacters } from "node:util";
import { EnsEmulator } from "../../lib/testing";
import { RSA_PUBLIC_KEY } from "../fixtures/keys";
import { privateKeyFileFingerprint } from "../reliability/support/private-key-fingerprint";
import { runIsolated } from "../support/isolated-process";
import { packPackage } from "../support/packed-package";
import { pgBackendAvailable, PgStateDatabase } from "../support/pg-backend";
import { baseTerraformEnv, terraformAvailable } from "../support/terraform";

const root = path.resolve(__dirname, "..", "..");
const testWithBackend = terraformAvailable() && pgBackendAvailable() ? test : test.skip;
const CDKTF_TIMEOUT_MS = 150_000;

/** The project's committed files: a cdktf app whose state is in PostgreSQL (PG_CONN_STR from the environment). */
function writeProject(folder: string, tarball: string): void {
  const rootPackage = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  fs.writeFileSync(
    path.join(folder, "package.json"),
    JSON.stringify({
      name: "edge-platform",
      private: true,
      dependencies: {
        "cdktf-ens-key-pair": `file:${tarball}`,
        cdktf: rootPackage.devDependencies.cdktf,
        constructs: rootPackage.devDependencies.constructs,
      },
    }),
  );
  fs.writeFileSync(
    path.join(folder, "cdktf.json"),
    JSON.stringify({ language: "typescript", app: "node main.js" }),
  );
  fs.writeFileSync(
    path.join(folder, "main.js"),
    `const { App, PgBackend, TerraformStack } = require("cdktf");
const { EnsKeyPair } = require("cdktf-ens-key-pair");
const app = new App();
const stack = new TerraformStack(app, "edge");
// The connection string comes from PG_CONN_STR, so no password is written into cdk.tf.json.
new PgBackend(stack, { connStr: "" }).addOverride("conn_str", undefined);
new EnsKeyPair(stack, "web", { keyPairName: "clone:web", privateKeyFile: "keys/web.pem" });
new EnsKeyPair(stack, "ops", { keyPairName: "clone:ops", publicKey: ${JSON.stringify(RSA_PUBLIC_KEY)} });
app.synth();
`,
  );
}

/** npm in `folder`, from the cache where it can (this machine's `npm ci` of the repository filled it). */
function npm(folder: string, ...args: string[]): void {
  execFileSync("npm", [...args, "--prefer-offline", "--no-audit", "--no-fund"], {
    cwd: folder,
    stdio: "ignore",
    env: { ...process.env, npm_config_loglevel: "error" },
  });
}

testWithBackend(
  "deploy from one checkout, then plan and destroy from a fresh clone (npm ci, no cdktf.out) through shared state",
  async () => {
    const database = PgStateDatabase.create();
    const emulator = await EnsEmulator.start({ rsaBits: 1024 });
    const [first, clone] = ["first", "clone"].map((name) =>
      fs.mkdtempSync(path.join(os.tmpdir(), `ens-${name}-`)),
    );
    try {
      writeProject(first, packPackage().tarball);
      npm(first, "install");
      const env = {
        ...baseTerraformEnv(),
        ...emulator.env(),
        ...database.env(),
        CI: "true",
        FORCE_COLOR: "0",
        NO_COLOR: "1",
      };
      const cdktf = async (folder: string, ...args: string[]) => {
        const run = await runIsolated(path.join(root, "node_modules/.bin/cdktf"), args, env, {
          cwd: folder,
          timeoutMs: CDKTF_TIMEOUT_MS,
        });
        return { exitCode: run.exitCode, output: stripVTControlCharacters(run.stdout + run.stderr) };
      };

      const deploy = await cdktf(first, "deploy", "edge", "--auto-approve");
      expect({ exitCode: deploy.exitCode, output: deploy.exitCode === 0 ? "" : deploy.output }).toEqual({
        exitCode: 0,
        output: "",
      });
      expect(
        emulator
          .keyPairs()
          .map((k) => k.keyPairName)
          .sort(),
      ).toEqual(["clone:ops", "clone:web"]);
      expect(privateKeyFileFingerprint(path.join(first, "keys", "web.pem"))).toBe(
        emulator.keyPair("clone:web")?.fingerprint,
      );

      // The clone holds the committed files only, and installs what the lockfile pins.
      for (const file of ["package.json", "package-lock.json", "cdktf.json", "main.js"]) {
        fs.copyFileSync(path.join(first, file), path.join(clone, file));
      }
      npm(clone, "ci");
      expect(fs.existsSync(path.join(clone, "cdktf.out"))).toBe(false);

      const diff = await cdktf(clone, "diff", "edge");
      expect(diff.exitCode).toBe(0);
      expect(diff.output).toMatch(/No changes\. Your infrastructure matches the configuration\./);
      const callsBeforeDestroy = emulator.calls().length;

      const destroy = await cdktf(clone, "destroy", "edge", "--auto-approve");
      expect({ exitCode: destroy.exitCode, output: destroy.exitCode === 0 ? "" : destroy.output }).toEqual({
        exitCode: 0,
        output: "",
      });
      expect(emulator.keyPairs()).toEqual([]);
      expect(
        emulator
          .calls()
          .slice(callsBeforeDestroy)
          .filter((call) => call.action === "DeleteKeyPairs" && call.code === undefined)
          .map((call) => call.params.KeyPairName)
          .sort(),
      ).toEqual(["clone:ops", "clone:web"]);
      // The first checkout's private key file is untouched by the destroy elsewhere.
      expect(fs.existsSync(path.join(first, "keys", "web.pem"))).toBe(true);
    } finally {
      await emulator.stop();
      database.dispose();
      for (const folder of [first, clone]) fs.rmSync(folder, { recursive: true, force: true });
    }
  },
  3 * CDKTF_TIMEOUT_MS,
);
