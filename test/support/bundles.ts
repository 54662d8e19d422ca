/**
 * The bundles that tests run as processes (handler and CLI), rebuilt when missing or older than any source they are
 * made from, so a test never runs stale code. `npm test` builds first; this covers running jest directly.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const REPO_ROOT = path.resolve(__dirname, "..", "..");

/** Absolute path of the bundled handler. */
export const HANDLER_BUNDLE = path.join(REPO_ROOT, "dist", "handler", "handler.js");

/** Absolute path of the bundled CLI. */
export const CLI_BUNDLE = path.join(REPO_ROOT, "dist", "cli", "ens-key-pair.js");

/** Written by scripts/bundle-handler.mjs from esbuild's metafiles: every file each bundle was made from. */
const BUNDLE_INPUTS = path.join(REPO_ROOT, "dist", "bundle-inputs.json");

/** What the bundles are made from besides their inputs: the build itself, and the dependency versions. */
const BUILD_SOURCES = [
  "scripts/bundle-handler.mjs",
  "scripts/handler-bundle",
  "package.json",
  "package-lock.json",
];

/**
 * Every source of the bundles, absolute: the files esbuild read for them at the last build (lib/ and node_modules/),
 * and the build sources. Undefined when the bundles were never built by this script (no inputs record).
 */
function bundleSources(): string[] | undefined {
  let inputs: Record<string, string[]>;
  try {
    inputs = JSON.parse(fs.readFileSync(BUNDLE_INPUTS, "utf8"));
  } catch {
    return undefined;
  }
  return [...new Set([...Object.values(inputs).flat(), ...BUILD_SOURCES])].map((entry) =>
    path.join(REPO_ROOT, entry),
  );
}

function newestMtimeMs(entry: string): number {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return Infinity;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...fs.readdirSync(entry).map((name) => newestMtimeMs(path.join(entry, name))));
}

let checked = false;

/**
 * Builds both bundles (one script makes them) unless each exists and is newer than every source. A source file
 * that is gone (moved or deleted since the last build) counts as changed.
 */
export function ensureBundles(): void {
  if (checked) return;
  const oldestBundle = Math.min(
    ...[HANDLER_BUNDLE, CLI_BUNDLE].map((file) => fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0),
  );
  const sources = bundleSources();
  if (!sources || oldestBundle < Math.max(...sources.map(newestMtimeMs))) {
    execFileSync(process.execPath, [path.join(REPO_ROOT, "scripts", "bundle-handler.mjs")], {
      stdio: "ignore",
    });
  }
  checked = true;
}
