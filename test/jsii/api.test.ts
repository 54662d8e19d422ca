/**
 * The jsii surface (what Python, Java, .NET and Go users see) and the jsii-diff check against the committed baseline
 * assembly, api/cdktf-ens-key-pair.jsii. Reads the assembly `npm run build` wrote to .jsii.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const root = path.resolve(__dirname, "..", "..");

interface AssemblyType {
  readonly fqn: string;
  readonly kind: string;
  readonly locationInModule?: { readonly filename: string };
  readonly properties?: ReadonlyArray<{ readonly name: string }>;
  readonly members?: ReadonlyArray<{ readonly name: string }>;
}

interface Assembly {
  readonly name: string;
  readonly types: Record<string, AssemblyType>;
  readonly submodules?: Record<string, unknown>;
}

function readAssembly(file: string): Assembly {
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

function apiCheck(...args: string[]) {
  return spawnSync(process.execPath, [path.join(root, "scripts", "jsii-diff.mjs"), ...args], {
    cwd: root,
    encoding: "utf8",
  });
}

const assembly = readAssembly(path.join(root, ".jsii"));

test("the jsii surface is the construct side: the constructs, their props, TerraformData and the two enums", () => {
  expect(Object.keys(assembly.types).sort()).toEqual([
    "cdktf-ens-key-pair.EnsKeyPair",
    "cdktf-ens-key-pair.EnsKeyPairProps",
    "cdktf-ens-key-pair.KeyPairMode",
    "cdktf-ens-key-pair.RemovalPolicy",
    "cdktf-ens-key-pair.RetiredEnsKeyPair",
    "cdktf-ens-key-pair.RetiredEnsKeyPairProps",
    "cdktf-ens-key-pair.TerraformData",
    "cdktf-ens-key-pair.TerraformDataConfig",
  ]);
  // The emulator (cdktf-ens-key-pair/testing) is a Node.js tool: nothing of it is in the assembly.
  expect(assembly.submodules ?? {}).toEqual({});
  const files = Object.values(assembly.types).map((type) => type.locationInModule?.filename);
  expect(
    files.filter((file) => !file || !/^lib\/[^/]+\.ts$|^lib\/(custom-resource|shared)\//.test(file)),
  ).toEqual([]);
  expect(assembly.types["cdktf-ens-key-pair.RemovalPolicy"].members?.map((m) => m.name)).toEqual([
    "DESTROY",
    "RETAIN",
  ]);
  expect(assembly.types["cdktf-ens-key-pair.EnsKeyPairProps"].properties?.map((p) => p.name).sort()).toEqual([
    "adoptExisting",
    "deleteTimeoutSeconds",
    "endpoint",
    "keyPairId",
    "keyPairName",
    "privateKeyFile",
    "publicKey",
    "removalPolicy",
  ]);
});

test("jsii-diff finds no breaking change against the committed baseline assembly", () => {
  const check = apiCheck();
  expect(check.stderr).toBe("");
  expect(check.status).toBe(0);
  expect(check.stdout).toContain("no breaking change");
});

test("the check fails on a breaking change and names it", () => {
  // This build's assembly without EnsKeyPair.mode and RemovalPolicy.RETAIN, as if the code had dropped them.
  const broken = JSON.parse(JSON.stringify(assembly)) as { types: Record<string, Record<string, unknown[]>> };
  const keyPair = broken.types["cdktf-ens-key-pair.EnsKeyPair"];
  keyPair.properties = keyPair.properties.filter((p) => (p as { name: string }).name !== "mode");
  const policy = broken.types["cdktf-ens-key-pair.RemovalPolicy"];
  policy.members = policy.members.filter((m) => (m as { name: string }).name !== "RETAIN");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "jsii-broken-"));
  try {
    const file = path.join(dir, "broken.jsii");
    fs.writeFileSync(file, JSON.stringify(broken));
    const check = apiCheck("--current", file);
    expect(check.status).toBe(1);
    expect(check.stderr).toContain("PROP cdktf-ens-key-pair.EnsKeyPair.mode: has been removed");
    expect(check.stderr).toContain(
      "ENUM VALUE cdktf-ens-key-pair.RemovalPolicy.RETAIN: member RETAIN has been removed",
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
