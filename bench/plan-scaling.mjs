// Benchmark (h): `terraform plan` of a stack of 1000 EnsKeyPair (two resources each) versus a stack of 1000 bare
// terraform_data (one each; the baseline of bench/synth-app.mjs), both new (nothing applied: the plan is what a
// first deploy, or a CI plan of new key pairs, waits for). Runs of the two alternate; medians of REPETITIONS each.
import { median, round } from "./lib/stats.mjs";
import { prepareEnsStack, tail, terraform } from "./lib/ens-stack.mjs";

const KEY_PAIRS = 1000;
const REPETITIONS = 5;
/** Target (h): EnsKeyPair plan / bare plan, medians. */
export const PLAN_TARGET_RATIO = 2;

/**
 * Runs benchmark (h).
 *
 * @param context.root the repository root (dist/ must be built)
 */
export async function runPlanScaling({ root }) {
  const stacks = {};
  for (const kind of ["ens", "bare"]) {
    stacks[kind] = await prepareEnsStack({
      root,
      label: `plan-${kind}`,
      keyPairs: KEY_PAIRS,
      prefix: "plan",
      kind,
    });
  }
  const samples = { ens: [], bare: [] };
  for (let repetition = 0; repetition < REPETITIONS; repetition++) {
    for (const kind of repetition % 2 === 0 ? ["ens", "bare"] : ["bare", "ens"]) {
      const plan = await terraform(["plan", "-input=false", "-no-color", "-lock=false"], stacks[kind]);
      if (plan.exitCode !== 0)
        throw new Error(`terraform plan of ${KEY_PAIRS} ${kind} failed:\n${tail(plan.output)}`);
      samples[kind].push(round(plan.wallMs));
    }
  }
  const mediansMs = { ens: round(median(samples.ens)), bare: round(median(samples.bare)) };
  const ratio = round(mediansMs.ens / mediansMs.bare, 2);
  return {
    command: `terraform plan -input=false -lock=false (${KEY_PAIRS} EnsKeyPair vs ${KEY_PAIRS} bare terraform_data, new stacks)`,
    keyPairs: KEY_PAIRS,
    repetitions: REPETITIONS,
    samplesMs: samples,
    mediansMs,
    ratio,
    target: `<= ${PLAN_TARGET_RATIO}x`,
    pass: ratio <= PLAN_TARGET_RATIO,
  };
}
