// Benchmark (h): what each start-up trick of the handler bundle gains (scripts/handler-bundle/). The handler is
// built in variants (scripts/bundle-handler.mjs --outdir --tricks) that add the tricks one at a time, plus variants
// that leave one trick out of the full build, and each variant runs as a whole process (spawn → exit):
//   delete  `handler.js delete` in create mode against the emulator, key pair present (one API call: the SDK loads)
//   retain  `handler.js delete` with removalPolicy retain (no API call: the SDK need not load)
// Every iteration runs every variant of both commands once, in an order rotated per iteration, so drift (other
// load, CPU frequency) hits all of them alike; figures are medians, and a trick's gain is the ratio of the medians
// without and with it, measured in the same run.
import { deleteProvisionerEnvOf } from "./cold-start.mjs";
import { buildHandlerVariant } from "./lib/handler-variants.mjs";
import { cleanEnv, scratchDir, timedRun } from "./lib/processes.mjs";
import { median, round } from "./lib/stats.mjs";

const WARM_UP_ITERATIONS = 3;
const ITERATIONS = Number(process.env.ENS_BENCH_TRICKS_ITERATIONS ?? 30);
/** A trick stays when it saves at least this share of the cold start (or a size that matters). */
export const KEEP_THRESHOLD = 0.05;

/** The variants: cumulative (each adds one trick) and leave-one-out (the full build less one trick). */
export const VARIANTS = [
  { id: "plain", tricks: [] },
  { id: "stubs", tricks: ["stubs"] },
  { id: "stubs+deferred", tricks: ["stubs", "deferred"] },
  { id: "all", tricks: ["stubs", "deferred", "code-cache"] },
  { id: "all-but-stubs", tricks: ["deferred", "code-cache"] },
  { id: "all-but-deferred", tricks: ["stubs", "code-cache"] },
];

/** Each trick's gain: [variant without it, variant with it], cumulative and leave-one-out. */
const GAINS = {
  stubs: { added: ["plain", "stubs"], removed: ["all-but-stubs", "all"] },
  deferred: { added: ["stubs", "stubs+deferred"], removed: ["all-but-deferred", "all"] },
  "code-cache": { added: ["stubs+deferred", "all"], removed: ["stubs+deferred", "all"] },
};

/**
 * Runs benchmark (h).
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
  const failures = [];
  try {
    for (let iteration = 0; iteration < WARM_UP_ITERATIONS + ITERATIONS; iteration++) {
      const rotated = runs.map((_, index) => runs[(index + iteration) % runs.length]);
      for (const run of rotated) {
        const result = await timedRun(process.execPath, run.args, { env: run.env(), cwd: home });
        if (result.exitCode !== 0)
          failures.push(`${run.id}: exit ${result.exitCode}: ${result.stderr.trim()}`);
        if (iteration >= WARM_UP_ITERATIONS) samples[run.id].push(round(result.wallMs, 2));
      }
    }
  } finally {
    await emulator.stop();
  }
  const medians = Object.fromEntries(
    Object.entries(samples).map(([id, values]) => [id, round(median(values))]),
  );
  const gains = {};
  for (const [trick, { added, removed }] of Object.entries(GAINS)) {
    gains[trick] = { bytes: { added: built[added[1]].bytes - built[added[0]].bytes } };
    for (const command of Object.keys(commands)) {
      const of = ([without, withIt]) => {
        const withoutMs = medians[`${command} ${without}`];
        const withMs = medians[`${command} ${withIt}`];
        return { withoutMs, withMs, savedMs: round(withoutMs - withMs), ratio: round(withoutMs / withMs, 3) };
      };
      gains[trick][command] = { added: of(added), removed: of(removed) };
    }
    const saved = Object.keys(commands).map((command) =>
      Math.min(gains[trick][command].added.ratio, gains[trick][command].removed.ratio),
    );
    // Kept when, on some command, both ways of measuring show a saving of at least the threshold.
    gains[trick].clearGain = saved.some((ratio) => ratio >= 1 + KEEP_THRESHOLD);
  }
  return {
    command:
      "node <variant>/handler.js delete: create mode against the emulator (key pair present), and removalPolicy retain",
    iterations: ITERATIONS,
    warmUpIterations: WARM_UP_ITERATIONS,
    variants: Object.fromEntries(VARIANTS.map((v) => [v.id, { tricks: v.tricks, bytes: built[v.id].bytes }])),
    samplesMs: samples,
    mediansMs: medians,
    gains,
    keepThreshold: KEEP_THRESHOLD,
    failures,
    pass: failures.length === 0,
  };
}
