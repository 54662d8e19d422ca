import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { transformSync } from "esbuild";

const root = path.resolve(__dirname, "..", "..");

/** What `npm pack` produced. */
export interface PackedPackage {
  /** The tarball. */
  readonly tarball: string;
  /** The paths inside it, relative to the package root. */
  readonly files: readonly string[];
}

/** Runs `npm pack` on the built repository (run `npm run build` first) into a fresh folder. */
export function packPackage(): PackedPackage {
  const destination = fs.mkdtempSync(path.join(os.tmpdir(), "ens-pack-"));
  const output = execFileSync("npm", ["pack", "--json", "--pack-destination", destination], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  });
  const [result] = JSON.parse(output) as Array<{ filename: string; files: Array<{ path: string }> }>;
  return { tarball: path.join(destination, result.filename), files: result.files.map((f) => f.path) };
}

/**
 * A fresh app folder with the packed library installed in node_modules (extracted from the tarball, as npm would),
 * and `cdktf` / `constructs` linked from this repository's node_modules. `cdktfPackage` names what to link as `cdktf`
 * (e.g. the `cdktf-via-cdktn` alias of cdktn).
 */
export function appWithPackage(packed: PackedPackage, cdktfPackage = "cdktf"): string {
  const app = fs.mkdtempSync(path.join(os.tmpdir(), "ens-app-"));
  const modules = path.join(app, "node_modules");
  const library = path.join(modules, "cdktf-ens-key-pair");
  fs.mkdirSync(library, { recursive: true });
  execFileSync("tar", ["-xzf", packed.tarball, "-C", library, "--strip-components=1"]);
  fs.symlinkSync(path.join(root, "node_modules", cdktfPackage), path.join(modules, "cdktf"), "dir");
  fs.symlinkSync(path.join(root, "node_modules", "constructs"), path.join(modules, "constructs"), "dir");
  return app;
}

/**
 * Writes the example app (examples/main.ts, the stack `npm run demo` deploys) into `app` as `main.js`, importing the
 * library by its package name as a user's app does. Its imported key is read from EXAMPLE_PUBLIC_KEY_FILE.
 *
 * @returns the environment the app needs on top of PATH
 */
export function writeExampleApp(app: string): Record<string, string> {
  const source = fs
    .readFileSync(path.join(root, "examples", "main.ts"), "utf8")
    .replace('from "../lib"', 'from "cdktf-ens-key-pair"');
  fs.writeFileSync(
    path.join(app, "main.js"),
    transformSync(source, { loader: "ts", format: "cjs", platform: "node" }).code,
  );
  return { EXAMPLE_PUBLIC_KEY_FILE: path.join(root, "examples", "keys", "demo_rsa.pub") };
}
