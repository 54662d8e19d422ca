// A cdktf app with N key pairs, run as its own Node.js process:
//   node bench/synth-app.mjs <ens|bare|shape> <N> <outdir> [state file] [name prefix, default bench]
// `ens`: N EnsKeyPair (create mode) from the built package (dist/lib). `bare`: N plain terraform_data resources with
// an input naming the key pair, what one resource per key pair costs at the least: the baseline of benchmarks (d) and
// (h). `shape`: the same JSON as N EnsKeyPair (a main resource and a create step each, the same input, lifecycle and
// provisioners), written without the library: what the construct adds beyond the JSON it produces.
// Prints JSON: how long app construction plus synth took inside the process (the whole process is timed by the
// caller).
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(join(root, "package.json"));
const { App, LocalBackend, TerraformResource, TerraformStack } = require("cdktf");
const { EnsKeyPair } = require(join(root, "dist", "lib", "index.js"));

const KINDS = ["ens", "bare", "shape"];
const [kind, countText, outdir, stateFile, prefix = "bench"] = process.argv.slice(2);
const count = Number(countText);
if (!KINDS.includes(kind) || !Number.isInteger(count) || count < 1 || !outdir) {
  throw new Error(
    `usage: node bench/synth-app.mjs <${KINDS.join("|")}> <N> <outdir> [state file] [name prefix]; got ${process.argv.slice(2)}`,
  );
}

/** The baseline: one terraform_data per key pair, with an input that names it. */
function bareKeyPair(stack, index) {
  const resource = new TerraformResource(stack, `key-pair-${index}`, {
    terraformResourceType: "terraform_data",
  });
  resource.addOverride("input", { key_pair_name: `${prefix}-${index}` });
}

const command = (step) =>
  `command -v node >/dev/null 2>&1 || { echo 'ens-key-pair: error: Node.js (node) is not on the PATH' >&2; exit 2; }; exec node assets/handler/handler.js ${step}`;
const fromInput = (keys, tolerant) =>
  Object.fromEntries(
    keys.map(([env, key]) => [env, tolerant ? `\${try(self.input.${key}, "")}` : `\${self.input.${key}}`]),
  );
const INPUT_KEYS = [
  ["ENS_KEY_PAIR_DELETE_TIMEOUT_SECONDS", "delete_timeout_seconds"],
  ["ENS_KEY_PAIR_MODE", "mode"],
  ["ENS_KEY_PAIR_NAME", "key_pair_name"],
  ["ENS_KEY_PAIR_REMOVAL_POLICY", "removal_policy"],
  ["ENS_KEY_PAIR_CLAIMED_AT", "claimed_at"],
];

/** The same JSON as one EnsKeyPair in create mode, written by hand: its main resource and its create step. */
function sameShapeKeyPair(stack, index) {
  const name = `${prefix}-${index}`;
  const main = new TerraformResource(stack, `key-pair-${index}`, {
    terraformResourceType: "terraform_data",
    provisioners: [
      {
        type: "local-exec",
        when: "destroy",
        command: command("delete"),
        environment: fromInput(INPUT_KEYS, true),
      },
    ],
  });
  main.addOverride(
    "input",
    `\${tomap({"key_pair_name" = "${name}", "mode" = "create", "removal_policy" = "destroy", "delete_timeout_seconds" = "300", "claimed_at" = timestamp()})}`,
  );
  main.addOverride("triggers_replace", { key_pair_name: name, mode: "create" });
  main.addOverride("lifecycle", { ignore_changes: ['input["claimed_at"]'] });
  const id = `terraform_data.${main.friendlyUniqueId}`;
  const create = new TerraformResource(stack, `key-pair-${index}-create`, {
    terraformResourceType: "terraform_data",
    provisioners: [
      {
        type: "local-exec",
        command: command("create"),
        environment: {
          ...fromInput(INPUT_KEYS, false),
          ...fromInput([["ENS_KEY_PAIR_PLANNED_AT", "planned_at"]], false),
        },
      },
    ],
  });
  create.addOverride("input", `\${merge(${id}.input, {"planned_at" = plantimestamp()})}`);
  create.addOverride("triggers_replace", `\${${id}.id}`);
  create.addOverride("lifecycle", { ignore_changes: ["input"] });
}

mkdirSync(outdir, { recursive: true });
const startedAt = performance.now();
const app = new App({ outdir });
const stack = new TerraformStack(app, "bench");
if (stateFile) new LocalBackend(stack, { path: stateFile });
const declare = {
  ens: (index) => new EnsKeyPair(stack, `key-pair-${index}`, { keyPairName: `${prefix}-${index}` }),
  bare: (index) => bareKeyPair(stack, index),
  shape: (index) => sameShapeKeyPair(stack, index),
}[kind];
for (let index = 0; index < count; index++) declare(index);
app.synth();
const synthMs = performance.now() - startedAt;
process.stdout.write(JSON.stringify({ kind, count, synthMs }));
