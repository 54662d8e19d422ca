/**
 * The cdktf project a stack folder belongs to. A relative `privateKeyFile` means relative to the project folder
 * where cdktf runs (so the synthesized configuration holds no path of this machine), while Terraform runs the
 * handler in the stack folder, `cdktf.out/stacks/<stack>` or a custom `outdir`: the project folder is the nearest
 * folder above it that holds `cdktf.json`.
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** The file that marks a cdktf project folder. */
export const CDKTF_PROJECT_FILE = "cdktf.json";

/** The nearest folder at or above `from` holding cdktf.json, or `undefined` when there is none. */
export function projectFolderOf(from: string): string | undefined {
  for (let folder = path.resolve(from); ; folder = path.dirname(folder)) {
    if (fs.existsSync(path.join(folder, CDKTF_PROJECT_FILE))) return folder;
    if (path.dirname(folder) === folder) return undefined;
  }
}
