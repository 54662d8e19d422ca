import js from "@eslint/js";
import tseslint from "typescript-eslint";

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
  {
    files: ["lib/**/*.ts"],
    ignores: ["lib/handler/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/handler/**", "./handler/*", "../handler/*"],
              message:
                "Synth-time code must not import runtime handler code; reference the bundled asset path instead.",
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      "lib/handler/**/*.ts",
      "lib/ens/**/*.ts",
      "lib/cli/**/*.ts",
      "lib/testing/**/*.ts",
      "lib/key-pair-name.ts",
      "lib/key-pair-id.ts",
      "lib/public-key.ts",
      "lib/endpoint.ts",
      "lib/handler-contract.ts",
    ],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "cdktf", message: "Runtime code never imports cdktf." },
            { name: "constructs", message: "Runtime code never imports constructs." },
          ],
        },
      ],
    },
  },
);
