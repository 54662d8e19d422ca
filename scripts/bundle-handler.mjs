// Bundles the run-time handler (lib/handler/handler-main.ts) into one self-contained file, dist/handler/handler.js:
// the SDK and the credentials chain are inside, so it runs with no node_modules anywhere (Terraform runs it
// from the stack folder of the user's project). dist/handler/ is the asset folder the construct copies into
// cdktf.out; its package.json keeps the file CommonJS inside projects whose package.json says "type": "module".
//
// For a fast start (Terraform runs it once per key pair): packages on code paths the handler never takes are
// stubbed out, the SDK loads only when an API call is made, and the file carries a V8 code cache
// (see scripts/handler-bundle/).
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { selfContainedBundleOptions } from "./handler-bundle/build-options.mjs";
import { cachedHandlerFile, makeCodeCache, wrapBundle } from "./handler-bundle/code-cache.mjs";
import { deferredModulesPlugin } from "./handler-bundle/deferred-modules.mjs";
import { unreachableModulesPlugin } from "./handler-bundle/unreachable-modules.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const assetDir = join(root, "dist", "handler");
const outfile = join(assetDir, "handler.js");

const result = await build({
  ...selfContainedBundleOptions(join(root, "lib", "handler", "handler-main.ts")),
  outfile,
  write: false,
  plugins: [unreachableModulesPlugin(), deferredModulesPlugin()],
});

// Written to a temp file and renamed, so a process starting the handler meanwhile (a test worker, Terraform)
// never loads a half-written bundle.
const [bundle] = result.outputFiles;
const source = wrapBundle(bundle.text);
const handlerFile = cachedHandlerFile(source, makeCodeCache(source));
mkdirSync(assetDir, { recursive: true });
writeFileSync(join(assetDir, "package.json"), `${JSON.stringify({ type: "commonjs" })}\n`);
// The temp file lives outside the asset folder, so a failed build never leaves it to be copied into cdktf.out.
const temp = join(root, "dist", `handler.js.${process.pid}.tmp`);
writeFileSync(temp, handlerFile, "latin1");
// Smoke test: without a command the handler must print its usage and exit 2 (invalid input), with its code cache
// and without it (any V8 flag changes the flag hash, so V8 rejects the cache as it would under another Node.js).
for (const flags of [[], ["--no-opt"]]) {
  const smoke = spawnSync(process.execPath, [...flags, temp], {
    env: { PATH: process.env.PATH },
    encoding: "utf8",
  });
  if (smoke.status !== 2 || !smoke.stderr.includes("usage: node handler.js")) {
    throw new Error(
      `The cached handler file does not run (node ${flags}; exit ${smoke.status}): ${smoke.stderr}`,
    );
  }
}
renameSync(temp, outfile);
// The asset folder's content hash, computed once here so that synth need not hash 0.8 MB for every stack.
const assetHash = createHash("md5");
for (const file of ["handler.js", "package.json"]) assetHash.update(readFileSync(join(assetDir, file)));
writeFileSync(join(root, "dist", "handler.hash"), assetHash.digest("hex").toUpperCase());
console.log(
  `bundled handler: ${outfile} (${(handlerFile.length / 1024).toFixed(1)} KiB: ` +
    `${(source.length / 1024).toFixed(1)} KiB of code and its V8 code cache)`,
);

// The operator CLI (lib/cli/cli-main.ts), bundled the same self-contained way into one executable file,
// dist/cli/ens-key-pair.js: the package's "ens-key-pair" bin. It starts once per operator command, so it skips
// the handler's start-up tuning.
const cliFile = join(root, "dist", "cli", "ens-key-pair.js");
const cli = await build({
  ...selfContainedBundleOptions(join(root, "lib", "cli", "cli-main.ts")),
  outfile: cliFile,
  banner: { js: "#!/usr/bin/env node" },
  write: false,
});
const [cliBundle] = cli.outputFiles;
mkdirSync(dirname(cliFile), { recursive: true });
const cliTemp = `${cliFile}.${process.pid}.tmp`;
writeFileSync(cliTemp, cliBundle.contents);
chmodSync(cliTemp, 0o755);
renameSync(cliTemp, cliFile);
console.log(`bundled CLI: ${cliFile} (${(cliBundle.contents.length / 1024).toFixed(1)} KiB)`);
