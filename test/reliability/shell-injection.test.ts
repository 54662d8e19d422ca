/**
 * A key pair name that is unknown at synth (a Terraform variable) and carries shell syntax reaches the handler only
 * as an environment value, never through a shell: real `terraform apply` against the emulator, with the value
 * given by `-var` and by a `TF_VAR_` variable. The handler must refuse it by the name rules with a clear message,
 * the canary file the payload would create must not exist, and the emulator must receive no call.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { TerraformVariable } from "cdktf";
import { EnsKeyPair } from "../../lib";
import { describeValue } from "../../lib/shared/key-pair-name";
import { EnsEmulator } from "../../lib/testing";
import { RSA_PUBLIC_KEY } from "../fixtures/keys";
import { TerraformRun, TerraformWorkspace, terraformAvailable } from "../support/terraform";
import { callLog } from "./support/call-log";

const describeWithTerraform = terraformAvailable() ? describe : describe.skip;

const VARIABLE = "key_pair_name";
const CANARY = "CANARY";

/** How the value reaches Terraform at apply time. */
type Channel = "-var" | "TF_VAR_";
const CHANNELS: readonly Channel[] = ["-var", "TF_VAR_"];

/**
 * Each payload runs `touch <absolute canary> CANARY` if any shell ever interprets the name: the second file would
 * land in the shell's working directory (Terraform's stack folder).
 */
const PAYLOADS: ReadonlyArray<readonly [string, (touch: string) => string]> = [
  ["command substitution $(…)", (touch) => `$(${touch})`],
  ["backticks", (touch) => `key\`${touch}\``],
  ["semicolon", (touch) => `key; ${touch}`],
  ["&&", (touch) => `key && ${touch}`],
  ["newline", (touch) => `key\n${touch}`],
  ["single quotes", (touch) => `key'; ${touch}; echo '`],
  ["double quotes", (touch) => `key"; ${touch}; echo "`],
  ["pipe", (touch) => `key | ${touch}`],
];

/** Every file named CANARY under `dir`. */
function canariesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((entry) => path.basename(entry) === CANARY)
    .map((entry) => path.join(dir, entry));
}

describeWithTerraform("a key pair name from a Terraform variable never reaches a shell", () => {
  let emulator: EnsEmulator;
  let canaryDir: string;
  const workspaces: TerraformWorkspace[] = [];

  beforeEach(async () => {
    emulator = await EnsEmulator.start({ rsaBits: 1024 });
    canaryDir = fs.mkdtempSync(path.join(os.tmpdir(), "ens-canary-"));
  });

  afterEach(async () => {
    await emulator.stop();
    for (const workspace of workspaces.splice(0)) workspace.dispose();
    fs.rmSync(canaryDir, { recursive: true, force: true });
  });

  /** Synthesizes a stack whose key pair name is a variable, and applies it with `name` given through `channel`. */
  async function applyWithName(channel: Channel, name: string): Promise<{ run: TerraformRun; dir: string }> {
    const variableEnv: Record<string, string> = channel === "TF_VAR_" ? { [`TF_VAR_${VARIABLE}`]: name } : {};
    const workspace = new TerraformWorkspace("injection", { ...emulator.env(), ...variableEnv });
    workspaces.push(workspace);
    workspace.synth((stack) => {
      const keyPairName = new TerraformVariable(stack, VARIABLE, { type: "string" });
      new EnsKeyPair(stack, "kp", { keyPairName: keyPairName.stringValue, publicKey: RSA_PUBLIC_KEY });
    });
    const args = ["apply", "-auto-approve", "-input=false", "-no-color"];
    if (channel === "-var") args.push(`-var=${VARIABLE}=${name}`);
    return { run: await workspace.terraform(...args), dir: workspace.dir };
  }

  test.each(CHANNELS)(
    "control: a valid name given with %s reaches the handler and is imported",
    async (channel) => {
      const { run } = await applyWithName(channel, "from-a-variable");

      expect(run.exitCode).toBe(0);
      expect(callLog(emulator)).toEqual(["ImportKeyPair:OK"]);
      expect(emulator.keyPair("from-a-variable")).toBeDefined();
    },
  );

  test.each(PAYLOADS)(
    "%s: refused by the name rules, nothing executed, no API call",
    async (_label, payload) => {
      const name = payload(`touch ${path.join(canaryDir, CANARY)} ${CANARY}`);
      for (const channel of CHANNELS) {
        const { run, dir } = await applyWithName(channel, name);

        expect(run.exitCode).not.toBe(0);
        expect(run.output).toContain(`Invalid key pair name ${describeValue(name)}:`);
        expect(run.output).toContain("exit status 2");
        expect(canariesUnder(canaryDir)).toEqual([]);
        expect(canariesUnder(dir)).toEqual([]);
        expect(callLog(emulator)).toEqual([]);
      }
    },
  );
});
