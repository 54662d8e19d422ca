// The esbuild options of the self-contained bundles (handler and CLI): one CommonJS file for Node.js 20 with every
// dependency inside. Shared by the handler (which adds its start-up plugins, see scripts/bundle-handler.mjs) and the
// CLI bundle.

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
