/**
 * What users install: the `npm pack` tarball. It must carry exactly the compiled JS and typings of the library, the
 * jsii assembly, the bundled handler and CLI, the README, LICENSE and CHANGELOG (nothing of the sources or tests, nor
 * the run-time code outside its bundles), and the README's usage example must run from it as written: synthesize,
 * then really deploy and destroy with terraform against the emulator using the handler shipped inside the tarball.
 */
import { execFile, execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { transformSync } from "esbuild";
import { EnsEmulator } from "../lib/testing";
import { appWithPackage, packPackage, PackedPackage } from "./support/packed-package";
import { baseTerraformEnv, terraformAvailable } from "./support/terraform";

const root = path.resolve(__dirname, "..");

function readmeUsageExample(): string {
  const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Use it in your stack"));
  const match = /```ts\n([\s\S]*?)```/.exec(section);
  if (!match) throw new Error("README has no ts example under 'Use it in your stack'");
  return match[1];
}

let packed: PackedPackage;
beforeAll(() => (packed = packPackage()));

/** What ships besides the compiled library: docs, licence, manifest, jsii assembly, the bundled handler and CLI. */
const FIXED_FILES = [
  "README.md",
  "LICENSE",
  "CHANGELOG.md",
  "package.json",
  ".jsii",
  "dist/handler/handler.js",
  "dist/handler/handler.js.map",
  "dist/handler/package.json",
  "dist/handler.hash",
  "dist/cli/ens-key-pair.js",
];

/**
 * The lib/ sources the package's entry points (`main`, `exports`, `bin` under dist/lib) reach through relative
 * imports: exactly these ship as dist/lib JS and typings. The handler, the ENS client and the CLI are not among them:
 * they ship only inside the bundles. Read from the sources, so moving a file in lib/ needs no edit here.
 */
function libFilesEntryPointsReach(): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  const targets = (value: unknown): string[] =>
    typeof value === "string"
      ? [value]
      : value && typeof value === "object"
        ? Object.values(value).flatMap(targets)
        : [];
  const entries = [pkg.main, ...targets(pkg.exports), ...targets(pkg.bin)]
    .map((target: string) => path.posix.normalize(target))
    .filter((target: string) => target.startsWith("dist/lib/") && target.endsWith(".js"))
    .map((target: string) => target.replace(/^dist\//, "").replace(/\.js$/, ".ts"));
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = fs.readFileSync(path.join(root, file), "utf8");
    for (const [, specifier] of source.matchAll(
      /(?:\bfrom|\bimport|\brequire)\s*\(?\s*"(\.{1,2}\/[^"]*)"/g,
    )) {
      const base = path.posix.join(path.posix.dirname(file), specifier);
      const resolved = [`${base}.ts`, `${base}/index.ts`].find((candidate) =>
        fs.existsSync(path.join(root, candidate)),
      );
      if (resolved?.startsWith("lib/")) visit(resolved);
    }
  };
  entries.forEach(visit);
  return [...seen];
}

test("the tarball holds exactly the compiled library its entry points reach, the bundles, docs and licence", () => {
  const library = libFilesEntryPointsReach().flatMap((file) => {
    const compiled = `dist/${file.replace(/\.ts$/, "")}`;
    return [`${compiled}.js`, `${compiled}.d.ts`];
  });
  expect(library).toEqual(
    expect.arrayContaining(["dist/lib/index.js", "dist/lib/testing/index.d.ts", "dist/lib/testing/cli.js"]),
  );
  expect([...packed.files].sort()).toEqual([...FIXED_FILES, ...library].sort());
});

test("the tarball's .jsii is the assembly of the JS it ships: each of its classes carries jsii's type info", () => {
  const app = appWithPackage(packed);
  try {
    const library = path.join(app, "node_modules", "cdktf-ens-key-pair");
    const pkg = JSON.parse(fs.readFileSync(path.join(library, "package.json"), "utf8"));
    const assembly = JSON.parse(fs.readFileSync(path.join(library, ".jsii"), "utf8"));
    expect(assembly).toMatchObject({ schema: "jsii/0.10.0", name: pkg.name, version: pkg.version });
    // The jsii runtime of another language learns the type of an object the library returns (EnsKeyPair.resource,
    // say) from this symbol on its class: the shipped JS must be jsii's output, not plain tsc's.
    const classes = Object.values(
      assembly.types as Record<string, { kind: string; name: string; fqn: string }>,
    )
      .filter((type) => type.kind === "class")
      .map((type) => [type.name, type.fqn]);
    expect(classes.length).toBeGreaterThan(0);
    const script =
      'const lib = require("cdktf-ens-key-pair"); const rtti = Symbol.for("jsii.rtti");' +
      `console.log(JSON.stringify(${JSON.stringify(classes)}.map(([name]) => lib[name][rtti])));`;
    const found = JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: app, encoding: "utf8" }));
    expect(found).toEqual(classes.map(([, fqn]) => ({ fqn, version: pkg.version })));
  } finally {
    fs.rmSync(app, { recursive: true, force: true });
  }
});

const testWithTerraform = terraformAvailable() ? test : test.skip;

testWithTerraform(
  "the README usage example runs from the installed tarball: synth, deploy, destroy",
  async () => {
    const app = appWithPackage(packed);
    const emulator = await EnsEmulator.start({ rsaBits: 1024 });
    try {
      const code = transformSync(readmeUsageExample(), {
        loader: "ts",
        format: "cjs",
        platform: "node",
      }).code;
      fs.writeFileSync(path.join(app, "main.js"), code);
      // A cdktf project: its relative privateKeyFile ("keys/web.pem") is relative to the folder of cdktf.json.
      fs.writeFileSync(
        path.join(app, "cdktf.json"),
        JSON.stringify({ language: "typescript", app: "node main.js" }),
      );
      execFileSync(process.execPath, ["main.js"], {
        cwd: app,
        env: { PATH: process.env.PATH, CDKTF_OUTDIR: "cdktf.out" },
      });

      const stackDir = path.join(app, "cdktf.out", "stacks", "edge");
      const stack = JSON.parse(fs.readFileSync(path.join(stackDir, "cdk.tf.json"), "utf8"));
      // Two key pairs, each a main resource and a create step.
      expect(Object.keys(stack.resource.terraform_data)).toHaveLength(4);

      const env = { ...baseTerraformEnv(), HOME: app, ...emulator.env() };
      const terraform = (...args: string[]) =>
        promisify(execFile)("terraform", [...args, "-no-color"], { cwd: stackDir, env });
      await terraform("init", "-input=false");
      await terraform("apply", "-auto-approve", "-input=false");
      expect(
        emulator
          .keyPairs()
          .map((k) => k.keyPairName)
          .sort(),
      ).toEqual(["ops", "web:prod"]);
      expect(fs.statSync(path.join(app, "keys", "web.pem")).mode & 0o777).toBe(0o600);

      await terraform("destroy", "-auto-approve", "-input=false");
      expect(emulator.keyPairs()).toEqual([]);
    } finally {
      await emulator.stop();
      fs.rmSync(app, { recursive: true, force: true });
    }
  },
);
