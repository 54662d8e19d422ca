// The jsii API check: compares the assembly of this build (.jsii, written by `npm run build`) with the committed
// baseline api/cdktf-ens-key-pair.jsii, using jsii-diff, and exits non-zero on any change that would break a user in
// any jsii language (a removed or renamed type or member, a prop made required, a changed type, a removed enum
// member...). Additions pass.
//
//   node scripts/jsii-diff.mjs            check (npm run api:check)
//   node scripts/jsii-diff.mjs --update   make the current assembly the baseline (npm run api:baseline): at a release,
//                                         or to accept a deliberate break, which the baseline's diff then shows in review
//
// jsii-diff loads an assembly together with its dependencies' (cdktf, constructs) from a package folder, so the
// baseline gets a throwaway one: a package.json naming the dependencies the baseline recorded, and this checkout's
// node_modules. Both assemblies are local files: nothing is fetched.
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { values: options } = parseArgs({
  options: {
    update: { type: "boolean", default: false },
    // For the check's own test: compare other assembly files than the committed baseline and this build's.
    baseline: { type: "string", default: join(root, "api", "cdktf-ens-key-pair.jsii") },
    current: { type: "string", default: join(root, ".jsii") },
  },
});
const baseline = resolve(options.baseline);
const current = resolve(options.current);

if (!existsSync(current)) {
  console.error(`jsii API check: ${current} is missing; run \`npm run build\` first (it runs jsii).`);
  process.exit(2);
}
if (options.update) {
  copyFileSync(current, baseline);
  console.log(`jsii API check: the baseline ${baseline} is now this build's assembly.`);
  process.exit(0);
}

/** A throwaway package folder holding `assemblyFile` as its .jsii, its dependencies resolved from node_modules. */
function packageFolder(assemblyFile, scratch, name) {
  const assembly = JSON.parse(readFileSync(assemblyFile, "utf8"));
  const folder = join(scratch, name);
  const pkg = {
    name: assembly.name,
    version: assembly.version,
    jsii: {},
    peerDependencies: assembly.dependencies,
  };
  mkdirSync(folder);
  writeFileSync(join(folder, "package.json"), JSON.stringify(pkg));
  copyFileSync(assemblyFile, join(folder, ".jsii"));
  symlinkSync(join(root, "node_modules"), join(folder, "node_modules"), "dir");
  return folder;
}

const scratch = mkdtempSync(join(tmpdir(), "jsii-diff-"));
try {
  const diff = spawnSync(
    process.execPath,
    [
      join(root, "node_modules", "jsii-diff", "bin", "jsii-diff"),
      "--keys",
      "--error-on",
      "all",
      packageFolder(baseline, scratch, "baseline"),
      packageFolder(current, scratch, "current"),
    ],
    {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: "20" },
    },
  );
  if (diff.status !== 0) {
    console.error(
      `jsii API check: ${current} breaks the API of ${baseline} (jsii-diff exit ${diff.status ?? diff.signal}). ` +
        "Restore what it lists, or, for a deliberate break at a major version, run `npm run api:baseline` and say so " +
        "in CHANGELOG.md.",
    );
    process.exit(1);
  }
  console.log(`jsii API check: no breaking change against ${baseline}.`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
