// Regenerates the alicloud provider bindings (.gen/providers/alicloud) from the committed schema
// providers/alicloud.schema.json, offline: no terraform binary, no registry.
//
//   node scripts/gen-providers.mjs [outDir]     (outDir defaults to .gen; bindings land in <outDir>/providers/alicloud)
//
// The output depends only on the schema and the pinned @cdktf/provider-generator, so the test can
// regenerate into a temp dir and compare it byte for byte with the committed bindings.
import { createRequire } from "node:module";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

// The generator pings checkpoint-api.hashicorp.com unless told not to; this must be set before it loads.
process.env.CHECKPOINT_DISABLE = "1";

const require = createRequire(import.meta.url);
const { generateProviderBindingsFromSchema } = require("@cdktf/provider-generator");

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const schemaPath = path.join(repoRoot, "providers", "alicloud.schema.json");
const outDir = path.resolve(process.argv[2] ?? path.join(repoRoot, ".gen"));
const bindingsDir = path.join(outDir, "providers", "alicloud");

const schema = JSON.parse(readFileSync(schemaPath, "utf8"));

// Start from an empty folder so files of resources dropped from the schema do not linger.
rmSync(bindingsDir, { recursive: true, force: true });
await generateProviderBindingsFromSchema(outDir, schema);
console.log(`Generated alicloud bindings in ${path.relative(process.cwd(), bindingsDir) || "."}`);
