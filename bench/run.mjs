// `npm run bench` (builds first): runs every benchmark, prints a table and writes bench/results.json.
// `node bench/run.mjs <name>...` runs only the named ones (cold-start, tricks, node-lines, destroy, concurrent-destroy,
// synth, plan, sizes) and writes
// bench/out/results-partial.json instead, so a partial run never replaces the full results.
// Every figure is a ratio against a baseline measured in the same run on the same machine (see README.md).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { measureArtifactSizes } from "./artifact-sizes.mjs";
import { runColdStart } from "./cold-start.mjs";
import { runConcurrentStacksDestroy } from "./concurrent-stacks-destroy.mjs";
import { runDestroyUnderRateLimit } from "./destroy-under-rate-limit.mjs";
import { describeMachine } from "./lib/machine.mjs";
import { cleanEnv, removeScratchDirs, scratchDir } from "./lib/processes.mjs";
import { runNodeLines } from "./node-lines.mjs";
import { runPlanScaling } from "./plan-scaling.mjs";
import { formatTable } from "./results-table.mjs";
import { runStartupTricks } from "./startup-tricks.mjs";
import { runSynthScaling } from "./synth-scaling.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const RESULTS_FILE = join(root, "bench", "results.json");
const PARTIAL_RESULTS_FILE = join(root, "bench", "out", "results-partial.json");

for (const built of ["dist/handler/handler.js", "dist/lib/index.js", "dist/lib/testing/index.js"]) {
  if (!existsSync(join(root, built))) {
    throw new Error(`${built} is missing: run \`npm run bench\` (it builds first) or \`npm run build\`.`);
  }
}
const { EnsEmulator } = createRequire(join(root, "package.json"))(
  join(root, "dist", "lib", "testing", "index.js"),
);

// Outside the repository, so lint and format never see generated code.
const plainBundle = join(scratchDir("run"), "handler-plain.js");

const BENCHMARKS = {
  "cold-start": async (results) =>
    Object.assign(results, await runColdStart({ root, EnsEmulator, plainBundle })),
  tricks: async (results) => {
    results.startupTricks = await runStartupTricks({ root, EnsEmulator });
  },
  "node-lines": async (results) => {
    results.nodeLines = await runNodeLines({ root, EnsEmulator });
  },
  destroy: async (results) => {
    results.destroyUnderRateLimit = await runDestroyUnderRateLimit({ root, EnsEmulator });
  },
  "concurrent-destroy": async (results) => {
    results.concurrentStacksDestroy = await runConcurrentStacksDestroy({ root, EnsEmulator });
  },
  synth: async (results) => {
    results.synthScaling = await runSynthScaling({ root });
  },
  plan: async (results) => {
    results.planScaling = await runPlanScaling({ root });
  },
  sizes: async (results) => {
    results.sizes = measureArtifactSizes({
      root,
      plainBundle: existsSync(plainBundle) ? plainBundle : undefined,
    });
  },
};

const requested = process.argv.slice(2);
const unknown = requested.filter((name) => !(name in BENCHMARKS));
if (unknown.length > 0) {
  throw new Error(
    `Unknown benchmark(s) ${unknown.join(", ")}: choose from ${Object.keys(BENCHMARKS).join(", ")}.`,
  );
}
const selected = requested.length > 0 ? requested : Object.keys(BENCHMARKS);

/** The figures worth keeping from an earlier full run, so sizes and headline ratios can be compared over time. */
function summaryOf(results) {
  return {
    date: results.date,
    commit: results.commit,
    node: results.machine?.node,
    coldStartRatio: results.coldStart?.ratio,
    startupTrickRatios: results.startupTricks
      ? Object.entries(results.startupTricks.gains).map(([trick, gain]) => [
          trick,
          gain.delete.removed.ratio,
          gain.retain.removed.ratio,
        ])
      : undefined,
    coldStartRatioByNodeLine: results.nodeLines?.lines?.map((line) => [line.node, line.ratio]),
    callsPerDelete: results.apiCalls?.callsPerDelete,
    destroyRatio: results.destroyUnderRateLimit?.ratio,
    destroyThrottledResponses: results.destroyUnderRateLimit?.throttledResponses,
    concurrentDestroyRatio: results.concurrentStacksDestroy?.ratio,
    concurrentDestroyFailedStacks: results.concurrentStacksDestroy?.failedStacks,
    synthRatios: results.synthScaling?.sizes?.map((size) => [size.count, size.synthRatio]),
    planRatio: results.planScaling?.ratio,
    handlerBytes: results.sizes?.handlerBytes,
    tarballBytes: results.sizes?.tarballBytes,
  };
}

function currentCommit() {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" }).trim();
  } catch {
    return undefined;
  }
}

const startedAt = Date.now();
const results = {
  date: new Date(startedAt).toISOString(),
  commit: currentCommit(),
  machine: describeMachine(cleanEnv(scratchDir("machine"))),
};
const errors = [];
for (const name of selected) {
  process.stderr.write(`bench: ${name} ...\n`);
  try {
    await BENCHMARKS[name](results);
  } catch (error) {
    errors.push(`${name}: ${error instanceof Error ? error.stack : String(error)}`);
  }
}
removeScratchDirs();
results.machine.loadAverageAtEnd = loadavg().map((load) => Math.round(load * 100) / 100);
results.durationSeconds = Math.round((Date.now() - startedAt) / 1000);
results.errors = errors;

const fullRun = selected.length === Object.keys(BENCHMARKS).length;
if (fullRun) {
  const previous = existsSync(RESULTS_FILE) ? JSON.parse(readFileSync(RESULTS_FILE, "utf8")) : undefined;
  results.history = previous ? [...(previous.history ?? []), summaryOf(previous)] : [];
}
const file = fullRun ? RESULTS_FILE : PARTIAL_RESULTS_FILE;
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);

console.log(formatTable(results));
console.log(`\nresults: ${file} (${results.durationSeconds} s)`);
if (errors.length > 0) {
  console.error(`\n${errors.length} benchmark(s) could not run:\n${errors.join("\n")}`);
  process.exitCode = 1;
}
