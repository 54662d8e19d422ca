// Packages the SDK pulls in for code paths the handler never takes. Each is replaced in the bundle by a stub that
// throws a clear error if it is ever called, which keeps ~700 KB of source out of every handler start.
//
// Why each is unreachable: the handler calls RPC actions with JSON answers over http(s) only (EnsClient sets
// bodyType "json" and the endpoint protocol is http or https, see lib/shared/endpoint-value.ts). The build checks that every
// stubbed package is still imported only by the file listed here, so an SDK upgrade that starts using one
// elsewhere fails the build instead of failing a destroy.

/** Stubbed package → the exports its importer touches, the only file allowed to import it, and why that is dead code. */
export const UNREACHABLE_MODULES = {
  ws: {
    exports: [],
    importer: "@darabonba/typescript/dist/websocket.js",
    reason: "WebSocket API calls (protocol ws/wss), which the handler never makes",
  },
  "https-proxy-agent": {
    exports: [],
    importer: "@darabonba/typescript/dist/websocket.js",
    reason: "proxies for WebSocket connections, which the handler never opens",
  },
  "http-proxy-agent": {
    exports: [],
    importer: "@darabonba/typescript/dist/websocket.js",
    reason: "proxies for WebSocket connections, which the handler never opens",
  },
  "socks-proxy-agent": {
    exports: ["SocksProxyAgent"],
    importer: "@darabonba/typescript/dist/websocket.js",
    reason: "SOCKS proxies for WebSocket connections, which the handler never opens",
  },
  moment: {
    exports: [],
    importer: "@darabonba/typescript/dist/date.js",
    reason: "the Darabonba Date and File helpers, which neither openapi-core nor the credentials chain call",
  },
  lodash: {
    exports: ["merge"],
    importer: "@darabonba/typescript/dist/func.js",
    reason: "the Darabonba merge() helper, which neither openapi-core nor the credentials chain call",
  },
};

const NAMESPACE = "unreachable-module";

/** The stub's source: the module itself and each listed export throw, naming what was reached. */
function stubSource(name, { exports, reason }) {
  const throwing = (what) =>
    `function () { throw new Error(${JSON.stringify(
      `${what} was reached in the bundled ENS key pair handler, but it is not bundled: it serves ${reason}. ` +
        "This is a bug in cdktf-ens-key-pair; please report it with the command that led here.",
    )}); }`;
  return [
    `module.exports = ${throwing(`the package "${name}"`)};`,
    ...exports.map((key) => `module.exports[${JSON.stringify(key)}] = ${throwing(`"${name}".${key}`)};`),
  ].join("\n");
}

/** The package a bare import names (`@scope/name/sub` → `@scope/name`). */
function packageOf(specifier) {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/**
 * An esbuild plugin that replaces the UNREACHABLE_MODULES with throwing stubs, and fails the build when one is
 * imported from any file other than its listed importer.
 */
export function unreachableModulesPlugin() {
  return {
    name: "unreachable-modules",
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        const name = packageOf(args.path);
        const entry = UNREACHABLE_MODULES[name];
        if (!entry) return undefined;
        const importer = args.importer.replace(/\\/g, "/");
        if (args.path !== name || !importer.endsWith(`/node_modules/${entry.importer}`)) {
          return {
            errors: [
              {
                text:
                  `"${args.path}" is imported by ${args.importer}, but the handler bundle stubs it out as unreachable ` +
                  `(only ${entry.importer} may import it). Check that the new import is really dead code and list ` +
                  "it in scripts/handler-bundle/unreachable-modules.mjs, or remove the package from that list.",
              },
            ],
          };
        }
        return { path: name, namespace: NAMESPACE };
      });
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => ({
        contents: stubSource(args.path, UNREACHABLE_MODULES[args.path]),
        loader: "js",
      }));
    },
  };
}
