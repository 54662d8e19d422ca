// Benchmark (i): what each start-up trick of the handler bundle gains (scripts/handler-bundle/). The handler is
// built in variants (scripts/bundle-handler.mjs --outdir --tricks) that add the tricks one at a time, plus variants
// that leave one trick out of the full build, and each variant runs as a whole process (spawn → exit):
//   delete  `handler.js delete` in create mode against the emulator, key pair present (one API call: the SDK loads)
//   retain  `handler.js delete` with removalPolicy retain (no API call: the SDK need not load)
// Every iteration runs every variant of both commands once, in an order rotated per iteration, so drift (other
// load, CPU frequency) hits all of them alike; figures are medians, and a trick's gain is the ratio of the medians
// without and with it, measured in the same run.
import { deleteProvisionerEnvOf } from "./cold-start.mjs";
import { buildHandlerVariant } from "./lib/handler-variants.mjs";
import {
  cleanEnv,
  clockTicksPerSecond,
  reapedChildrenCpuMs,
  scratchDir,
  timedRun,
} from "./lib/processes.mjs";
import { median, round } from "./lib/stats.mjs";

const WARM_UP_ITERATIONS = 3;
const ITERATIONS = Number(process.env.ENS_BENCH_TRICKS_ITERATIONS ?? 40);
/** A trick stays when it saves at least this share of the cold start (or a size that matters). */
export const KEEP_THRESHOLD = 0.05;
/** ... or when leaving it out grows the shipped handler.js by at least this share. */
export const SIZE_THRESHOLD = 0.1;

/**
 * The variants: cumulative (each adds one trick), leave-one-out (the full build less one trick), and the full build
 * without its source map (what naming lib/ sources in stack traces costs). "all" is the shipped build.
 */
export const VARIANTS = [
  { id: "plain", tricks: [] },
  { id: "stubs", tricks: ["stubs"] },
  { id: "stubs+deferred-sdk", tricks: ["stubs", "deferred-sdk"] },
  { id: "stubs+deferred", tricks: ["stubs", "deferred-sdk", "deferred-in-sdk"] },
  { id: "all-but-source-map", tricks: ["stubs", "deferred-sdk", "deferred-in-sdk", "code-cache"] },
  { id: "all", tricks: ["stubs", "deferred-sdk", "deferred-in-sdk", "code-cache", "source-map"] },
  { id: "all-but-stubs", tricks: ["deferred-sdk", "deferred-in-sdk", "code-cache", "source-map"] },
  { id: "all-but-deferred-sdk", tricks: ["stubs", "deferred-in-sdk", "code-cache", "source-map"] },
  { id: "all-but-deferred-in-sdk", tricks: ["stubs", "deferred-sdk", "code-cache", "source-map"] },
];

/** Each trick's gain: [variant without it, variant with it], cumulative and leave-one-out. */
const GAINS = {
  stubs: { added: ["plain", "stubs"], removed: ["all-but-stubs", "all"] },
  "deferred-sdk": { added: ["stubs", "stubs+deferred-sdk"], removed: ["all-but-deferred-sdk", "all"] },
  "deferred-in-sdk": {
    added: ["stubs+deferred-sdk", "stubs+deferred"],
    removed: ["all-but-deferred-in-sdk", "all"],
  },
  "code-cache": {
    added: ["stubs+deferred", "all-but-source-map"],
    removed: ["stubs+deferred", "all-but-source-map"],
  },
};

/**
 * Runs benchmark (i).
 *
 * @param context.root the repository root (dist/lib must be built: the handler contract)
 * @param context.EnsEmulator the emulator class from dist/lib/testing
 */
export async function runStartupTricks({ root, EnsEmulator }) {
  const deleteProvisionerEnv = deleteProvisionerEnvOf(root);
  const home = scratchDir("tricks");
  const built = Object.fromEntries(
    VARIANTS.map((variant) => [
      variant.id,
      buildHandlerVariant(root, `tricks-${variant.id}`, variant.tricks),
    ]),
  );
  const emulator = await EnsEmulator.start({ rsaBits: 1024 });
  const base = { ...cleanEnv(home), ...emulator.env() };
  let sequence = 0;
  const commands = {
    delete: () => {
      const keyPairName = `tricks-${++sequence}`;
      emulator.addKeyPair({ keyPairName });
      return { ...base, ...deleteProvisionerEnv(keyPairName) };
    },
    retain: () => ({
      ...base,
      ...deleteProvisionerEnv("retained", { ENS_KEY_PAIR_REMOVAL_POLICY: "retain" }),
    }),
  };
  const runs = [
    { id: "node -e 0", args: ["-e", "0"], env: () => base },
    ...Object.entries(commands).flatMap(([command, env]) =>
      VARIANTS.map((variant) => ({
        id: `${command} ${variant.id}`,
        args: [built[variant.id].file, "delete"],
        env,
      })),
    ),
  ];
  const samples = Object.fromEntries(runs.map((run) => [run.id, []]));
  // CPU time (user + system) per run as well: other load on the machine disturbs it far less than wall time.
  const ticks = clockTicksPerSecond();
  const cpuMs = Object.fromEntries(runs.map((run) => [run.id, 0]));
  const failures = [];
  try {
    for (let iteration = 0; iteration < WARM_UP_ITERATIONS + ITERATIONS; iteration++) {
      const rotated = runs.map((_, index) => runs[(index + iteration) % runs.length]);
      for (const run of rotated) {
        const env = run.env();
        const cpuBefore = reapedChildrenCpuMs(ticks);
        const result = await timedRun(process.execPath, run.args, { env, cwd: home });
        const cpuAfter = reapedChildrenCpuMs(ticks);
        if (result.exitCode !== 0)
          failures.push(`${run.id}: exit ${result.exitCode}: ${result.stderr.trim()}`);
        if (iteration >= WARM_UP_ITERATIONS) {
          samples[run.id].push(round(result.wallMs, 2));
          if (cpuBefore !== undefined) cpuMs[run.id] += cpuAfter - cpuBefore;
        }
      }
    }
  } finally {
    await emulator.stop();
  }
  const medians = Object.fromEntries(
    Object.entries(samples).map(([id, values]) => [id, round(median(values))]),
  );
  const meanCpuMs = ticks
    ? Object.fromEntries(Object.entries(cpuMs).map(([id, total]) => [id, round(total / ITERATIONS, 1)]))
    : undefined;
  const gains = {};
  for (const [trick, { added, removed }] of Object.entries(GAINS)) {
    gains[trick] = {
      bytes: {
        added: built[added[1]].bytes - built[added[0]].bytes,
        removed: built[removed[1]].bytes - built[removed[0]].bytes,
      },
    };
    for (const command of Object.keys(commands)) {
      const of = ([without, withIt]) => {
        const withoutMs = medians[`${command} ${without}`];
        const withMs = medians[`${command} ${withIt}`];
        const cpu = meanCpuMs && {
          withoutMs: meanCpuMs[`${command} ${without}`],
          withMs: meanCpuMs[`${command} ${withIt}`],
          ratio: round(meanCpuMs[`${command} ${without}`] / meanCpuMs[`${command} ${withIt}`], 3),
        };
        return {
          withoutMs,
          withMs,
          savedMs: round(withoutMs - withMs),
          ratio: round(withoutMs / withMs, 3),
          cpu,
        };
      };
      gains[trick][command] = { added: of(added), removed: of(removed) };
    }
    const saved = Object.keys(commands).map((command) =>
      Math.min(gains[trick][command].added.ratio, gains[trick][command].removed.ratio),
    );
    // Kept when, on some command, both ways of measuring show a saving of at least the threshold, or when leaving it
    // out makes the shipped handler.js larger by at least SIZE_THRESHOLD of its size.
    gains[trick].speedGain = saved.some((ratio) => ratio >= 1 + KEEP_THRESHOLD);
    gains[trick].sizeGain = -gains[trick].bytes.removed >= SIZE_THRESHOLD * built.all.bytes;
    gains[trick].clearGain = gains[trick].speedGain || gains[trick].sizeGain;
  }
  // The source map is no trick: its figure is a cost (ratio < 1 would mean it slows the start).
  const sourceMap = {};
  for (const command of Object.keys(commands)) {
    const withoutMs = medians[`${command} all-but-source-map`];
    const withMs = medians[`${command} all`];
    sourceMap[command] = {
      withoutMs,
      withMs,
      costMs: round(withMs - withoutMs),
      ratio: round(withMs / withoutMs, 3),
    };
  }
  return {
    command:
      "node <variant>/handler.js delete: create mode against the emulator (key pair present), and removalPolicy retain",
    iterations: ITERATIONS,
    warmUpIterations: WARM_UP_ITERATIONS,
    variants: Object.fromEntries(VARIANTS.map((v) => [v.id, { tricks: v.tricks, ...built[v.id] }])),
    samplesMs: samples,
    mediansMs: medians,
    meanCpuMs,
    gains,
    sourceMap,
    keepThreshold: KEEP_THRESHOLD,
    sizeThreshold: SIZE_THRESHOLD,
    failures,
    pass: failures.length === 0,
  };
}
