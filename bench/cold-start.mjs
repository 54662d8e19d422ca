// Benchmarks (a) and (b): the handler's `delete` as a whole process (spawn → exit) against the emulator on
// loopback, happy path in create mode, versus `node -e 0`; and the API calls each successful delete makes.
//
// Every iteration runs each variant once, in an order rotated per iteration so drift (other load, CPU frequency)
// hits all of them alike. Reference variants put the target in context: the same handler source bundled the plain
// way (no stubs, no deferred loading, no code cache: what the build produced before), a run that makes no API call
// (removalPolicy retain: the SDK must not even load), and a hand-written request without the SDK (the floor).
import { copyFileSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { buildHandlerVariant } from "./lib/handler-variants.mjs";
import { median, round } from "./lib/stats.mjs";
import { cleanEnv, scratchDir, timedRun } from "./lib/processes.mjs";

const WARM_UP_ITERATIONS = 3;
const ITERATIONS = 30;
/** Target (a): handler delete / `node -e 0`, medians. */
export const COLD_START_TARGET_RATIO = 1.5;

/** The handler bundled without any start-up trick (the plain esbuild bundle), for comparison. */
function buildPlainBundle(root, outfile) {
  copyFileSync(buildHandlerVariant(root, "plain", []).file, outfile);
  return outfile;
}

/**
 * Everything the delete provisioner sets, as Terraform renders it ("" for unset values), for a create-mode key:
 * the variable names come from the built handler contract, so this list cannot fall behind it.
 */
export function deleteProvisionerEnvOf(root) {
  const { HandlerEnv } = createRequire(join(root, "package.json"))("./dist/lib/shared/handler-contract.js");
  const unset = Object.fromEntries(Object.values(HandlerEnv).map((name) => [name, ""]));
  return (keyPairName, extra = {}) => ({
    ...unset,
    ENS_KEY_PAIR_NAME: keyPairName,
    ENS_KEY_PAIR_MODE: "create",
    ...extra,
  });
}

const MODE_RUNS = 5;

/**
 * (b) per kind of key pair: the calls one delete step makes, counted over MODE_RUNS handler runs each (not timed).
 * A stack with a recorded claim checks ownership first (one DescribeKeyPairs), then sends the one DeleteKeyPairs,
 * also when the key pair is already gone; one deployed by release 0.1 in create mode keeps its single call.
 */
async function countCallsPerMode({ root, emulator, base, home, deleteProvisionerEnv }) {
  const handler = join(root, "dist", "handler", "handler.js");
  const publicKey = readFileSync(join(root, "examples", "keys", "demo_rsa.pub"), "utf8").trim();
  const claim = {
    ENS_KEY_PAIR_CLAIMED_AT: new Date(Date.now() - 60_000).toISOString().replace(/\.\d{3}Z$/, "Z"),
  };
  const modes = [
    { id: "create", present: true, extra: claim },
    {
      id: "import",
      present: true,
      publicKey,
      extra: { ...claim, ENS_KEY_PAIR_MODE: "import", ENS_KEY_PAIR_PUBLIC_KEY: publicKey },
    },
    { id: "create, already gone", present: false, extra: claim },
    { id: "create, deployed by release 0.1 (no claim)", present: true, extra: {} },
  ];
  const perMode = {};
  for (const mode of modes) {
    const before = emulator.calls().length;
    for (let run = 0; run < MODE_RUNS; run++) {
      const keyPairName = `mode-${modes.indexOf(mode)}-${run}`;
      if (mode.present) emulator.addKeyPair({ keyPairName, publicKey: mode.publicKey });
      const result = await timedRun(process.execPath, [handler, "delete"], {
        env: { ...base, ...deleteProvisionerEnv(keyPairName, mode.extra) },
        cwd: home,
      });
      if (result.exitCode !== 0)
        throw new Error(`(b) ${mode.id}: delete exited ${result.exitCode}: ${result.stderr}`);
    }
    const calls = emulator.calls().slice(before);
    perMode[mode.id] = {
      callsPerDelete: round(calls.length / MODE_RUNS, 3),
      deleteKeyPairsPerDelete: round(
        calls.filter((call) => call.action === "DeleteKeyPairs").length / MODE_RUNS,
        3,
      ),
      actions: [...new Set(calls.map((call) => `${call.action}${call.code ? `:${call.code}` : ""}`))],
    };
  }
  return perMode;
}

/**
 * Runs benchmarks (a) and (b).
 *
 * @param context.root the repository root (dist/ must be built)
 * @param context.EnsEmulator the emulator class from dist/lib/testing
 * @param context.plainBundle where to write the plain bundle (kept for the size benchmark)
 */
export async function runColdStart({ root, EnsEmulator, plainBundle }) {
  const deleteProvisionerEnv = deleteProvisionerEnvOf(root);
  const home = scratchDir("cold-start");
  const handler = join(root, "dist", "handler", "handler.js");
  buildPlainBundle(root, plainBundle);
  const emulator = await EnsEmulator.start({ rsaBits: 1024 });
  const base = { ...cleanEnv(home), ...emulator.env() };
  let sequence = 0;
  const freshKeyPair = (prefix) => {
    const keyPairName = `${prefix}-${++sequence}`;
    emulator.addKeyPair({ keyPairName });
    return keyPairName;
  };
  const variants = [
    { id: "node-e-0", command: ["-e", "0"], env: () => base },
    {
      id: "handler-delete",
      command: [handler, "delete"],
      env: () => ({ ...base, ...deleteProvisionerEnv(freshKeyPair("target")) }),
    },
    {
      id: "plain-bundle-delete",
      command: [plainBundle, "delete"],
      env: () => ({ ...base, ...deleteProvisionerEnv(freshKeyPair("plain")) }),
    },
    {
      id: "handler-retain",
      command: [handler, "delete"],
      env: () => ({
        ...base,
        ...deleteProvisionerEnv("retained", { ENS_KEY_PAIR_REMOVAL_POLICY: "retain" }),
      }),
    },
    {
      id: "minimal-request",
      command: [join(root, "bench", "lib", "minimal-delete.cjs")],
      env: () => ({ ...base, ENS_KEY_PAIR_NAME: freshKeyPair("floor") }),
    },
  ];
  const samples = Object.fromEntries(variants.map((variant) => [variant.id, []]));
  const failures = [];
  try {
    for (let iteration = 0; iteration < WARM_UP_ITERATIONS + ITERATIONS; iteration++) {
      const rotated = variants.map((_, index) => variants[(index + iteration) % variants.length]);
      for (const variant of rotated) {
        const run = await timedRun(process.execPath, variant.command, { env: variant.env(), cwd: home });
        if (run.exitCode !== 0) failures.push(`${variant.id}: exit ${run.exitCode}: ${run.stderr.trim()}`);
        if (iteration >= WARM_UP_ITERATIONS) samples[variant.id].push(round(run.wallMs, 2));
      }
    }
    const callsPerMode = await countCallsPerMode({ root, emulator, base, home, deleteProvisionerEnv });
    const medians = Object.fromEntries(
      Object.entries(samples).map(([id, values]) => [id, round(median(values))]),
    );
    const ratioTo = (id) => round(medians[id] / medians["node-e-0"], 2);
    const ratio = ratioTo("handler-delete");

    // (b): every call the target handler runs made, keyed by key pair; each run deleted exactly one key pair.
    const handlerRuns = WARM_UP_ITERATIONS + ITERATIONS;
    const targetCalls = emulator.calls().filter((call) => /^target-/.test(call.params.KeyPairName ?? ""));
    const leftOver = emulator.keyPairs().filter((keyPair) => keyPair.keyPairName.startsWith("target-"));
    const callsPerDelete = round(targetCalls.length / handlerRuns, 3);
    return {
      coldStart: {
        command: "node dist/handler/handler.js delete (create mode, emulator on 127.0.0.1, key pair present)",
        baseline: "node -e 0",
        iterations: ITERATIONS,
        warmUpIterations: WARM_UP_ITERATIONS,
        samplesMs: samples,
        mediansMs: medians,
        ratios: Object.fromEntries(variants.map(({ id }) => [id, ratioTo(id)])),
        ratio,
        target: `<= ${COLD_START_TARGET_RATIO}x`,
        pass: ratio <= COLD_START_TARGET_RATIO && failures.length === 0,
        failures,
      },
      apiCalls: {
        command: "the handler-delete runs of the cold-start benchmark, counted with emulator.calls()",
        deletes: handlerRuns,
        calls: targetCalls.length,
        actions: [...new Set(targetCalls.map((call) => call.action))],
        errorCodes: targetCalls.filter((call) => call.code !== undefined).map((call) => call.code),
        keyPairsLeft: leftOver.length,
        callsPerDelete,
        callsPerMode,
        target: "exactly 1",
        pass:
          callsPerDelete === 1 &&
          leftOver.length === 0 &&
          targetCalls.every((call) => call.code === undefined),
      },
    };
  } finally {
    await emulator.stop();
  }
}
