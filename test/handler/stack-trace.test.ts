/**
 * Stack traces of the bundled handler name the TypeScript sources (lib/...ts), through handler.js.map and the
 * code-cache loader's stack formatting (scripts/handler-bundle/code-cache-loader.js). The stack is recorded by
 * test/support/stack-trace-probe.js at the handler's first stderr write; test/support/code-cache-probe.js shows that
 * V8 accepted the code cache in the same run, so the mapping is tested on the path every user takes.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { EnsEmulator } from "../../lib/testing";
import { HandlerExitCode } from "../../lib/shared/handler-contract";
import { HANDLER_BUNDLE } from "../support/bundles";
import { useEmulator } from "../support/emulator";
import { runIsolated } from "../support/isolated-process";

const STACK_PROBE = path.join(__dirname, "..", "support", "stack-trace-probe.js");
const CODE_CACHE_PROBE = path.join(__dirname, "..", "support", "code-cache-probe.js");

let ens: EnsEmulator;
useEmulator((started) => (ens = started));

let scratch: string;
beforeEach(() => (scratch = fs.mkdtempSync(path.join(os.tmpdir(), "ens-stack-trace-"))));
afterEach(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** Runs `handler command` under both probes; returns the exit code, the recorded stack and V8's cache verdicts. */
async function stackOf(handler: string, command: string[], env: Record<string, string> = {}) {
  const stackFile = path.join(scratch, "stack.json");
  const cacheFile = path.join(scratch, "code-cache.json");
  const result = await runIsolated(
    process.execPath,
    ["--require", STACK_PROBE, "--require", CODE_CACHE_PROBE, handler, ...command],
    { ...env, ENS_TEST_STACK_TRACE_REPORT: stackFile, ENS_TEST_CODE_CACHE_REPORT: cacheFile },
  );
  const recorded = JSON.parse(fs.readFileSync(stackFile, "utf8")) as {
    sourceMapReadsDuringRun: number;
    sourceMapReads: number;
    stack: string;
  };
  return {
    exitCode: result.exitCode,
    sourceMapReadsDuringRun: recorded.sourceMapReadsDuringRun,
    sourceMapReads: recorded.sourceMapReads,
    frames: recorded.stack.split("\n").slice(1),
    codeCache: JSON.parse(fs.readFileSync(cacheFile, "utf8")) as { cachedDataRejected: boolean }[],
  };
}

test("a usage error's stack names the handler's lib/ sources, with the code cache accepted", async () => {
  const { exitCode, frames, codeCache, sourceMapReads } = await stackOf(HANDLER_BUNDLE, []);
  expect(exitCode).toBe(HandlerExitCode.INVALID_INPUT);
  // Read once, for the probe's stack (and then kept).
  expect(sourceMapReads).toBe(1);
  expect(codeCache).toEqual([expect.objectContaining({ cachedDataRejected: false })]);
  expect(frames).toContainEqual(
    expect.stringMatching(/^ {4}at runHandler \(lib\/handler\/run-handler\.ts:\d+:\d+\)$/),
  );
  expect(frames).toContainEqual(expect.stringMatching(/\(lib\/handler\/handler-main\.ts:\d+:\d+\)$/));
  // No frame is left in the minified bundle.
  expect(
    frames.filter((frame) => /\bhandler\.js:\d+:\d+/.test(frame) && !frame.includes(HANDLER_BUNDLE)),
  ).toEqual([]);
});

test("an API call's stack names the ENS client's lib/ sources; the run itself never reads the map", async () => {
  ens.addKeyPair({ keyPairName: "stack-trace" });
  const { exitCode, frames, sourceMapReadsDuringRun } = await stackOf(HANDLER_BUNDLE, ["delete"], {
    ...ens.env(),
    ENS_KEY_PAIR_NAME: "stack-trace",
  });
  expect(exitCode).toBe(HandlerExitCode.OK);
  // No stack trace is formatted on a normal delete, so the map costs it nothing.
  expect(sourceMapReadsDuringRun).toBe(0);
  expect(frames).toContainEqual(expect.stringMatching(/\(lib\/ens\/[\w-]+\.ts:\d+:\d+\)$/));
});

test("without its map the handler still runs, and its frames print as V8 prints them", async () => {
  const copy = path.join(scratch, "handler.js");
  fs.copyFileSync(HANDLER_BUNDLE, copy);
  fs.copyFileSync(
    path.join(path.dirname(HANDLER_BUNDLE), "package.json"),
    path.join(scratch, "package.json"),
  );
  const { exitCode, frames } = await stackOf(copy, []);
  expect(exitCode).toBe(HandlerExitCode.INVALID_INPUT);
  expect(frames).toContainEqual(expect.stringMatching(/\(handler\.js:\d+:\d+\)$/));
  expect(frames.some((frame) => frame.includes(".ts:"))).toBe(false);
});
