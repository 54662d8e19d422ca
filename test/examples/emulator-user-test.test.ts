import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { App, LocalBackend, TerraformStack } from "cdktf";
import { EnsKeyPair } from "cdktf-ens-key-pair";
import { EnsEmulator } from "cdktf-ens-key-pair/testing";

let emulator: EnsEmulator;
beforeAll(async () => (emulator = await EnsEmulator.start()));
afterAll(() => emulator.stop());

test("my module's key pair is created, and destroy rides out throttling", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "my-module-"));
  const app = new App({ outdir: dir });
  const stack = new TerraformStack(app, "my-module");
  new LocalBackend(stack, { path: path.join(dir, "terraform.tfstate") });
  new EnsKeyPair(stack, "web", { keyPairName: "team-a:web", privateKeyFile: path.join(dir, "web.pem") });
  app.synth();

  fs.writeFileSync(path.join(dir, "terraformrc"), "");
  const env = { ...process.env, ...emulator.env(), TF_CLI_CONFIG_FILE: path.join(dir, "terraformrc") };
  // Asynchronous on purpose: the emulator runs in this process and must keep answering while terraform runs.
  const terraform = (...args: string[]) =>
    promisify(execFile)("terraform", args, { cwd: path.join(dir, "stacks", "my-module"), env });

  await terraform("init");
  await terraform("apply", "-auto-approve");
  expect(emulator.keyPairs().map((k) => k.keyPairName)).toEqual(["team-a:web"]);

  emulator.faults.throttle("DeleteKeyPairs", 2);
  await terraform("destroy", "-auto-approve");
  expect(emulator.keyPairs()).toEqual([]);
  expect(
    emulator
      .calls()
      .filter((c) => c.action === "DeleteKeyPairs")
      .map((c) => c.code),
  ).toEqual(["Throttling.User", "Throttling.User", undefined]);
});
