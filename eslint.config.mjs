import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import js from "@eslint/js";
import tseslint from "typescript-eslint";

/*
 * Layering of lib/ (README, "Project layout"). Two tables drive `no-restricted-imports`:
 *
 * - LAYERS says where each layer lives and how imports reach it:
 *   - `files`, `ignores`: globs of its source files, relative to the repository root, as in any config block;
 *   - `lib`: its folders and top-level files, as paths relative to lib/ without ".ts" ("handler", "errors");
 *   - `libRoot`: lib/ itself (its index.ts) belongs to this layer;
 *   - `names`: exact bare specifiers (package names); `patterns`: gitignore-style globs of bare specifiers.
 * - BANS says which layer must not import which.
 *
 * Each layer gets one config block per folder depth of its `files` globs. A block bans the union of every BANS row
 * that names its layer: `lib` entries become relative patterns as the block's files write them ("./handler" from
 * lib/x.ts, "../handler" from lib/cli/x.ts, "../../handler" from lib/cli/sub/x.ts; a pattern also matches the files
 * under a folder). ESLint keeps only the last options of a rule when several blocks match a file, so the layers'
 * `files` must not overlap. test/lint/layering.test.ts lints fixtures that break each ban, and checks that every file
 * in lib/ is in exactly one layer.
 *
 * When files move in lib/, adjust `files` and `lib` here; BANS stays as it is.
 */

/** The construct files at the top of lib/ (all of lib/*.ts): read from disk, so a new one counts. */
const topLevelConstructFiles = fs
  .readdirSync(path.join(path.dirname(fileURLToPath(import.meta.url)), "lib"))
  .filter((file) => file.endsWith(".ts"))
  .map((file) => file.replace(/\.ts$/, ""));

export const LAYERS = {
  construct: {
    description: "construct code (synth time)",
    files: ["lib/*.ts", "lib/custom-resource/**/*.ts"],
    lib: ["custom-resource", ...topLevelConstructFiles],
    libRoot: true,
    // the package's own name: a self-reference resolves to lib/index.ts
    names: ["cdktf-ens-key-pair"],
  },
  shared: {
    description: "lib/shared (the pure rules both sides use)",
    files: ["lib/shared/**/*.ts"],
    lib: ["shared"],
  },
  handler: {
    description: "lib/handler (the handler process)",
    files: ["lib/handler/**/*.ts"],
    lib: ["handler"],
  },
  cli: { description: "lib/cli (the ens-key-pair command)", files: ["lib/cli/**/*.ts"], lib: ["cli"] },
  process: {
    description: "lib/process (the error boundary the handler and the CLI share)",
    files: ["lib/process/**/*.ts"],
    lib: ["process"],
  },
  "key-pairs": {
    description: "lib/key-pairs (the key-pair operations the handler and the CLI share)",
    files: ["lib/key-pairs/**/*.ts"],
    lib: ["key-pairs"],
  },
  ens: { description: "lib/ens (the ENS client)", files: ["lib/ens/**/*.ts"], lib: ["ens"] },
  testing: {
    description: "lib/testing (the ENS emulator)",
    files: ["lib/testing/**/*.ts"],
    lib: ["testing"],
    names: ["cdktf-ens-key-pair/testing"],
  },
  cdktf: { description: "cdktf", names: ["cdktf"], patterns: ["cdktf/**"] },
  constructs: { description: "constructs", names: ["constructs"], patterns: ["constructs/**"] },
};

const RUNTIME = ["handler", "cli", "process", "key-pairs", "ens", "testing", "shared"];

export const BANS = [
  {
    from: ["construct"],
    banned: ["handler", "cli", "process", "key-pairs", "ens", "testing"],
    why: "construct code runs at synth time and never imports run-time code; reference the bundled handler's asset path instead",
  },
  {
    from: RUNTIME,
    banned: ["cdktf", "constructs", "construct"],
    why: "run-time code (handler, CLI, ENS client, emulator, shared pure files) never imports cdktf, constructs or the construct code built on them",
  },
  {
    from: ["handler"],
    banned: ["cli"],
    why: "the handler shares with the CLI only what lib/key-pairs and lib/process hold",
  },
  {
    from: ["cli"],
    banned: ["handler"],
    why: "the CLI shares with the handler only what lib/key-pairs and lib/process hold",
  },
  {
    from: ["handler", "cli", "process", "key-pairs", "ens"],
    banned: ["testing"],
    why: "the shipped run-time code never loads the emulator that tests it",
  },
  {
    from: ["process"],
    banned: ["handler", "cli", "key-pairs"],
    why: "the process boundary serves the handler and the CLI alike and knows no key-pair operation",
  },
  {
    from: ["key-pairs"],
    banned: ["handler", "cli", "process"],
    why: "the key-pair operations sit below the processes that use them",
  },
  {
    from: ["ens"],
    banned: ["handler", "cli", "process", "key-pairs"],
    why: "the ENS client sits below the key-pair operations, the handler and the CLI",
  },
  {
    from: ["testing"],
    banned: ["handler", "cli", "process", "key-pairs", "ens"],
    why: "the emulator must not share code with the client, the handler or the CLI it is used to test",
  },
  {
    from: ["shared"],
    banned: ["construct", "handler", "cli", "process", "key-pairs", "ens", "testing"],
    why: "the shared pure files import nothing from the other layers",
  },
];

/** How deep below lib/ the files of a glob sit: "lib/*.ts" 0, "lib/cli/**\/*.ts" 1 and more (up to 3). */
function depthsOf(glob) {
  const folders = glob
    .replace(/^lib\//, "")
    .split("/")
    .slice(0, -1);
  const fixed = folders.filter((part) => part !== "**").length;
  return folders.includes("**") ? [fixed, fixed + 1, fixed + 2].filter((d) => d <= 3) : [fixed];
}

/** The `no-restricted-imports` options of a layer's files at these depths: the union of every BANS row for it. */
export function restrictedImportsOf(layer, depths) {
  const reasons = new Map();
  for (const row of BANS.filter((r) => r.from.includes(layer))) {
    for (const target of row.banned) reasons.set(target, [...(reasons.get(target) ?? []), row.why]);
  }
  const up = depths.map((depth) => (depth === 0 ? "./" : "../".repeat(depth)));
  const paths = [];
  const patterns = [];
  for (const [target, whys] of reasons) {
    const { description, lib = [], libRoot, names = [], patterns: bare = [] } = LAYERS[target];
    const message = `${LAYERS[layer].description} must not import ${description}: ${whys.join("; ")}.`;
    const roots = libRoot ? up.flatMap((prefix) => [prefix, prefix.replace(/\/$/, "")]) : [];
    for (const name of [...names, ...roots]) paths.push({ name, message });
    const group = [...up.flatMap((prefix) => lib.map((entry) => prefix + entry)), ...bare];
    if (group.length) patterns.push({ group, message });
  }
  return { paths, patterns };
}

const layering = Object.entries(LAYERS)
  .filter(([, layer]) => layer.files)
  .flatMap(([name, layer]) => {
    const byDepth = new Map();
    for (const glob of layer.files) {
      const depths = depthsOf(glob).join(",");
      byDepth.set(depths, [...(byDepth.get(depths) ?? []), glob]);
    }
    return [...byDepth].map(([depths, files]) => ({
      name: `layering/${name}/${depths}`,
      files,
      ...(layer.ignores ? { ignores: layer.ignores } : {}),
      rules: { "no-restricted-imports": ["error", restrictedImportsOf(name, depths.split(",").map(Number))] },
    }));
  });

/**
 * Examples are what users copy: they import the package's public entry points (lib/ itself, lib/testing) and never a
 * file inside lib/, which a user of the published package cannot reach.
 */
const examplesUsePublicApi = {
  name: "examples/public-api",
  files: ["examples/**/*.ts"],
  rules: {
    "no-restricted-imports": [
      "error",
      {
        patterns: [
          {
            regex: "^(\\.\\./)+lib/(?!testing$).+",
            message:
              "Examples import only the public API: the package's entry point (lib) or its emulator (lib/testing).",
          },
        ],
      },
    ],
  },
};

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "cdktf.out/", ".gen/", "coverage/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.mjs", "**/*.js"],
    languageOptions: {
      globals: {
        process: "readonly",
        console: "readonly",
        require: "readonly",
        module: "writable",
        __dirname: "readonly",
      },
    },
  },
  ...layering,
  examplesUsePublicApi,
);
