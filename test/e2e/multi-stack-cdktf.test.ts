/**
 * A multi-stack app (`examples/multi-stack`) deployed and destroyed with the real cdktf CLI against the ENS emulator:
 * `cdktf deploy '*'` and `cdktf destroy '*'`. The `keys` stack holds the key pairs; `web` and `batch` use
 * `keyPair.keyPairName` through cdktf cross-stack references. The order is checked at the emulator: at each
 * CreateKeyPair no consumer server exists yet, and at each DeleteKeyPairs both consumers' servers are already gone
 * (each server's create and destroy step append a line to a log file, which the emulator reads as calls arrive).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { stripVTControlCharacters } from "node:util";
import { EmulatorCall, EnsEmulator } from "../../lib/testing";
import { runIsolated } from "../support/isolated-process";
import { baseTerraformEnv, terraformAvailable } from "../support/terraform";

const root = path.resolve(__dirname, "..", "..");
const testWithTerraform = terraformAvailable() ? test : test.skip;

const KEY_PAIRS = ["multi-batch", "multi-web"];
const CDKTF_TIMEOUT_MS = 150_000;

/** A call, and what the server log said when the emulator answered it. */
interface ObservedCall {
  readonly action: string;
  readonly keyPairName?: string;
  readonly serverLog: readonly string[];
}

testWithTerraform(
  "cdktf deploy '*' and destroy '*' of a keys stack and two consumer stacks: keys first, consumers destroyed first, nothing left",
  async () => {
    const project = fs.mkdtempSync(path.join(os.tmpdir(), "ens-multi-stack-"));
    const serverLog = path.join(project, "servers.log");
    const readServerLog = () =>
      fs.existsSync(serverLog) ? fs.readFileSync(serverLog, "utf8").split("\n").filter(Boolean).sort() : [];
    const observed: ObservedCall[] = [];
    const emulator = await EnsEmulator.start({
      rsaBits: 1024,
      onCall: (call: EmulatorCall) =>
        observed.push({
          action: call.action,
          keyPairName: call.params.KeyPairName,
          serverLog: readServerLog(),
        }),
    });
    try {
      // The example's own cdktf.json, with the app run from this repository (state files land in the project).
      const cdktfJson = JSON.parse(
        fs.readFileSync(path.join(root, "examples/multi-stack/cdktf.json"), "utf8"),
      );
      cdktfJson.app = `${path.join(root, "node_modules/.bin/tsx")} ${path.join(root, "examples/multi-stack/main.ts")}`;
      fs.writeFileSync(path.join(project, "cdktf.json"), JSON.stringify(cdktfJson));
      const env = {
        ...baseTerraformEnv(),
        ...emulator.env(),
        CI: "true",
        FORCE_COLOR: "0",
        NO_COLOR: "1",
        EXAMPLE_SERVER_LOG: serverLog,
      };
      const cdktf = async (...args: string[]) => {
        const run = await runIsolated(path.join(root, "node_modules/.bin/cdktf"), args, env, {
          cwd: project,
          timeoutMs: CDKTF_TIMEOUT_MS,
        });
        return { exitCode: run.exitCode, output: stripVTControlCharacters(run.stdout + run.stderr) };
      };

      const deploy = await cdktf("deploy", "*", "--auto-approve");
      expect({ exitCode: deploy.exitCode, output: deploy.exitCode === 0 ? "" : deploy.output }).toEqual({
        exitCode: 0,
        output: "",
      });
      expect(
        emulator
          .keyPairs()
          .map((k) => k.keyPairName)
          .sort(),
      ).toEqual(KEY_PAIRS);
      // Each consumer got its key pair's name across stacks, and only after every key pair existed.
      expect(readServerLog()).toEqual([
        "created server=batch key_pair=multi-batch",
        "created server=web key_pair=multi-web",
      ]);
      const creates = observed.filter((call) => call.action === "CreateKeyPair");
      expect(creates.map((call) => call.keyPairName).sort()).toEqual(KEY_PAIRS);
      for (const call of creates) expect(call.serverLog).toEqual([]);
      for (const name of KEY_PAIRS) {
        const keyFile = path.join(project, "out", `${name}.pem`);
        expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
      }
      for (const stack of ["keys", "web", "batch"]) {
        expect(fs.existsSync(path.join(project, `terraform.${stack}.tfstate`))).toBe(true);
      }

      const destroy = await cdktf("destroy", "*", "--auto-approve");
      expect({ exitCode: destroy.exitCode, output: destroy.exitCode === 0 ? "" : destroy.output }).toEqual({
        exitCode: 0,
        output: "",
      });
      expect(emulator.keyPairs()).toEqual([]);
      const deletes = observed.filter((call) => call.action === "DeleteKeyPairs");
      expect(deletes.map((call) => call.keyPairName).sort()).toEqual(KEY_PAIRS);
      // Both consumers' servers were destroyed before the first key pair was deleted.
      for (const call of deletes) {
        expect(call.serverLog).toEqual(
          expect.arrayContaining([
            "destroyed server=batch key_pair=multi-batch",
            "destroyed server=web key_pair=multi-web",
          ]),
        );
      }
      // Per key pair: its create, and on destroy the ownership check and the one delete.
      expect(observed.map((call) => call.action).sort()).toEqual([
        "CreateKeyPair",
        "CreateKeyPair",
        "DeleteKeyPairs",
        "DeleteKeyPairs",
        "DescribeKeyPairs",
        "DescribeKeyPairs",
      ]);
      expect(destroy.output).toMatch(/Destroy complete! Resources: 4 destroyed\./);
    } finally {
      await emulator.stop();
      fs.rmSync(project, { recursive: true, force: true });
    }
  },
  2 * CDKTF_TIMEOUT_MS + 30_000,
);
