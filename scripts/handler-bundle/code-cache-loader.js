"use strict";
// The ENS key pair handler of cdktf-ens-key-pair (run as `node handler.js create|delete`).
//
// The bundled code is at the end of this file, as "//" comment lines inside `function bundle`, after a V8 code
// cache made when the package was built (`function codeCache`, base64). Compiling the code through vm.Script with
// that cache skips most parsing and compiling at every start. V8 rejects a cache made by another Node.js or V8
// version (or under other flags); the code is then compiled as usual, only slower.
// Source: scripts/handler-bundle/ in the cdktf-ens-key-pair repository.
/* global bundle, codeCache, exports, __filename, Buffer -- a CommonJS script; the two functions close the file */
/* eslint-disable @typescript-eslint/no-require-imports */

// First, in code every Node.js can parse: refuse one older than the handler supports, with one clear line, before
// the bundle (which an old Node.js cannot parse) is touched. The build writes the minimum from package.json.
var minimum = "%MINIMUM_NODE_VERSION%".split(".").map(Number);
var running = process.versions.node.split(".").map(Number);
if (running[0] < minimum[0] || (running[0] === minimum[0] && running[1] < minimum[1])) {
  process.stderr.write(
    "ens-key-pair: error: the EnsKeyPair handler needs Node.js >= " +
      minimum.join(".") +
      ", and the node on the " +
      "PATH of the machine that runs terraform is " +
      process.version +
      " (" +
      process.execPath +
      "). Install a " +
      "newer Node.js there (a runner image or agent with it; on HCP Terraform a custom agent or local execution " +
      "mode). Terraform keeps the key pair in state: run again with a newer node.\n",
  );
  process.exit(2);
}

const { Script } = require("node:vm");

/**
 * The comment lines that make up the body of `fn`, without their "//". A function's source text is kept by V8,
 * so this reads the embedded text without reading the file again.
 */
function commentLinesOf(fn) {
  const text = fn.toString();
  return text
    .slice(text.indexOf("\n") + 3, -2)
    .split("\n//")
    .join("\n");
}

const script = new Script(commentLinesOf(bundle), {
  filename: __filename,
  cachedData: Buffer.from(commentLinesOf(codeCache), "base64"),
});
script.runInThisContext()(exports, require, module, __filename, __dirname);
