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

const BUNDLE_SOURCES = [
  "lib/handler",
  "lib/ens",
  "lib/cli",
  "lib/key-pair-name.ts",
  "lib/key-pair-id.ts",
  "lib/public-key.ts",
  "lib/endpoint.ts",
  "lib/handler-contract.ts",
  "scripts/bundle-handler.mjs",
  "scripts/handler-bundle",
  "package.json",
].map((entry) => path.join(REPO_ROOT, entry));

function newestMtimeMs(entry: string): number {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...fs.readdirSync(entry).map((name) => newestMtimeMs(path.join(entry, name))));
}

let checked = false;

/** Builds both bundles (one script makes them) unless each exists and is newer than every source. */
export function ensureBundles(): void {
  if (checked) return;
  const oldestBundle = Math.min(
    ...[HANDLER_BUNDLE, CLI_BUNDLE].map((file) => fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0),
  );
  if (oldestBundle < Math.max(...BUNDLE_SOURCES.map(newestMtimeMs))) {
    execFileSync(process.execPath, [path.join(REPO_ROOT, "scripts", "bundle-handler.mjs")], {
      stdio: "ignore",
    });
  }
  checked = true;
}
