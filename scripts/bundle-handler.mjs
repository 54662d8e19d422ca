// Bundles the run-time handler (lib/handler/main.ts) into one self-contained file, dist/handler/handler.js:
// the SDK and the credentials chain are inside, so it runs with no node_modules anywhere (Terraform runs it
// from the stack folder of the user's project).
import { build } from "esbuild";
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outfile = join(root, "dist", "handler", "handler.js");

const result = await build({
  entryPoints: [join(root, "lib", "handler", "main.ts")],
  outfile,
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  minify: true,
  external: [],
  logLevel: "warning",
  write: false,
});

// Written to a temp file and renamed, so a process starting the handler meanwhile (a test worker, Terraform)
// never loads a half-written bundle.
const [bundle] = result.outputFiles;
mkdirSync(dirname(outfile), { recursive: true });
const temp = `${outfile}.${process.pid}.tmp`;
writeFileSync(temp, bundle.contents);
renameSync(temp, outfile);
console.log(`bundled handler: ${outfile} (${(bundle.contents.length / 1024).toFixed(1)} KiB)`);
