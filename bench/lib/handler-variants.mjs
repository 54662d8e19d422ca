// Builds the handler with a chosen set of start-up tricks into a scratch folder, through the build script itself
// (`scripts/bundle-handler.mjs --outdir --tricks`), so the benchmarks never repeat its entry point or options.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { scratchDir } from "./processes.mjs";

/**
 * Builds the handler with `tricks` (names from TRICKS in scripts/bundle-handler.mjs; [] for the plain esbuild
 * bundle) into a new scratch folder.
 *
 * @returns the handler file and its size in bytes
 */
export function buildHandlerVariant(root, label, tricks) {
  const outdir = scratchDir(`handler-${label.replace(/\W/g, "-")}`);
  const output = execFileSync(
    process.execPath,
    [join(root, "scripts", "bundle-handler.mjs"), `--outdir=${outdir}`, `--tricks=${tricks.join(",")}`],
    { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
  );
  const { outfile, bytes, sourceMapBytes } = JSON.parse(output.trim().split("\n").at(-1));
  return { file: outfile, bytes, sourceMapBytes };
}
