// Benchmark (c): `terraform destroy -parallelism=10` of a stack of 200 EnsKeyPair while the emulator allows R calls
// per second (token bucket, x-acs-retry-after on Throttling.User). The baseline is the ideal 200/R seconds; the
// target is no failure (state and emulator empty) within 1.3 × that, with the throttled answers reported.
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { round } from "./lib/stats.mjs";
import { scratchDir, terraformEnv, timedRun } from "./lib/processes.mjs";

const KEY_PAIRS = 200;
const PARALLELISM = 10;
/** Calls per second the emulator allows during destroy: 200 / 10 = 20 s ideal. */
const RATE_LIMIT_PER_SECOND = 10;
/** Target: destroy wall ≤ this × the ideal 200/R. */
export const DESTROY_TARGET_RATIO = 1.3;
const TERRAFORM_TIMEOUT_MS = 300_000;

async function terraform(args, options) {
  const run = await timedRun("terraform", args, { ...options, timeoutMs: TERRAFORM_TIMEOUT_MS });
  return { ...run, output: `${run.stdout}${run.stderr}` };
}

/** The last lines of a terraform output, for a failure message. */
function tail(output, lines = 30) {
  return output.trim().split("\n").slice(-lines).join("\n");
}

/**
 * Runs benchmark (c).
 *
 * @param context.root the repository root (dist/ must be built)
 * @param context.EnsEmulator the emulator class from dist/lib/testing
 */
export async function runDestroyUnderRateLimit({ root, EnsEmulator }) {
  const dir = scratchDir("destroy");
  const outdir = join(dir, "cdktf.out");
  const stackDir = join(outdir, "stacks", "bench");
  const stateFile = join(dir, "terraform.tfstate");
  const synth = await timedRun(
    process.execPath,
    [join(root, "bench", "synth-app.mjs"), "ens", String(KEY_PAIRS), outdir, stateFile],
    { env: { PATH: process.env.PATH, HOME: dir }, cwd: dir },
  );
  if (synth.exitCode !== 0) throw new Error(`synth of ${KEY_PAIRS} EnsKeyPair failed: ${synth.stderr}`);

  const emulator = await EnsEmulator.start({ rsaBits: 1024 });
  try {
    const env = { ...terraformEnv(dir), ...emulator.env() };
    const options = { env, cwd: stackDir };
    const init = await terraform(["init", "-input=false", "-no-color"], options);
    if (init.exitCode !== 0) throw new Error(`terraform init failed:\n${tail(init.output)}`);
    const apply = await terraform(
      ["apply", "-auto-approve", "-input=false", "-no-color", `-parallelism=${PARALLELISM}`],
      options,
    );
    const created = emulator.keyPairs().length;
    if (apply.exitCode !== 0 || created !== KEY_PAIRS) {
      throw new Error(`terraform apply created ${created} of ${KEY_PAIRS} key pairs:\n${tail(apply.output)}`);
    }

    const callsBefore = emulator.calls().length;
    emulator.faults.rateLimit(RATE_LIMIT_PER_SECOND);
    const startedAt = performance.now();
    const destroy = await terraform(
      ["destroy", "-auto-approve", "-input=false", "-no-color", `-parallelism=${PARALLELISM}`],
      options,
    );
    const wallSeconds = (performance.now() - startedAt) / 1000;
    emulator.faults.clear();

    const calls = emulator.calls().slice(callsBefore);
    const throttled = calls.filter((call) => call.code === "Throttling.User").length;
    const attemptsByKeyPair = new Map();
    for (const call of calls) {
      const name = call.params.KeyPairName ?? "";
      attemptsByKeyPair.set(name, (attemptsByKeyPair.get(name) ?? 0) + 1);
    }
    const stateList = await terraform(["state", "list", "-no-color"], options);
    const resourcesLeft = stateList.stdout.split("\n").filter((line) => line.trim() !== "").length;
    const keyPairsLeft = emulator.keyPairs().length;
    const idealSeconds = KEY_PAIRS / RATE_LIMIT_PER_SECOND;
    const ratio = round(wallSeconds / idealSeconds, 3);
    const failed = destroy.exitCode !== 0 || resourcesLeft !== 0 || keyPairsLeft !== 0;
    const otherErrors = calls.filter((call) => call.code !== undefined && call.code !== "Throttling.User");
    return {
      command: `terraform destroy -auto-approve -parallelism=${PARALLELISM} (${KEY_PAIRS} EnsKeyPair, emulator rateLimit(${RATE_LIMIT_PER_SECOND}))`,
      keyPairs: KEY_PAIRS,
      parallelism: PARALLELISM,
      rateLimitPerSecond: RATE_LIMIT_PER_SECOND,
      applySeconds: round(apply.wallMs / 1000),
      wallSeconds: round(wallSeconds),
      idealSeconds,
      ratio,
      target: `0 failures, wall <= ${DESTROY_TARGET_RATIO}x ${idealSeconds} s`,
      pass: !failed && ratio <= DESTROY_TARGET_RATIO,
      destroyExitCode: destroy.exitCode,
      resourcesLeftInState: resourcesLeft,
      keyPairsLeftInEmulator: keyPairsLeft,
      calls: calls.length,
      throttledResponses: throttled,
      otherErrorCodes: [...new Set(otherErrors.map((call) => call.code))],
      maxCallsForOneKeyPair: Math.max(0, ...attemptsByKeyPair.values()),
      firstToLastCallSeconds:
        calls.length > 1 ? round((calls[calls.length - 1].receivedAt - calls[0].receivedAt) / 1000) : 0,
      failureOutput: failed ? tail(destroy.output) : undefined,
    };
  } finally {
    await emulator.stop();
  }
}
