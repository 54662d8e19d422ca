import * as fs from "node:fs";
import * as path from "node:path";
import { AssetType, TerraformAsset, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { handlerBundleMissing } from "../errors";

const ASSET_ID = "EnsKeyPairHandler";
const BUNDLE_RELATIVE_PATH = path.join("dist", "handler", "handler.js");

/** The package root: the nearest folder above this file with a package.json (works from lib/ and dist/lib/). */
function packageRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, "package.json"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw handlerBundleMissing(BUNDLE_RELATIVE_PATH);
    dir = parent;
  }
  return dir;
}

/** Absolute path of the bundled run-time handler shipped in this package. */
export function handlerBundlePath(): string {
  const bundle = path.join(packageRoot(), BUNDLE_RELATIVE_PATH);
  if (!fs.existsSync(bundle)) throw handlerBundleMissing(bundle);
  return bundle;
}

/**
 * The handler asset of the stack that contains `scope`, created on first use.
 *
 * One asset per stack, shared by all its key pairs: a copy per key pair would slow synth of thousands of key
 * pairs and fill `cdktf.out` with identical files.
 */
export function handlerAssetOf(scope: Construct): TerraformAsset {
  const stack = TerraformStack.of(scope);
  const existing = stack.node.tryFindChild(ASSET_ID);
  if (existing instanceof TerraformAsset) return existing;
  return new TerraformAsset(stack, ASSET_ID, { path: handlerBundlePath(), type: AssetType.FILE });
}
