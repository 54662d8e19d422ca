// Modules the handler bundles but loads only when first used. A bundled CommonJS module normally runs when the
// file importing it starts; here that import gets a stand-in whose exports are getters that load the real module
// on first access. Behaviour is unchanged; only the moment of loading moves. Two tricks in one plugin, measured
// apart by bench/startup-tricks.mjs: "deferred-sdk" (our imports of the SDK: a run with no API call never loads it)
// and "deferred-in-sdk" (modules the SDK's own files import: no time gain, but they stay out of the code cache).
import { createRequire } from "node:module";

/**
 * What is deferred: `module` as imported by `importers` ("own": our files, outside node_modules; otherwise the
 * path of the one importing file under node_modules), and why it is worth it.
 */
export const DEFERRED_MODULES = [
  ...["@alicloud/openapi-core", "@alicloud/credentials", "@darabonba/typescript"].map((module) => ({
    module,
    importers: "own",
    reason:
      "a run that makes no API call (removalPolicy retain, invalid input, usage errors) never loads the SDK",
  })),
  {
    module: "xml2js",
    importers: "@darabonba/typescript/dist/xml.js",
    reason: "it only parses XML error answers, which the JSON API rarely sends",
  },
  {
    module: "./external",
    importers: "@alicloud/credentials/dist/src/providers/cli_profile.js",
    reason: "the External credentials mode of a CLI profile loads child_process; other modes never need it",
  },
  {
    module: "zlib",
    importers: "httpx/lib/index.js",
    reason: "it only decompresses gzip/deflate answers",
  },
];

const NAMESPACE = "deferred-module";

function packageOf(specifier) {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

function deferralOf(specifier, importer) {
  const path = importer.replace(/\\/g, "/");
  const own = !path.includes("/node_modules/");
  return DEFERRED_MODULES.find(({ module, importers }) => {
    if (importers === "own") return own && packageOf(specifier) === module;
    return specifier === module && path.endsWith(`/node_modules/${importers}`);
  });
}

/**
 * The stand-in's source. Export names are read from the real module at build time (the bundled copy is that same
 * module, so they match); `__esModule` is copied as a value because importers test it when importing.
 */
function standInSource(specifier, importer) {
  const real = createRequire(importer)(specifier);
  const names = Object.getOwnPropertyNames(real).filter((name) => name !== "__esModule");
  return [
    "let loaded;",
    `const load = () => (loaded ??= require(${JSON.stringify(specifier)}));`,
    real.__esModule ? 'Object.defineProperty(exports, "__esModule", { value: true });' : "",
    `for (const name of ${JSON.stringify(names)}) {`,
    "  Object.defineProperty(exports, name, { enumerable: true, get: () => load()[name] });",
    "}",
  ].join("\n");
}

/**
 * An esbuild plugin that defers loading the DEFERRED_MODULES (see the file comment): with `sdk`, the SDK packages
 * our files import; with `inSdk`, the modules the SDK's own files import.
 */
export function deferredModulesPlugin({ sdk = true, inSdk = true } = {}) {
  return {
    name: "deferred-modules",
    setup(build) {
      build.onResolve({ filter: /.*/, namespace: "file" }, (args) => {
        const deferral = args.pluginData?.realModule ? undefined : deferralOf(args.path, args.importer);
        if (!deferral || !(deferral.importers === "own" ? sdk : inSdk)) return undefined;
        return {
          // One stand-in per deferral (a relative specifier means different modules to different importers).
          path: deferral.importers === "own" ? args.path : `${args.path} from ${deferral.importers}`,
          namespace: NAMESPACE,
          pluginData: { specifier: args.path, resolveDir: args.resolveDir, importer: args.importer },
        };
      });
      // The stand-in's own require resolves as the original import did: to the real module, bundled as usual.
      build.onResolve({ filter: /.*/, namespace: NAMESPACE }, async (args) => {
        const resolved = await build.resolve(args.pluginData.specifier, {
          kind: args.kind,
          resolveDir: args.pluginData.resolveDir,
          importer: args.pluginData.importer,
          pluginData: { realModule: true },
        });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        return { path: resolved.path, external: resolved.external };
      });
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => ({
        contents: standInSource(args.pluginData.specifier, args.pluginData.importer),
        loader: "js",
        pluginData: args.pluginData,
      }));
    },
  };
}
