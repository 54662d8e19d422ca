/**
 * What the machine that runs terraform needs: Node.js, at least the version the handler supports. Real terraform
 * runs with a PATH that has no `node`, and with a stand-in `node` that reports an old version: the create and the
 * delete step fail with one clear line naming the requirement and the fix (never a bare `sh: node: not found`),
 * make no API call, and keep the state; with Node.js back on the PATH the next run converges.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { EnsKeyPair } from "../../lib";
import { EnsEmulator } from "../../lib/testing";
import { keyPairsInState } from "../reliability/support/terraform-state";
import { TerraformWorkspace, terraformAvailable } from "../support/terraform";

const describeWithTerraform = terraformAvailable() ? describe : describe.skip;

/** Where the terraform on PATH lives. */
function terraformBinary(): string {
  for (const folder of (process.env.PATH ?? "").split(path.delimiter)) {
    const candidate = path.join(folder, "terraform");
    if (folder && fs.existsSync(candidate)) return candidate;
  }
  throw new Error("terraform is not on PATH");
}

/** A folder for PATH holding `terraform` and, if given, a `node` script: nothing else is found on that PATH. */
function binFolder(node?: string): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "ens-runner-bin-"));
  fs.symlinkSync(terraformBinary(), path.join(folder, "terraform"));
  if (node !== undefined) fs.writeFileSync(path.join(folder, "node"), node, { mode: 0o755 });
  return folder;
}

describeWithTerraform("runner prerequisites", () => {
  let emulator: EnsEmulator;
  let workspace: TerraformWorkspace;
  const folders: string[] = [];

  beforeEach(async () => {
    emulator = await EnsEmulator.start({ rsaBits: 1024 });
  });

  afterEach(async () => {
    await emulator.stop();
    workspace.dispose();
    for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
  });

  /** A stand-in `node` that runs the real one, reporting Node.js 18.19.0 to the script. */
  function oldNode(): string {
    const preload = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ens-old-node-")), "version.js");
    folders.push(path.dirname(preload));
    fs.writeFileSync(
      preload,
      'Object.defineProperty(process, "versions", { value: { ...process.versions, node: "18.19.0" } });\n' +
        'Object.defineProperty(process, "version", { value: "v18.19.0" });\n',
    );
    return `#!/bin/sh\nexec "${process.execPath}" --require "${preload}" "$@"\n`;
  }

  test.each([
    {
      machine: "no node on PATH",
      node: () => undefined,
      line: /ens-key-pair: error: Node\.js \(node\) is not on the PATH of the machine that runs terraform, and the EnsKeyPair handler needs Node\.js >= 20\.9 there\./,
    },
    {
      machine: "a node older than the handler supports",
      node: oldNode,
      line: /ens-key-pair: error: the EnsKeyPair handler needs Node\.js >= 20\.9, and the node on the PATH of the machine that runs terraform is v18\.19\.0/,
    },
  ])(
    "$machine: create and delete fail with one clear line, no API call, state kept",
    async ({ node, line }) => {
      const bin = binFolder(node());
      folders.push(bin);
      workspace = new TerraformWorkspace("runner", emulator.env());
      workspace.synth((stack) => new EnsKeyPair(stack, "kp", { keyPairName: "runner-key" }));
      await workspace.init();
      const onThatRunner = { PATH: bin };

      const apply = await workspace.start(["apply", "-auto-approve", "-input=false", "-no-color"], {
        env: onThatRunner,
      });
      const applied = await apply.ended();
      expect(applied.exitCode).not.toBe(0);
      expect(applied.output).toMatch(line);
      expect(applied.output).not.toMatch(/not found|SyntaxError/);
      expect(applied.output).toContain("Terraform keeps the key pair in state");
      expect(emulator.calls()).toEqual([]);
      // The create step failed (tainted, run again next time); the key pair's main resource stays.
      expect(
        keyPairsInState(workspace.stateFile)
          .map((r) => `${r.role} ${r.tainted}`)
          .sort(),
      ).toEqual(["create-step true", "main false"]);

      // With Node.js on PATH the next apply converges.
      expect((await workspace.apply()).exitCode).toBe(0);
      expect(emulator.keyPairs().map((k) => k.keyPairName)).toEqual(["runner-key"]);

      const destroy = await workspace.start(["destroy", "-auto-approve", "-input=false", "-no-color"], {
        env: onThatRunner,
      });
      const destroyed = await destroy.ended();
      expect(destroyed.exitCode).not.toBe(0);
      expect(destroyed.output).toMatch(line);
      expect(emulator.keyPairs().map((k) => k.keyPairName)).toEqual(["runner-key"]);
      expect(keyPairsInState(workspace.stateFile).map((r) => r.role)).toEqual(["main"]);

      expect((await workspace.destroy()).exitCode).toBe(0);
      expect(emulator.keyPairs()).toEqual([]);
      expect(await workspace.stateList()).toEqual([]);
    },
  );
});
