// The esbuild options of the self-contained bundles (handler and CLI): one CommonJS file for Node.js 20 with every
// dependency inside. Shared by the build (which adds the handler's start-up plugins) and the cold-start benchmark
// (which builds the plain handler bundle without them, as its reference).

/** esbuild options for bundling `entryPoint` into one self-contained file. */
export function selfContainedBundleOptions(entryPoint) {
  return {
    entryPoints: [entryPoint],
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    minify: true,
    logLevel: "warning",
  };
}
