"use strict";
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS script */
// Preloaded by test/node-lines.test.ts (`node --require <this file> dist/handler/handler.js ...`) to observe what V8
// does with the handler's embedded code cache, without changing the handler: every vm.Script compiled with
// `cachedData` is recorded with V8's verdict (`cachedDataRejected`), and the records are written as JSON to the
// file named by ENS_TEST_CODE_CACHE_REPORT when the process exits. `--require` is a Node.js option, not a V8 flag,
// so it does not change whether V8 accepts the cache.
const fs = require("node:fs");
const vm = require("node:vm");

const report = process.env.ENS_TEST_CODE_CACHE_REPORT;
const compiled = [];
const OriginalScript = vm.Script;

vm.Script = class Script extends OriginalScript {
  constructor(code, options) {
    super(code, options);
    if (options && options.cachedData) {
      compiled.push({
        filename: options.filename,
        cachedDataBytes: options.cachedData.length,
        cachedDataRejected: this.cachedDataRejected,
      });
    }
  }
};

process.on("exit", () => fs.writeFileSync(report, JSON.stringify(compiled)));
