// Turns the esbuild bundle into the shipped handler file: a small loader (code-cache-loader.js), then a V8 code
// cache made by running the bundle (code-cache-warm-up.mjs), then the bundle itself, both as comment lines inside
// functions the loader reads back. Node.js 20 has no compile cache for CommonJS modules, so the loader compiles
// the bundle through vm.Script with the cache.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Script } from "node:vm";

const here = dirname(fileURLToPath(import.meta.url));

/**
 * Wraps the CommonJS bundle as a function of the module variables, the form the loader compiles.
 *
 * @throws Error when the bundle has a character that would end a comment line, or is not ASCII
 */
export function wrapBundle(bundle) {
  const offending = bundle.search(/[\u0080-\uffff]|\r/);
  if (offending >= 0) {
    throw new Error(
      `The handler bundle has ${JSON.stringify(bundle[offending])} at offset ${offending}: the cached handler file ` +
        'stores the bundle as "//" comment lines and reads it as latin1, so it must be ASCII without carriage ' +
        'returns. Keep esbuild\'s default charset ("ascii").',
    );
  }
  // The bundle starts on a line of its own, so its lines keep their columns (the loader maps stack traces by them).
  return `(function (exports, require, module, __filename, __dirname) {\n${bundle}\n})`;
}

/**
 * Runs the wrapped bundle in a fresh Node.js process (see code-cache-warm-up.mjs) and returns its code cache.
 *
 * @throws Error when the warm-up's delete run fails or the cache does not load in this Node.js
 */
export function makeCodeCache(source) {
  const scratch = mkdtempSync(join(tmpdir(), "ens-handler-code-cache-"));
  try {
    const sourceFile = join(scratch, "handler-source.js");
    const cacheFile = join(scratch, "handler.cache");
    writeFileSync(sourceFile, source, "latin1");
    let exitCodes;
    try {
      const output = execFileSync(
        process.execPath,
        [join(here, "code-cache-warm-up.mjs"), sourceFile, cacheFile],
        {
          env: { PATH: process.env.PATH ?? "/usr/bin:/bin" },
          encoding: "utf8",
          stdio: ["ignore", "pipe", "pipe"],
        },
      );
      exitCodes = JSON.parse(output);
    } catch (error) {
      throw new Error(`The code cache warm-up run of the handler failed: ${error.stderr ?? error.message}`);
    }
    if (exitCodes.delete !== 0) {
      throw new Error(
        `The code cache warm-up's delete run exited with ${exitCodes.delete} against a stand-in that answers ` +
          "every call with success; check scripts/handler-bundle/code-cache-warm-up.mjs against the handler's inputs.",
      );
    }
    if (exitCodes.create !== 0) {
      console.warn(
        `code cache warm-up: the create run exited with ${exitCodes.create}; its code is cached less`,
      );
    }
    const cache = readFileSync(cacheFile);
    if (new Script(source, { cachedData: cache }).cachedDataRejected) {
      throw new Error(
        "V8 rejected the handler's code cache in the Node.js that made it; the cache would never load.",
      );
    }
    return cache;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** A function whose body is `text` as "//" lines, the form the loader's commentLinesOf reads back. */
function commentFunction(name, text) {
  return `function ${name}() {\n//${text.split("\n").join("\n//")}\n}\n`;
}

/** The oldest Node.js the handler runs on, `major.minor`, from package.json `engines.node` (`>=20.9`). */
function minimumNodeVersion() {
  const manifest = JSON.parse(readFileSync(join(here, "..", "..", "package.json"), "utf8"));
  const match = /^>=\s*(\d+\.\d+)(\.\d+)?$/.exec(String(manifest.engines?.node ?? ""));
  if (!match)
    throw new Error(
      `package.json engines.node must read ">=<major>.<minor>", and it is ${manifest.engines?.node}`,
    );
  return match[1];
}

/** The shipped handler file: the loader, then the cache and the bundle as functions made of comment lines. */
export function cachedHandlerFile(source, cache) {
  const loader = readFileSync(join(here, "code-cache-loader.js"), "utf8").replace(
    "%MINIMUM_NODE_VERSION%",
    minimumNodeVersion(),
  );
  return loader + commentFunction("codeCache", cache.toString("base64")) + commentFunction("bundle", source);
}
