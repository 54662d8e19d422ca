/**
 * CDK Terrain (`cdktn`) is the community continuation of the archived cdktf. A user can alias `cdktf` to `cdktn`
 * (`"cdktf": "npm:cdktn@0.24.0"`); this proves the packed library then synthesizes the example unchanged.
 * The dev dependency `cdktf-via-cdktn` is that npm alias; here it is linked under the `cdktf` name.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { appWithPackage, packPackage, PackedPackage, writeExampleApp } from "./support/packed-package";

interface SynthOutput {
  "//": { metadata: { version: string } };
  resource: {
    terraform_data: Record<string, { input: unknown; triggers_replace: unknown; provisioner: unknown }>;
  };
}

function synthExampleWith(packed: PackedPackage, cdktfPackage: string): SynthOutput {
  const app = appWithPackage(packed, cdktfPackage);
  try {
    const appEnv = writeExampleApp(app);
    const outdir = path.join(app, "cdktf.out");
    execFileSync(process.execPath, ["main.js"], {
      cwd: app,
      env: { PATH: process.env.PATH, CDKTF_OUTDIR: outdir, ...appEnv },
      stdio: "pipe",
    });
    const json = fs.readFileSync(path.join(outdir, "stacks", "ens-key-pairs", "cdk.tf.json"), "utf8");
    return JSON.parse(json.split(app).join("<app>"));
  } finally {
    fs.rmSync(app, { recursive: true, force: true });
  }
}

test("the packed library synthesizes the example with cdktn 0.24 aliased as cdktf, as it does with cdktf 0.21", () => {
  const packed = packPackage();
  const withCdktn = synthExampleWith(packed, "cdktf-via-cdktn");
  const withCdktf = synthExampleWith(packed, "cdktf");
  expect(withCdktn["//"].metadata.version).toBe("0.24.0");
  expect(withCdktf["//"].metadata.version).toBe("0.21.0");

  const shape = (out: SynthOutput) =>
    Object.entries(out.resource.terraform_data).map(([id, r]) => [
      id,
      r.input,
      r.triggers_replace,
      r.provisioner,
    ]);
  // Two key pairs, each a main resource and a create step.
  expect(Object.keys(withCdktn.resource.terraform_data)).toHaveLength(4);
  expect(shape(withCdktn)).toEqual(shape(withCdktf));
});
