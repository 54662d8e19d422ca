/**
 * Runs ESLint's Node API with the repository's eslint.config.mjs for test/lint/layering.test.ts. Jest cannot load an
 * ES module config in its VM without --experimental-vm-modules, so the test runs this in a plain node process.
 *
 * stdin: {"lint": [{"filePath", "code"}], "configFor": [filePath]}; paths relative to the repository root.
 * stdout: {"layers": LAYERS of eslint.config.mjs, "lint": [[{ruleId, message, line}]], "configs": [options of
 * no-restricted-imports, or null]}
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const configFile = path.join(root, "eslint.config.mjs");
const { LAYERS } = await import(configFile);
const request = JSON.parse(fs.readFileSync(0, "utf8") || "{}");
const eslint = new ESLint({ cwd: root, overrideConfigFile: configFile });

const lint = [];
for (const { filePath, code } of request.lint ?? []) {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  lint.push(result.messages.map(({ ruleId, message, line }) => ({ ruleId, message, line })));
}
const configs = [];
for (const filePath of request.configFor ?? []) {
  const config = await eslint.calculateConfigForFile(path.join(root, filePath));
  configs.push(config?.rules?.["no-restricted-imports"] ?? null);
}
process.stdout.write(JSON.stringify({ layers: LAYERS, lint, configs }));
