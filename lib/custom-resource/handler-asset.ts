import * as fs from "node:fs";
import * as path from "node:path";
import { AssetType, TerraformAsset, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { handlerBundleMissing } from "../errors";

const ASSET_ID = "EnsKeyPairHandler";
const ASSET_DIR_RELATIVE_PATH = path.join("dist", "handler");
const HANDLER_FILE = "handler.js";
/** Written by the build next to the asset folder: its content hash, so synth need not hash 0.8 MB per stack. */
const ASSET_HASH_RELATIVE_PATH = path.join("dist", "handler.hash");

/** The package root: the nearest folder above this file with a package.json (works from lib/ and dist/lib/). */
function packageRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, "package.json"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw handlerBundleMissing(path.join(ASSET_DIR_RELATIVE_PATH, HANDLER_FILE));
    dir = parent;
  }
  return dir;
}

let minimumNode: string | undefined;

/**
 * The oldest Node.js the handler runs on, `major.minor`, from the package's `engines.node` (`>=20.9`): the one
 * definition the synthesized command's check and the handler's own start-up check both use.
 */
export function minimumNodeVersion(): string {
  if (minimumNode === undefined) {
    const manifest = JSON.parse(fs.readFileSync(path.join(packageRoot(), "package.json"), "utf8"));
    const match = /^>=\s*(\d+\.\d+)(\.\d+)?$/.exec(String(manifest.engines?.node ?? ""));
    if (!match)
      throw new Error(
        `package.json engines.node must read ">=<major>.<minor>", and it is ${manifest.engines?.node}`,
      );
    minimumNode = match[1];
  }
  return minimumNode;
}

/**
 * Absolute path of the folder holding the bundled run-time handler: `handler.js`, and a package.json that keeps
 * it CommonJS even inside a project whose package.json says `"type": "module"`.
 */
function handlerAssetDir(): string {
  const dir = path.join(packageRoot(), ASSET_DIR_RELATIVE_PATH);
  if (!fs.existsSync(path.join(dir, HANDLER_FILE))) throw handlerBundleMissing(path.join(dir, HANDLER_FILE));
  return dir;
}

/**
 * The handler script of the stack that contains `scope`, relative to the stack folder (Terraform's working
 * directory), e.g. `assets/EnsKeyPairHandler/<hash>/handler.js`. Its asset is created on first use.
 */
export function handlerScriptOf(scope: Construct): string {
  return path.posix.join(handlerAssetOf(scope).path, HANDLER_FILE);
}

/**
 * The handler asset (a folder) of the stack that contains `scope`, created on first use.
 *
 * One asset per stack, shared by all its key pairs: a copy per key pair would slow synth of thousands of key
 * pairs and fill `cdktf.out` with identical files.
 */
function handlerAssetOf(scope: Construct): TerraformAsset {
  const stack = TerraformStack.of(scope);
  const existing = stack.node.tryFindChild(ASSET_ID);
  if (existing instanceof TerraformAsset) return existing;
  const hashFile = path.join(packageRoot(), ASSET_HASH_RELATIVE_PATH);
  return new TerraformAsset(stack, ASSET_ID, {
    path: handlerAssetDir(),
    type: AssetType.DIRECTORY,
    assetHash: fs.existsSync(hashFile) ? fs.readFileSync(hashFile, "utf8").trim() : undefined,
  });
}
