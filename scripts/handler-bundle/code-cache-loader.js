"use strict";
// The ENS key pair handler of cdktf-ens-key-pair (run as `node handler.js create|delete`).
//
// The bundled code is at the end of this file, as "//" comment lines inside `function bundle`, after a V8 code
// cache made when the package was built (`function codeCache`, base64). Compiling the code through vm.Script with
// that cache skips most parsing and compiling at every start. V8 rejects a cache made by another Node.js or V8
// version (or under other flags); the code is then compiled as usual, only slower.
// Stack traces name the TypeScript sources (lib/...ts): frames in the bundle are mapped through handler.js.map, next
// to this file, read only when a stack trace is first formatted.
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

// The name the bundle is compiled under, the one the build's warm-up used (code-cache-warm-up.mjs): V8 keeps the
// name of the script that made the cache, so any other name would show only when V8 rejects the cache.
const BUNDLE_NAME = "handler.js";

// Node.js maps stack traces (--enable-source-maps, process.setSourceMapsEnabled) only for files its module loader
// compiles, never for code compiled through vm.Script, so the loader formats stack traces itself. Frames of the
// bundle (named BUNDLE_NAME; the loader's own frames have the absolute __filename) are mapped: the bundle's first
// line is the wrapper (see wrapBundle in code-cache.mjs), so script line n + 2 is map line n (both 0-based). Other
// frames, or any without a mapping, print as V8 prints them.
const SOURCE_MAP_FILE = __filename + ".map";
/** The bundle's source map: undefined until first needed, null when it cannot be read. */
let sourceMap;

function bundleSourceMap() {
  if (sourceMap === undefined) {
    try {
      const { SourceMap } = require("node:module");
      sourceMap = new SourceMap(JSON.parse(require("node:fs").readFileSync(SOURCE_MAP_FILE, "utf8")));
    } catch {
      sourceMap = null;
    }
  }
  return sourceMap;
}

/** The map's entry for a 1-based line and column of the compiled bundle, when it names a source. */
function sourceEntryAt(map, line, column) {
  if (!(line >= 2 && column >= 1)) return undefined;
  const entry = map.findEntry(line - 2, column - 1);
  return entry && entry.originalSource ? entry : undefined;
}

/** The frame's original function name: the one mapped at the function's start, or else at the call to it. */
function originalName(map, frame, caller) {
  const enclosing = sourceEntryAt(map, frame.getEnclosingLineNumber(), frame.getEnclosingColumnNumber());
  if (enclosing && enclosing.name) return enclosing.name;
  const call =
    caller &&
    caller.getFileName() === BUNDLE_NAME &&
    sourceEntryAt(map, caller.getLineNumber(), caller.getColumnNumber());
  return (call && call.name) || frame.getFunctionName();
}

function frameText(frame, map, caller) {
  const entry =
    map &&
    frame.getFileName() === BUNDLE_NAME &&
    sourceEntryAt(map, frame.getLineNumber(), frame.getColumnNumber());
  if (!entry) return String(frame);
  const name = originalName(map, frame, caller);
  const location = `${entry.originalSource}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  const prefix = frame.isAsync() ? "async " : frame.isConstructor() ? "new " : "";
  return name ? `${prefix}${name} (${location})` : `${prefix}${location}`;
}

Error.prepareStackTrace = (error, frames) => {
  const map = frames.some((frame) => frame.getFileName() === BUNDLE_NAME) ? bundleSourceMap() : null;
  let header;
  try {
    header = Error.prototype.toString.call(error);
  } catch {
    header = "Error";
  }
  return (
    header + frames.map((frame, index) => `\n    at ${frameText(frame, map, frames[index + 1])}`).join("")
  );
};

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
  filename: BUNDLE_NAME,
  cachedData: Buffer.from(commentLinesOf(codeCache), "base64"),
});
script.runInThisContext()(exports, require, module, __filename, __dirname);
