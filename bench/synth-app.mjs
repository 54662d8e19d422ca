// A cdktf app with N key pairs, run as its own Node.js process:
//   node bench/synth-app.mjs <ens|bare> <N> <outdir> [state file] [name prefix, default bench]
// `ens`: N EnsKeyPair (create mode) from the built package (dist/lib). `bare`: N terraform_data resources written
// without the library, with the same two local-exec provisioners and the same JSON: the baseline of benchmark (d).
// Prints JSON: how long app construction plus synth took inside the process (the whole process is timed by the
// caller), and how many resources the stack has.
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(join(root, "package.json"));
const { App, LocalBackend, TerraformResource, TerraformStack } = require("cdktf");
const { EnsKeyPair } = require(join(root, "dist", "lib", "index.js"));

const [kind, countText, outdir, stateFile, prefix = "bench"] = process.argv.slice(2);
const count = Number(countText);
if (!["ens", "bare"].includes(kind) || !Number.isInteger(count) || count < 1 || !outdir) {
  throw new Error(
    `usage: node bench/synth-app.mjs <ens|bare> <N> <outdir> [state file] [name prefix]; got ${process.argv.slice(2)}`,
  );
}

/**
 * The baseline: a terraform_data written by hand that synthesizes to the same JSON as one EnsKeyPair in create mode
 * (same input, triggers_replace, and two local-exec provisioners with the same commands and environment), so the
 * ratio measures what the construct adds, not how much JSON there is.
 */
const selfInput = (key) => `\${self.input.${key}}`;
const environment = {
  ENS_KEY_PAIR_DELETE_TIMEOUT_SECONDS: selfInput("delete_timeout_seconds"),
  ENS_KEY_PAIR_MODE: selfInput("mode"),
  ENS_KEY_PAIR_NAME: selfInput("key_pair_name"),
  ENS_KEY_PAIR_REMOVAL_POLICY: selfInput("removal_policy"),
};
function bareKeyPair(stack, index) {
  const resource = new TerraformResource(stack, `key-pair-${index}`, {
    terraformResourceType: "terraform_data",
    provisioners: [
      { type: "local-exec", command: "node assets/handler/handler.js create", environment },
      { type: "local-exec", when: "destroy", command: "node assets/handler/handler.js delete", environment },
    ],
  });
  const name = `${prefix}-${index}`;
  resource.addOverride("input", {
    delete_timeout_seconds: "300",
    key_pair_name: name,
    mode: "create",
    removal_policy: "destroy",
  });
  resource.addOverride("triggers_replace", { key_pair_name: name, mode: "create" });
}

mkdirSync(outdir, { recursive: true });
const startedAt = performance.now();
const app = new App({ outdir });
const stack = new TerraformStack(app, "bench");
if (stateFile) new LocalBackend(stack, { path: stateFile });
for (let index = 0; index < count; index++) {
  if (kind === "ens") new EnsKeyPair(stack, `key-pair-${index}`, { keyPairName: `${prefix}-${index}` });
  else bareKeyPair(stack, index);
}
app.synth();
const synthMs = performance.now() - startedAt;
process.stdout.write(JSON.stringify({ kind, count, synthMs }));
