// Benchmark (g): the handler's `delete` cold start (spawn → exit, against the emulator) on every tested Node.js
// line: the one running the benchmark plus those pinned in toolchains/ (`npm run toolchains`). Each line's figure is a
// ratio to `node -e 0` of the same binary, measured in the same loop. Each line also runs the same handler file with
// its V8 code cache removed: where V8 rejects the cache (every line but the one that built it) the two should take
// the same time, which shows the rejected cache costs nothing; where V8 accepts it, the difference is its gain.
//
// Every iteration runs every variant of every line once, in an order rotated per iteration, as in cold-start.mjs.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { deleteProvisionerEnvOf } from "./cold-start.mjs";
import {
  cleanEnv,
  clockTicksPerSecond,
  reapedChildrenCpuMs,
  scratchDir,
  timedRun,
} from "./lib/processes.mjs";
import { median, round } from "./lib/stats.mjs";

const WARM_UP_ITERATIONS = 2;
const ITERATIONS = 30;

/** The handler file with an empty code cache (the layout bench/artifact-sizes.mjs reads): same loader, same code. */
function withoutCodeCache(handler, outfile) {
  const text = readFileSync(handler, "latin1");
  const cacheStart = text.indexOf("\nfunction codeCache() {\n//");
  const bundleStart = text.indexOf("\nfunction bundle() {\n//");
  if (cacheStart < 0 || bundleStart < cacheStart) {
    throw new Error(
      `${handler} has no codeCache() before bundle(): see scripts/handler-bundle/code-cache.mjs`,
    );
  }
  writeFileSync(
    outfile,
    `${text.slice(0, cacheStart)}\nfunction codeCache() {\n//\n}${text.slice(bundleStart)}`,
    "latin1",
  );
  return outfile;
}

/** The lines to measure: this process's Node.js, then toolchains/'s (unless they cannot run on this platform). */
function nodeLines(root) {
  const toolchains = createRequire(import.meta.url)(join(root, "toolchains", "locate.js"));
  const running = { execPath: process.execPath };
  const platform = toolchains.unsupportedPlatform();
  if (platform) return { lines: [running], note: `only ${process.version}: ${platform}` };
  const problems = toolchains.installationProblems();
  if (problems.length > 0) {
    throw new Error(`${problems.join("; ")}. Run \`${toolchains.INSTALL_COMMAND}\` first.`);
  }
  return { lines: [running, ...toolchains.extraNodeLines()], note: undefined };
}

/** V8's verdict on the handler's code cache under `execPath` (test/support/code-cache-probe.js records it). */
function codeCacheVerdict(root, execPath, handler, env, home) {
  const report = join(home, `verdict-${Date.now()}.json`);
  try {
    execFileSync(
      execPath,
      ["--require", join(root, "test", "support", "code-cache-probe.js"), handler, "delete"],
      { env: { ...env, ENS_TEST_CODE_CACHE_REPORT: report }, stdio: "ignore" },
    );
  } catch {
    // Exit code 2 (no key pair name): only the verdict matters here.
  }
  const [verdict] = JSON.parse(readFileSync(report, "utf8"));
  return verdict?.cachedDataRejected === false ? "accepted" : "rejected";
}

/**
 * Runs benchmark (g).
 *
 * @param context.root the repository root (dist/ must be built)
 * @param context.EnsEmulator the emulator class from dist/lib/testing
 */
export async function runNodeLines({ root, EnsEmulator }) {
  const deleteProvisionerEnv = deleteProvisionerEnvOf(root);
  const home = scratchDir("node-lines");
  const handler = join(root, "dist", "handler", "handler.js");
  const noCache = withoutCodeCache(handler, join(home, "handler-without-code-cache.js"));
  const { lines: found, note } = nodeLines(root);
  const emulator = await EnsEmulator.start({ rsaBits: 1024 });
  const base = { ...cleanEnv(home), ...emulator.env() };
  const lines = found.map(({ execPath }) => {
    const [version, v8] = execFileSync(execPath, ["-p", "process.version + ' ' + process.versions.v8"], {
      encoding: "utf8",
      env: base,
    })
      .trim()
      .split(" ");
    return { execPath, version, v8, codeCache: codeCacheVerdict(root, execPath, handler, base, home) };
  });
  let sequence = 0;
  const freshKeyPair = () => {
    const keyPairName = `line-${++sequence}`;
    emulator.addKeyPair({ keyPairName });
    return keyPairName;
  };
  const variants = lines.flatMap((line) => [
    { line, id: "node-e-0", command: ["-e", "0"], env: () => base },
    {
      line,
      id: "handler-delete",
      command: [handler, "delete"],
      env: () => ({ ...base, ...deleteProvisionerEnv(freshKeyPair()) }),
    },
    {
      line,
      id: "handler-delete-without-code-cache",
      command: [noCache, "delete"],
      env: () => ({ ...base, ...deleteProvisionerEnv(freshKeyPair()) }),
    },
  ]);
  const samples = new Map(variants.map((variant) => [variant, []]));
  const cpuMs = new Map(variants.map((variant) => [variant, 0]));
  const ticks = clockTicksPerSecond();
  const failures = [];
  try {
    for (let iteration = 0; iteration < WARM_UP_ITERATIONS + ITERATIONS; iteration++) {
      const rotated = variants.map((_, index) => variants[(index + iteration) % variants.length]);
      for (const variant of rotated) {
        const env = variant.env();
        const cpuBefore = reapedChildrenCpuMs(ticks);
        const run = await timedRun(variant.line.execPath, variant.command, { env, cwd: home });
        const cpuAfter = reapedChildrenCpuMs(ticks);
        if (run.exitCode !== 0) {
          failures.push(`${variant.line.version} ${variant.id}: exit ${run.exitCode}: ${run.stderr.trim()}`);
        }
        if (iteration >= WARM_UP_ITERATIONS) {
          samples.get(variant).push(round(run.wallMs, 2));
          if (cpuBefore !== undefined) cpuMs.set(variant, cpuMs.get(variant) + cpuAfter - cpuBefore);
        }
      }
    }
  } finally {
    await emulator.stop();
  }
  if (emulator.keyPairs().length > 0)
    failures.push(`${emulator.keyPairs().length} key pairs were not deleted`);
  return {
    command:
      "node dist/handler/handler.js delete on each Node.js line (create mode, emulator on 127.0.0.1), " +
      "and the same file with its code cache removed",
    baseline: "node -e 0 of the same line",
    iterations: ITERATIONS,
    warmUpIterations: WARM_UP_ITERATIONS,
    note,
    lines: lines.map((line) => {
      const ofLine = variants.filter((variant) => variant.line === line);
      const samplesMs = Object.fromEntries(ofLine.map((variant) => [variant.id, samples.get(variant)]));
      const mediansMs = Object.fromEntries(
        Object.entries(samplesMs).map(([id, values]) => [id, round(median(values))]),
      );
      const meanCpuMs =
        ticks === undefined
          ? undefined
          : Object.fromEntries(
              ofLine.map((variant) => [variant.id, round(cpuMs.get(variant) / ITERATIONS, 1)]),
            );
      return {
        node: line.version,
        v8: line.v8,
        codeCache: line.codeCache,
        samplesMs,
        mediansMs,
        ratio: round(mediansMs["handler-delete"] / mediansMs["node-e-0"]),
        ratioWithoutCodeCache: round(mediansMs["handler-delete-without-code-cache"] / mediansMs["node-e-0"]),
        withToWithoutCodeCache: round(
          mediansMs["handler-delete"] / mediansMs["handler-delete-without-code-cache"],
        ),
        meanCpuMs,
        withToWithoutCodeCacheCpu:
          meanCpuMs && round(meanCpuMs["handler-delete"] / meanCpuMs["handler-delete-without-code-cache"]),
      };
    }),
    failures,
    pass: failures.length === 0,
  };
}
