/**
 * The README says "a lint rule enforces" the layering of lib/. This test keeps that true: it lints small fixture files
 * that break each ban, at virtual paths inside lib/ so the real eslint.config.mjs globs apply, and checks that each
 * layer's `no-restricted-imports` holds the union of the bans that apply to it (ESLint keeps only one block's
 * options per rule, so a second block would silently replace the first).
 *
 * The bans are stated here, independently of the config: weakening the config fails this test. Where the layers live
 * (globs) and which specifiers reach them come from the config's LAYERS table, so moving files in lib/ means editing
 * eslint.config.mjs only.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const root = path.resolve(__dirname, "..", "..");

/** The layering (README, "Project layout"): which layer must not import which. */
const EXPECTED_BANS: Record<string, readonly string[]> = {
  construct: ["handler", "cli", "process", "key-pairs", "ens", "testing"],
  handler: ["cdktf", "constructs", "construct", "cli", "testing"],
  cli: ["cdktf", "constructs", "construct", "handler", "testing"],
  process: ["cdktf", "constructs", "construct", "handler", "cli", "key-pairs", "testing"],
  "key-pairs": ["cdktf", "constructs", "construct", "handler", "cli", "process", "testing"],
  ens: ["cdktf", "constructs", "construct", "handler", "cli", "process", "key-pairs", "testing"],
  testing: ["cdktf", "constructs", "construct", "handler", "cli", "process", "key-pairs", "ens"],
  shared: ["cdktf", "constructs", "construct", "handler", "cli", "process", "key-pairs", "ens", "testing"],
};

/** Imports each layer makes today and must keep making (besides its own files and node builtins). */
const EXPECTED_ALLOWED: Record<string, readonly string[]> = {
  construct: ["shared", "cdktf", "constructs"],
  handler: ["shared", "ens", "key-pairs", "process"],
  cli: ["shared", "ens", "key-pairs", "process"],
  process: ["shared", "ens"],
  "key-pairs": ["shared", "ens"],
  ens: ["shared"],
  testing: ["shared"],
  shared: ["shared"],
};

/** Layers that are packages, not folders of lib/. */
const PACKAGE_LAYERS = ["cdktf", "constructs"];

interface Layer {
  readonly description: string;
  readonly files?: readonly string[];
  readonly ignores?: readonly string[];
  readonly names?: readonly string[];
}

interface LintMessage {
  readonly ruleId: string | null;
  readonly message: string;
  readonly line: number;
}

interface RestrictedImports {
  readonly paths: ReadonlyArray<{ name: string; message: string }>;
  readonly patterns: ReadonlyArray<{ group: string[]; message: string }>;
}

interface BridgeAnswer {
  readonly layers: Record<string, Layer>;
  readonly lint: LintMessage[][];
  readonly configs: Array<[number | string, RestrictedImports] | null>;
}

function bridge(request: {
  lint?: Array<{ filePath: string; code: string }>;
  configFor?: string[];
}): BridgeAnswer {
  const output = execFileSync(process.execPath, [path.join(__dirname, "eslint-bridge.mjs")], {
    cwd: root,
    input: JSON.stringify(request),
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(output) as BridgeAnswer;
}

/** The glob subset the config uses (`*`, `**`), as minimatch reads it for ESLint's `files`. */
function globToRegExp(glob: string): RegExp {
  let source = "";
  for (let i = 0; i < glob.length; i++) {
    if (glob.startsWith("**/", i)) {
      source += "(?:[^/]+/)*";
      i += 2;
    } else if (glob[i] === "*") source += "[^/]*";
    else source += glob[i].replace(/[.+?^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}

function inLayer(layer: Layer, file: string): boolean {
  const matches = (globs: readonly string[] | undefined) =>
    (globs ?? []).some((glob) => globToRegExp(glob).test(file));
  return matches(layer.files) && !matches(layer.ignores);
}

function libFiles(folder = "lib"): string[] {
  return fs
    .readdirSync(path.join(root, folder), { withFileTypes: true })
    .flatMap((entry) => {
      const relative = `${folder}/${entry.name}`;
      if (entry.isDirectory()) return libFiles(relative);
      return entry.name.endsWith(".ts") ? [relative] : [];
    })
    .sort();
}

/**
 * Where a layer's fixtures sit: a virtual file in the folder of each of its globs, and the first of the files it lists
 * by name (they share a folder, so one stands for all: the config's blocks are per folder depth).
 */
function fixturePaths(layer: Layer): string[] {
  const globs = layer.files ?? [];
  const listed = globs.filter((glob) => !glob.includes("*"));
  return [
    ...globs
      .filter((glob) => glob.includes("*"))
      .map((glob) => glob.replace(/(\*\*\/)?\*\.ts$/, "lint-fixture.ts")),
    ...listed.slice(0, 1),
  ];
}

function specifier(fromFile: string, toFile: string): string {
  const relative = path.posix.relative(path.posix.dirname(fromFile), toFile).replace(/\.ts$/, "");
  return relative.startsWith(".") ? relative : `./${relative}`;
}

const first = bridge({});
const layers = first.layers;
const files = libFiles();
const layerOf = new Map(
  files.map((file) => [file, Object.keys(layers).filter((name) => inLayer(layers[name], file))]),
);
/** Where each layer's fixtures sit: one per glob of its `files`. */
const fixtures = Object.keys(EXPECTED_BANS).flatMap((layer) =>
  fixturePaths(layers[layer]).map((fixture) => ({ layer, fixture })),
);

/** Specifiers that reach a layer from `fromFile`: each real file of it, and its bare names. */
function specifiersOf(target: string, fromFile: string): string[] {
  if (PACKAGE_LAYERS.includes(target)) return [...(layers[target].names ?? []), `${target}/lib/index`];
  const real = files.filter((file) => file !== fromFile && layerOf.get(file)?.includes(target));
  const bare = (layers[target].names ?? []).filter((name) => !name.startsWith("."));
  return [...real.map((file) => specifier(fromFile, file)), ...bare];
}

interface Case {
  readonly layer: string;
  readonly fixture: string;
  readonly target: string;
  readonly specifier: string;
  readonly banned: boolean;
}

const cases: Case[] = fixtures.flatMap(({ layer, fixture }) => [
  ...EXPECTED_BANS[layer].flatMap((target) =>
    specifiersOf(target, fixture).map((spec) => ({ layer, fixture, target, specifier: spec, banned: true })),
  ),
  ...[...EXPECTED_ALLOWED[layer], layer].flatMap((target) =>
    specifiersOf(target, fixture).map((spec) => ({ layer, fixture, target, specifier: spec, banned: false })),
  ),
  { layer, fixture, target: "node builtins", specifier: "node:fs", banned: false },
]);

const configFor = [...fixtures.map((f) => f.fixture), ...files];
const answer = bridge({
  lint: cases.map((c) => ({ filePath: c.fixture, code: `import "${c.specifier}";\n` })),
  configFor,
});
const lintOf = new Map(cases.map((c, i) => [c, answer.lint[i]]));
const configOf = new Map(configFor.map((file, i) => [file, answer.configs[i]] as const));

/** The layers a file's `no-restricted-imports` bans, read from its messages ("X must not import <description>: "). */
function bannedBy(file: string): string[] {
  const config = configOf.get(file);
  if (!config) return [];
  const [severity, options] = config;
  if (severity !== 2 && severity !== "error") return [];
  const descriptions = [...options.paths, ...options.patterns].map(
    (entry) => /must not import (.*?): /.exec(entry.message)?.[1],
  );
  const names = Object.keys(layers).filter((name) => descriptions.includes(layers[name].description));
  expect(descriptions.filter((d) => !Object.values(layers).some((l) => l.description === d))).toEqual([]);
  return names.sort();
}

test("the config's layers are the README's", () => {
  expect(Object.keys(layers).sort()).toEqual([...Object.keys(EXPECTED_BANS), ...PACKAGE_LAYERS].sort());
});

test("every file in lib/ is in exactly one layer, and its rule bans the union of that layer's bans", () => {
  const stray = files.filter((file) => layerOf.get(file)?.length !== 1);
  expect(stray.map((file) => `${file}: ${layerOf.get(file)?.join(", ") || "no layer"}`)).toEqual([]);
  for (const file of files) {
    expect([file, bannedBy(file)]).toEqual([file, [...EXPECTED_BANS[layerOf.get(file)![0]]].sort()]);
  }
});

describe.each(fixtures.map(({ layer, fixture }) => [layer, fixture] as const))(
  "layer %s, at %s",
  (layer, fixture) => {
    test("the fixture path is in that layer", () => {
      expect(Object.keys(layers).filter((name) => inLayer(layers[name], fixture))).toEqual([layer]);
    });

    test("its no-restricted-imports holds the union of the bans that apply to it, and nothing else", () => {
      expect(bannedBy(fixture)).toEqual([...EXPECTED_BANS[layer]].sort());
    });

    const own = cases.filter((c) => c.fixture === fixture && c.layer === layer);
    test.each([...EXPECTED_BANS[layer]])("importing %s is reported, from every file of it", (target) => {
      const banned = own.filter((c) => c.banned && c.target === target);
      expect(banned.length).toBeGreaterThan(0);
      const expected = expect.stringContaining(`must not import ${layers[target].description}: `);
      for (const c of banned) {
        const messages = lintOf.get(c)!;
        const reported = messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
        expect([c.specifier, reported]).toEqual([c.specifier, [expected]]);
        expect([c.specifier, messages.filter((m) => m.ruleId !== "no-restricted-imports")]).toEqual([
          c.specifier,
          [],
        ]);
      }
    });

    test("the imports it is allowed are not reported", () => {
      const allowed = own.filter((c) => !c.banned);
      expect(allowed.length).toBeGreaterThan(1);
      expect(allowed.map((c) => [c.target, c.specifier, lintOf.get(c)])).toEqual(
        allowed.map((c) => [c.target, c.specifier, []]),
      );
    });
  },
);

describe("examples import only the public API", () => {
  const example = "examples/platform/lint-fixture.ts";
  const specifiers = {
    banned: [
      "../../lib/shared/key-pair-name",
      "../../lib/custom-resource/hcl-map",
      "../../lib/testing/ens-emulator",
    ],
    allowed: ["../../lib", "../../lib/testing", "../../.gen/providers/alicloud/provider", "cdktf"],
  };
  const all = [...specifiers.banned, ...specifiers.allowed];
  const answers = bridge({
    lint: all.map((spec) => ({ filePath: example, code: `import "${spec}";\n` })),
  }).lint;
  const reported = (spec: string) =>
    answers[all.indexOf(spec)].filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);

  test.each(specifiers.banned)("a file inside lib/ (%s) is reported", (spec) => {
    expect(reported(spec)).toEqual([expect.stringContaining("Examples import only the public API")]);
  });

  test.each(specifiers.allowed)("%s is not reported", (spec) => {
    expect(reported(spec)).toEqual([]);
  });
});
