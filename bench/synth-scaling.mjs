// Benchmark (d): synth of N EnsKeyPair versus N bare terraform_data resources (one each, with an input naming the
// key pair), and versus the same JSON written by hand (two resources per key pair, as EnsKeyPair makes), for
// N = 10, 100, 1000, 2000, each run in a fresh Node.js process (bench/synth-app.mjs).
// Measured twice per run: app construction + synth inside the process, and the whole process (spawn → exit).
// Runs of both kinds alternate so drift hits them alike. Growth is checked with a least-squares line per kind
// (slope in ms per key pair, R²) and the ratio time(2000) / time(1000), which is 2 for linear growth.
import { join } from "node:path";
import { linearFit, median, round } from "./lib/stats.mjs";
import { scratchDir, timedRun } from "./lib/processes.mjs";

/** N → repetitions of each kind (fewer for the slow sizes, to stay within the time budget). */
const SIZES = [
  [10, 15],
  [100, 15],
  [1000, 11],
  [2000, 11],
];
/** Target (d): EnsKeyPair synth / bare synth at every N, medians. */
export const SYNTH_TARGET_RATIO = 2;
/** The kinds each size runs, in rotation: the construct, the bare baseline, the same JSON by hand. */
const KINDS = ["ens", "bare", "shape"];

async function synthOnce(root, kind, count, outdir) {
  const run = await timedRun(
    process.execPath,
    [join(root, "bench", "synth-app.mjs"), kind, String(count), outdir],
    {
      env: { PATH: process.env.PATH, HOME: outdir },
      timeoutMs: 300_000,
    },
  );
  if (run.exitCode !== 0) throw new Error(`synth of ${count} ${kind} failed: ${run.stderr}`);
  return { synthMs: round(JSON.parse(run.stdout).synthMs), processMs: round(run.wallMs) };
}

/**
 * Runs benchmark (d).
 *
 * @param context.root the repository root (dist/ must be built)
 */
export async function runSynthScaling({ root }) {
  const dir = scratchDir("synth");
  const sizes = [];
  let runNumber = 0;
  for (const [count, repetitions] of SIZES) {
    const samples = Object.fromEntries(KINDS.map((kind) => [kind, { synthMs: [], processMs: [] }]));
    for (let repetition = 0; repetition < repetitions; repetition++) {
      const order = KINDS.map((_, index) => KINDS[(index + repetition) % KINDS.length]);
      for (const kind of order) {
        const run = await synthOnce(root, kind, count, join(dir, `run-${++runNumber}`));
        samples[kind].synthMs.push(run.synthMs);
        samples[kind].processMs.push(run.processMs);
      }
    }
    const medianOf = (kind, what) => round(median(samples[kind][what]));
    const synthRatio = round(medianOf("ens", "synthMs") / medianOf("bare", "synthMs"));
    sizes.push({
      count,
      repetitions,
      samples,
      mediansMs: Object.fromEntries(
        KINDS.map((kind) => [
          kind,
          { synthMs: medianOf(kind, "synthMs"), processMs: medianOf(kind, "processMs") },
        ]),
      ),
      synthRatio,
      sameShapeRatio: round(medianOf("ens", "synthMs") / medianOf("shape", "synthMs")),
      processRatio: round(medianOf("ens", "processMs") / medianOf("bare", "processMs")),
      pass: synthRatio <= SYNTH_TARGET_RATIO,
    });
  }
  const growth = Object.fromEntries(
    KINDS.map((kind) => {
      const fit = linearFit(sizes.map((size) => [size.count, size.mediansMs[kind].synthMs]));
      const at = (count) => sizes.find((size) => size.count === count).mediansMs[kind].synthMs;
      return [
        kind,
        {
          slopeMsPerKeyPair: round(fit.slope, 4),
          interceptMs: round(fit.intercept),
          rSquared: round(fit.rSquared, 4),
          ratio2000To1000: round(at(2000) / at(1000)),
        },
      ];
    }),
  );
  return {
    command: "node bench/synth-app.mjs ens|bare|shape N <outdir> (fresh process each run)",
    baseline:
      "N bare terraform_data (one per key pair, an input naming it); also the same JSON written by hand",
    target: `EnsKeyPair/bare synth <= ${SYNTH_TARGET_RATIO} at every N, growth linear in N`,
    sizes,
    growth,
    pass: sizes.every((size) => size.pass),
  };
}
