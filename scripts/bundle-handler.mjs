// Bundles the run-time handler into one self-contained file, dist/handler/handler.js: the SDK and the credentials
// chain are inside, so it runs with no node_modules anywhere (Terraform runs it from the stack folder of the
// user's project). dist/handler/ is the asset folder the construct copies into cdktf.out; its package.json keeps
// the file CommonJS inside projects whose package.json says "type": "module".
//
// For a fast start (Terraform runs it once per key pair) the build applies start-up tricks (see
// scripts/handler-bundle/ and docs/architecture.md); each is kept only for the gain `npm run bench` measures.
//
//   node scripts/bundle-handler.mjs                      the shipped build: handler (all tricks) and CLI
//   node scripts/bundle-handler.mjs --outdir=DIR --tricks=stubs,deferred-sdk
//                                                        the benchmark's variants: only the handler, with only the
//                                                        named tricks ("" for none), into DIR/handler.js
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { selfContainedBundleOptions } from "./handler-bundle/build-options.mjs";
import { cachedHandlerFile, makeCodeCache, wrapBundle } from "./handler-bundle/code-cache.mjs";
import { deferredModulesPlugin } from "./handler-bundle/deferred-modules.mjs";
import { unreachableModulesPlugin } from "./handler-bundle/unreachable-modules.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

// The entry points of the two bundles, relative to the repository root: the only lines here that name lib/ files.
const HANDLER_ENTRY = "lib/handler/handler-main.ts";
const CLI_ENTRY = "lib/cli/cli-main.ts";

/**
 * The start-up tricks, in the order the benchmark adds them, and "source-map": not a trick but handler.js.map next
 * to handler.js, which the code-cache loader reads to name lib/ sources in stack traces (it needs "code-cache").
 */
export const TRICKS = ["stubs", "deferred-sdk", "deferred-in-sdk", "code-cache", "source-map"];

/** Which esbuild plugins a set of tricks needs. */
function pluginsOf(tricks) {
  return [
    ...(tricks.includes("stubs") ? [unreachableModulesPlugin()] : []),
    ...(tricks.some((trick) => trick.startsWith("deferred-"))
      ? [
          deferredModulesPlugin({
            sdk: tricks.includes("deferred-sdk"),
            inSdk: tricks.includes("deferred-in-sdk"),
          }),
        ]
      : []),
  ];
}

/**
 * Builds the handler with `tricks` into `assetDir`/handler.js (written through a temp file and renamed, so a
 * process starting the handler meanwhile, a test worker or Terraform, never loads a half-written file).
 *
 * @returns the sizes and the esbuild metafile
 */
async function buildHandler({ assetDir, tricks, tempDir }) {
  const outfile = join(assetDir, "handler.js");
  const withSourceMap = tricks.includes("source-map");
  if (withSourceMap && !tricks.includes("code-cache")) {
    throw new Error('The "source-map" build option needs "code-cache": its loader maps the stack traces.');
  }
  const result = await build({
    ...selfContainedBundleOptions(join(root, HANDLER_ENTRY)),
    outfile,
    write: false,
    metafile: true,
    plugins: pluginsOf(tricks),
    // The map names the sources but does not carry them: it only has to turn bundle positions into lib/ lines.
    ...(withSourceMap ? { sourcemap: "external", sourcesContent: false } : {}),
  });
  const bundle = result.outputFiles.find((file) => file.path.endsWith(".js"));
  const sourceMap = withSourceMap ? sourceMapOf(result.outputFiles, outfile) : undefined;
  const handlerFile = tricks.includes("code-cache")
    ? (() => {
        const source = wrapBundle(bundle.text);
        return cachedHandlerFile(source, makeCodeCache(source));
      })()
    : bundle.text;
  mkdirSync(assetDir, { recursive: true });
  writeFileSync(join(assetDir, "package.json"), `${JSON.stringify({ type: "commonjs" })}\n`);
  // The temp file lives outside the asset folder, so a failed build never leaves it to be copied into cdktf.out.
  mkdirSync(tempDir, { recursive: true });
  const temp = join(tempDir, `handler.js.${process.pid}.tmp`);
  writeFileSync(temp, handlerFile, "latin1");
  if (sourceMap) writeFileSync(`${temp}.map`, sourceMap);
  // Smoke test: without a command the handler must print its usage and exit 2 (invalid input), with its code
  // cache and without it (any V8 flag changes the flag hash, so V8 rejects the cache as under another Node.js).
  for (const flags of [[], ["--no-opt"]]) {
    const smoke = spawnSync(process.execPath, [...flags, temp], {
      env: { PATH: process.env.PATH },
      encoding: "utf8",
    });
    if (smoke.status !== 2 || !smoke.stderr.includes("usage: node handler.js")) {
      throw new Error(`The handler file does not run (node ${flags}; exit ${smoke.status}): ${smoke.stderr}`);
    }
  }
  if (sourceMap) renameSync(`${temp}.map`, `${outfile}.map`);
  else rmSync(`${outfile}.map`, { force: true });
  renameSync(temp, outfile);
  return {
    outfile,
    bytes: handlerFile.length,
    codeBytes: bundle.text.length,
    sourceMapBytes: sourceMap?.length ?? 0,
    metafile: result.metafile,
  };
}

/**
 * The bundle's source map, its sources relative to the repository root (`lib/handler/handler-main.ts`,
 * `node_modules/...`): the names a stack trace shows, wherever the handler file was built or copied to.
 */
function sourceMapOf(outputFiles, outfile) {
  const map = JSON.parse(outputFiles.find((file) => file.path.endsWith(".map")).text);
  map.sources = map.sources.map((source) =>
    relative(root, join(dirname(outfile), source))
      .split("\\")
      .join("/"),
  );
  return JSON.stringify(map);
}

/** The lib/ and node_modules/ files esbuild read for a bundle, relative to the repository root. */
function inputsOf(metafile) {
  return Object.keys(metafile.inputs)
    .filter((input) => !input.includes(":")) // plugin namespaces (stubs, stand-ins) are no files
    .map((input) => relative(root, join(process.cwd(), input)).split("\\").join("/"))
    .sort();
}

function option(name) {
  const prefix = `--${name}=`;
  return process.argv
    .slice(2)
    .find((arg) => arg.startsWith(prefix))
    ?.slice(prefix.length);
}

async function main() {
  const outdir = option("outdir");
  if (outdir !== undefined) {
    const tricks = (option("tricks") ?? TRICKS.join(",")).split(",").filter(Boolean);
    const unknown = tricks.filter((trick) => !TRICKS.includes(trick));
    if (unknown.length > 0) throw new Error(`Unknown trick(s) ${unknown}: choose from ${TRICKS}.`);
    const built = await buildHandler({ assetDir: outdir, tricks, tempDir: outdir });
    const { outfile, bytes, codeBytes, sourceMapBytes } = built;
    console.log(JSON.stringify({ outfile, tricks, bytes, codeBytes, sourceMapBytes }));
    return;
  }

  const assetDir = join(root, "dist", "handler");
  const handler = await buildHandler({ assetDir, tricks: TRICKS, tempDir: join(root, "dist") });
  // The asset folder's content hash, computed once here so that synth need not hash 0.8 MB for every stack.
  const assetHash = createHash("md5");
  for (const file of ["handler.js", "handler.js.map", "package.json"]) {
    assetHash.update(readFileSync(join(assetDir, file)));
  }
  writeFileSync(join(root, "dist", "handler.hash"), assetHash.digest("hex").toUpperCase());
  console.log(
    `bundled handler: ${handler.outfile} (${(handler.bytes / 1024).toFixed(1)} KiB: ` +
      `${(handler.codeBytes / 1024).toFixed(1)} KiB of code and its V8 code cache; ` +
      `handler.js.map ${(handler.sourceMapBytes / 1024).toFixed(1)} KiB)`,
  );

  // The operator CLI, bundled the same self-contained way into one executable file, dist/cli/ens-key-pair.js: the
  // package's "ens-key-pair" bin. It starts once per operator command, so it skips the handler's start-up tricks.
  const cliFile = join(root, "dist", "cli", "ens-key-pair.js");
  const cli = await build({
    ...selfContainedBundleOptions(join(root, CLI_ENTRY)),
    outfile: cliFile,
    banner: { js: "#!/usr/bin/env node" },
    write: false,
    metafile: true,
  });
  const [cliBundle] = cli.outputFiles;
  mkdirSync(dirname(cliFile), { recursive: true });
  const cliTemp = `${cliFile}.${process.pid}.tmp`;
  writeFileSync(cliTemp, cliBundle.contents);
  chmodSync(cliTemp, 0o755);
  renameSync(cliTemp, cliFile);
  console.log(`bundled CLI: ${cliFile} (${(cliBundle.contents.length / 1024).toFixed(1)} KiB)`);

  // What both bundles were made from, for test/support/bundles.ts to tell whether they are stale. Outside the
  // asset folder (which is copied into cdktf.out) and not in the package's "files": a build record, not shipped.
  const inputs = {
    handler: inputsOf(handler.metafile),
    cli: inputsOf(cli.metafile),
  };
  writeFileSync(join(root, "dist", "bundle-inputs.json"), `${JSON.stringify(inputs, null, 2)}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await main();
