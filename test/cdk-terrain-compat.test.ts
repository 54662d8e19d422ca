/**
 * CDK Terrain (`cdktn`) is the community continuation of the archived cdktf. A user can alias `cdktf` to `cdktn`
 * (`"cdktf": "npm:cdktn@0.24.0"`); this proves the packaged library then synthesizes the example unchanged.
 * The dev dependency `cdktf-via-cdktn` is that npm alias; here it is linked under the `cdktf` name next to a copy
 * of the package as `npm pack` would ship it.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { transformSync } from "esbuild";

const root = path.resolve(__dirname, "..");

interface SynthOutput {
  "//": { metadata: { version: string } };
  resource: {
    terraform_data: Record<string, { input: unknown; triggers_replace: unknown; provisioner: unknown }>;
  };
}

/** Installs the packaged library and the given `cdktf` implementation into a fresh folder and synthesizes the example. */
function synthExampleWith(cdktfPackage: string): SynthOutput {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cdktn-compat-"));
  try {
    const modules = path.join(dir, "node_modules");
    const library = path.join(modules, "cdktf-ens-key-pair");
    fs.mkdirSync(library, { recursive: true });
    fs.copyFileSync(path.join(root, "package.json"), path.join(library, "package.json"));
    fs.cpSync(path.join(root, "dist", "lib"), path.join(library, "dist", "lib"), { recursive: true });
    fs.cpSync(path.join(root, "dist", "handler"), path.join(library, "dist", "handler"), { recursive: true });
    fs.symlinkSync(path.join(root, "node_modules", cdktfPackage), path.join(modules, "cdktf"), "dir");
    fs.symlinkSync(path.join(root, "node_modules", "constructs"), path.join(modules, "constructs"), "dir");

    const source = fs
      .readFileSync(path.join(root, "examples", "main.ts"), "utf8")
      .replace('from "../lib"', 'from "cdktf-ens-key-pair"');
    fs.writeFileSync(
      path.join(dir, "main.js"),
      transformSync(source, { loader: "ts", format: "cjs", platform: "node" }).code,
    );

    const outdir = path.join(dir, "cdktf.out");
    execFileSync(process.execPath, ["main.js"], {
      cwd: dir,
      env: {
        PATH: process.env.PATH,
        CDKTF_OUTDIR: outdir,
        EXAMPLE_PUBLIC_KEY_FILE: path.join(root, "examples", "keys", "demo_rsa.pub"),
      },
      stdio: "pipe",
    });
    const json = fs.readFileSync(path.join(outdir, "stacks", "ens-key-pairs", "cdk.tf.json"), "utf8");
    return JSON.parse(json.split(dir).join("<project>"));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test("the packaged library synthesizes the example with cdktn 0.24 aliased as cdktf, as it does with cdktf 0.21", () => {
  const withCdktn = synthExampleWith("cdktf-via-cdktn");
  const withCdktf = synthExampleWith("cdktf");
  expect(withCdktn["//"].metadata.version).toBe("0.24.0");
  expect(withCdktf["//"].metadata.version).toBe("0.21.0");

  const shape = (out: SynthOutput) =>
    Object.entries(out.resource.terraform_data).map(([id, r]) => [
      id,
      r.input,
      r.triggers_replace,
      r.provisioner,
    ]);
  expect(Object.keys(withCdktn.resource.terraform_data)).toHaveLength(2);
  expect(shape(withCdktn)).toEqual(shape(withCdktf));
});
