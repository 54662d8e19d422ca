// Benchmark (e): the size of the shipped handler file and of the npm package tarball (reported, no target).
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

/** How the handler file splits into code and code cache (see scripts/handler-bundle/code-cache.mjs). */
function handlerParts(file) {
  const text = readFileSync(file, "latin1");
  const cacheStart = text.indexOf("\nfunction codeCache() {\n//");
  const bundleStart = text.indexOf("\nfunction bundle() {\n//");
  if (cacheStart < 0 || bundleStart < 0) return undefined;
  return {
    loaderBytes: cacheStart + 1,
    codeCacheBytes: bundleStart - cacheStart,
    bundleBytes: text.length - bundleStart,
  };
}

/**
 * Runs benchmark (e).
 *
 * @param context.root the repository root (dist/ must be built)
 * @param context.plainBundle the handler bundled without start-up tuning (from the cold-start benchmark), if built
 */
export function measureArtifactSizes({ root, plainBundle }) {
  const handler = join(root, "dist", "handler", "handler.js");
  const [pack] = JSON.parse(
    execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }),
  );
  return {
    command: "stat dist/handler/handler.js dist/handler/handler.js.map; npm pack --dry-run --json",
    handlerBytes: statSync(handler).size,
    handlerParts: handlerParts(handler),
    sourceMapBytes: existsSync(`${handler}.map`) ? statSync(`${handler}.map`).size : undefined,
    plainBundleBytes: plainBundle ? statSync(plainBundle).size : undefined,
    tarballBytes: pack.size,
    unpackedBytes: pack.unpackedSize,
    tarballFiles: pack.entryCount,
  };
}
