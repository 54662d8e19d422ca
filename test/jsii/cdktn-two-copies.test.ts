/**
 * What a CDK Terrain (cdktn) user would meet with this library's Python or Go package as generated here (README,
 * "Other languages (jsii)"). Its assembly depends on the jsii assembly named `cdktf`, so the jsii runtime loads
 * cdktf 0.21's JavaScript for this library next to cdktn's for the user's app and stack: two copies of the framework
 * in one Node.js process, where npm's alias (`"cdktf": "npm:cdktn@0.24.0"`) leaves only one. This reproduces that
 * setup in Node.js: the built library, on this checkout's cdktf 0.21, inside an app and stack of cdktn 0.24.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";

const root = path.resolve(__dirname, "..", "..");

/** Synthesizes one EnsKeyPair (dist/lib, on cdktf 0.21) in an app and stack of the framework package given. */
function synthIn(framework: string) {
  const script = `
    const fs = require("node:fs"), os = require("node:os"), path = require("node:path");
    const lib = require(${JSON.stringify(path.join(root, "dist", "lib"))});
    const fw = require(${JSON.stringify(path.join(root, "node_modules", framework))});
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "two-copies-"));
    try {
      const app = new fw.App({ outdir });
      const stack = new fw.TerraformStack(app, "edge");
      new lib.EnsKeyPair(stack, "web", { keyPairName: "web", privateKeyFile: "keys/web.pem" });
      app.synth();
      const json = JSON.parse(fs.readFileSync(path.join(outdir, "stacks", "edge", "cdk.tf.json"), "utf8"));
      console.log(Object.keys(json.resource.terraform_data).length);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }`;
  return spawnSync(process.execPath, ["-e", script], {
    cwd: root,
    encoding: "utf8",
    env: { PATH: process.env.PATH },
  });
}

test("the library on cdktf 0.21 synthesizes in a cdktf 0.21 app", () => {
  const run = synthIn("cdktf");
  expect(run.stderr).toBe("");
  expect(run.stdout.trim()).toBe("2");
});

test("the library on cdktf 0.21 fails to synthesize in a cdktn 0.24 app: one framework per process, not two", () => {
  const run = synthIn("cdktf-via-cdktn");
  expect(run.status).not.toBe(0);
  // cdktn's stack prepares each element (found by the symbol both frameworks share) with a method cdktf 0.21 lacks.
  expect(run.stderr).toContain("_resetResolveDiscoveredProviderFeatureUsage is not a function");
});
