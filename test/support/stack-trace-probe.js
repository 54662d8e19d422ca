"use strict";
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS script */
// Preloaded by test/handler/stack-trace.test.ts (`node --require <this file> dist/handler/handler.js ...`) to see how
// the bundled handler's stack traces read, without changing the handler: the first write to stderr (made from the
// handler's own code) records the stack of that moment, and the process writes it to the file named by
// ENS_TEST_STACK_TRACE_REPORT when it exits. The stack is formatted when it is read, at exit, so by the handler's
// loader. `--require` is a Node.js option, not a V8 flag, so V8 still accepts the handler's code cache.
const fs = require("node:fs");

const report = process.env.ENS_TEST_STACK_TRACE_REPORT;
const originalWrite = process.stderr.write;
let captured;

process.stderr.write = function write(...args) {
  if (captured === undefined) captured = new Error("stack-trace probe");
  return originalWrite.apply(this, args);
};

process.on("exit", () => fs.writeFileSync(report, captured ? captured.stack : ""));
