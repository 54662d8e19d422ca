// A synthesized stack of N EnsKeyPair (create mode) with local state in a scratch folder, and terraform runs
// against it: shared by the destroy benchmarks.
import { join } from "node:path";
import { scratchDir, terraformEnv, timedRun } from "./processes.mjs";
import { round } from "./stats.mjs";

const TERRAFORM_TIMEOUT_MS = 300_000;

/** Runs terraform to its end; `output` is stdout then stderr. */
export async function terraform(args, options) {
  const run = await timedRun("terraform", args, { ...options, timeoutMs: TERRAFORM_TIMEOUT_MS });
  return { ...run, output: `${run.stdout}${run.stderr}` };
}

/** The last lines of a terraform output, for a failure message. */
export function tail(output, lines = 30) {
  return output.trim().split("\n").slice(-lines).join("\n");
}

/**
 * Synthesizes `keyPairs` EnsKeyPair named `<prefix>-<i>` (bench/synth-app.mjs, from the built package; or another
 * `kind` of that app, e.g. its bare baseline) into a fresh scratch folder with local state, and runs `terraform init`
 * there.
 *
 * @returns the terraform options (env with the emulator's variables, cwd) for later runs of this stack
 */
export async function prepareEnsStack({ root, label, keyPairs, prefix, emulatorEnv = {}, kind = "ens" }) {
  const dir = scratchDir(label);
  const outdir = join(dir, "cdktf.out");
  const stateFile = join(dir, "terraform.tfstate");
  const synth = await timedRun(
    process.execPath,
    [join(root, "bench", "synth-app.mjs"), kind, String(keyPairs), outdir, stateFile, prefix],
    { env: { PATH: process.env.PATH, HOME: dir }, cwd: dir },
  );
  if (synth.exitCode !== 0) throw new Error(`synth of ${keyPairs} EnsKeyPair failed: ${synth.stderr}`);
  const options = { env: { ...terraformEnv(dir), ...emulatorEnv }, cwd: join(outdir, "stacks", "bench") };
  const init = await terraform(["init", "-input=false", "-no-color"], options);
  if (init.exitCode !== 0) throw new Error(`terraform init failed:\n${tail(init.output)}`);
  return options;
}

/** How many resources `terraform state list` shows for a stack. */
export async function resourcesInState(options) {
  const stateList = await terraform(["state", "list", "-no-color"], options);
  return stateList.stdout.split("\n").filter((line) => line.trim() !== "").length;
}

/**
 * The ideal of a destroy under a rate limit: the calls it needs (every call not refused by the limit) ÷ the rate, and
 * those calls per key pair.
 */
export function neededCallFigures(calls, keyPairs, ratePerSecond) {
  const neededCalls = calls.filter((call) => call.code !== "Throttling.User").length;
  return {
    neededCalls,
    neededCallsPerKeyPair: round(neededCalls / keyPairs, 3),
    idealSeconds: round(neededCalls / ratePerSecond),
  };
}

/** Figures over the calls one destroy made: throttled answers, other error codes, most calls for one key pair. */
export function destroyCallFigures(calls) {
  const attemptsByKeyPair = new Map();
  for (const call of calls) {
    const name = call.params.KeyPairName ?? "";
    attemptsByKeyPair.set(name, (attemptsByKeyPair.get(name) ?? 0) + 1);
  }
  const otherErrors = calls.filter((call) => call.code !== undefined && call.code !== "Throttling.User");
  return {
    calls: calls.length,
    throttledResponses: calls.filter((call) => call.code === "Throttling.User").length,
    otherErrorCodes: [...new Set(otherErrors.map((call) => call.code))],
    maxCallsForOneKeyPair: Math.max(0, ...attemptsByKeyPair.values()),
    firstToLastCallSeconds:
      calls.length > 1 ? round((calls[calls.length - 1].receivedAt - calls[0].receivedAt) / 1000) : 0,
  };
}
