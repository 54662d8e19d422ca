"use strict";
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS script */
// Preloaded by test/handler/stack-trace.test.ts (`node --require <this file> dist/handler/handler.js ...`) to see how
// the bundled handler's stack traces read, without changing the handler: the first write to stderr (made from the
// handler's own code) records the stack of that moment, and when the process exits the probe writes, as JSON to the
// file named by ENS_TEST_STACK_TRACE_REPORT, how many times a source map was read during the run, that stack
// (formatted only then, by the handler's loader), and the reads in all. `--require` is a Node.js option, not a V8 flag, so V8 still
// accepts the handler's code cache.
const fs = require("node:fs");

const report = process.env.ENS_TEST_STACK_TRACE_REPORT;
const originalWrite = process.stderr.write;
const originalReadFileSync = fs.readFileSync;
let captured;
let sourceMapReads = 0;

process.stderr.write = function write(...args) {
  if (captured === undefined) captured = new Error("stack-trace probe");
  return originalWrite.apply(this, args);
};

fs.readFileSync = function readFileSync(file, ...rest) {
  if (String(file).endsWith(".map")) sourceMapReads++;
  return originalReadFileSync.call(this, file, ...rest);
};

process.on("exit", () => {
  const sourceMapReadsDuringRun = sourceMapReads;
  const stack = captured ? captured.stack : "";
  fs.writeFileSync(report, JSON.stringify({ sourceMapReadsDuringRun, sourceMapReads, stack }));
});
