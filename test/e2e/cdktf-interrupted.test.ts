/**
 * `cdktf deploy` and `cdktf destroy` cut short by Ctrl-C, with the real cdktf CLI. cdktf runs terraform in a pty, in
 * a session of its own, so a terminal's Ctrl-C (SIGINT to the foreground process group) reaches cdktf but not
 * terraform; cdktf then stops terraform, which kills the running handlers ("signal: killed"). The next `cdktf deploy`
 * converges and the next `cdktf destroy` deletes everything, as after any interruption.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { stripVTControlCharacters } from "node:util";
import { EnsEmulator } from "../../lib/testing";
import { privateKeyFileFingerprint } from "../reliability/support/private-key-fingerprint";
import { appWithPackage, packPackage, writeExampleApp } from "../support/packed-package";
import { startProcess } from "../support/running-process";
import { baseTerraformEnv, pastRecordedClaims, terraformAvailable } from "../support/terraform";

const root = path.resolve(__dirname, "..", "..");
const testWithTerraform = terraformAvailable() ? test : test.skip;
const CDKTF_TIMEOUT_MS = 150_000;
const STACK = "ens-key-pairs";

testWithTerraform(
  "Ctrl-C during cdktf deploy (ENS made both keys, answers pending) and during cdktf destroy: the next runs converge",
  async () => {
    const app = appWithPackage(packPackage());
    const emulator = await EnsEmulator.start({ rsaBits: 1024 });
    try {
      fs.writeFileSync(
        path.join(app, "cdktf.json"),
        JSON.stringify({ language: "typescript", app: "node main.js" }),
      );
      const env = {
        ...baseTerraformEnv(),
        HOME: app,
        ...emulator.env(),
        ...writeExampleApp(app),
        EXAMPLE_KEY_PAIR_PREFIX: "cdktf-ctrl-c",
        CI: "true",
        FORCE_COLOR: "0",
        NO_COLOR: "1",
      };
      const cdktf = (...args: string[]) =>
        startProcess(path.join(root, "node_modules/.bin/cdktf"), [...args, STACK, "--auto-approve"], {
          cwd: app,
          env,
          ownProcessGroup: true,
        });
      const keyNames = () =>
        emulator
          .keyPairs()
          .map((k) => k.keyPairName)
          .sort();
      // examples/main.ts writes the created key next to itself: here, next to the app's main.js.
      const keyFile = path.join(app, "out", "demo-created.pem");

      emulator.faults.holdResponse("CreateKeyPair", 1);
      emulator.faults.holdResponse("ImportKeyPair", 1);
      const deploy = cdktf("deploy");
      await emulator.waitForHeld(2, undefined, { timeoutMs: CDKTF_TIMEOUT_MS });
      deploy.signalGroup("SIGINT");
      const interruptedDeploy = await deploy.ended(CDKTF_TIMEOUT_MS);
      emulator.releaseHeld();
      expect(interruptedDeploy.exitCode).not.toBe(0);
      expect(keyNames()).toEqual(["cdktf-ctrl-c-created", "cdktf-ctrl-c:imported"]);
      const state = path.join(app, `terraform.${STACK}.tfstate`);
      // Only the create steps were cut short: the key pairs' main resources are in state, untainted.
      const saved = JSON.parse(fs.readFileSync(state, "utf8")) as {
        resources: Array<{ name: string; instances: Array<{ status?: string }> }>;
      };
      const main = saved.resources.filter((r) => !r.name.includes("_Create_"));
      expect(main.map((r) => r.instances.map((i) => i.status ?? "ok"))).toEqual([["ok"], ["ok"]]);
      await pastRecordedClaims(fs.readFileSync(state, "utf8"));

      const redeploy = await cdktf("deploy").ended(CDKTF_TIMEOUT_MS);
      expect({ exitCode: redeploy.exitCode, output: redeploy.exitCode === 0 ? "" : redeploy.output }).toEqual(
        {
          exitCode: 0,
          output: "",
        },
      );
      expect(keyNames()).toEqual(["cdktf-ctrl-c-created", "cdktf-ctrl-c:imported"]);
      expect(privateKeyFileFingerprint(keyFile)).toBe(emulator.keyPair("cdktf-ctrl-c-created")?.fingerprint);

      const deletesSoFar = emulator.calls().filter((call) => call.action === "DeleteKeyPairs").length;
      emulator.faults.holdResponse("DeleteKeyPairs", 1);
      const destroy = cdktf("destroy");
      await emulator.waitForHeld(1, "DeleteKeyPairs", { timeoutMs: CDKTF_TIMEOUT_MS });
      destroy.signalGroup("SIGINT");
      await destroy.ended(CDKTF_TIMEOUT_MS);
      emulator.releaseHeld();
      // cdktf-cli 0.21 exits 0 on a Ctrl-C during destroy (the README warns of it); what counts is the state. The
      // delete whose answer was held took effect in ENS; its key pair stays in state unless its handler, still alive
      // while cdktf stopped terraform, retried and was told it was already deleted (then it rightly left the state).
      await emulator.waitForCalls(deletesSoFar + 1, "DeleteKeyPairs");
      const cutShort = emulator.calls().find((call) => call.outcome === "response-lost")?.params.KeyPairName;
      expect(cutShort).toBeDefined();
      const afterInterrupt = JSON.parse(fs.readFileSync(state, "utf8")) as {
        resources: Array<{
          instances: Array<{ attributes: { input?: { value?: { key_pair_name?: string } } } }>;
        }>;
      };
      const inState = afterInterrupt.resources.flatMap((r) =>
        r.instances.map((i) => i.attributes.input?.value?.key_pair_name),
      );
      const confirmedGone = emulator
        .calls()
        .some(
          (c) =>
            c.action === "DeleteKeyPairs" &&
            c.params.KeyPairName === cutShort &&
            c.code === "PubKeyNameNotExist",
        );
      expect(inState.includes(cutShort) || confirmedGone).toBe(true);

      const redestroy = await cdktf("destroy").ended(CDKTF_TIMEOUT_MS);
      expect({
        exitCode: redestroy.exitCode,
        output: redestroy.exitCode === 0 ? "" : redestroy.output,
      }).toEqual({
        exitCode: 0,
        output: "",
      });
      expect(stripVTControlCharacters(redestroy.output)).toMatch(/Destroy complete!/);
      expect(keyNames()).toEqual([]);
    } finally {
      await emulator.stop();
      fs.rmSync(app, { recursive: true, force: true });
    }
  },
  4 * CDKTF_TIMEOUT_MS,
);
