// Benchmark (c): `terraform destroy -parallelism=10` of a stack of 200 EnsKeyPair while the emulator allows R calls
// per second (token bucket, x-acs-retry-after on Throttling.User). The baseline is the ideal: the calls the design
// needs (those not refused: an ownership check and one DeleteKeyPairs per key pair) ÷ R; the target is no failure
// (state and emulator empty) within 1.3 × that, with the throttled answers reported.
import { performance } from "node:perf_hooks";
import {
  destroyCallFigures,
  neededCallFigures,
  prepareEnsStack,
  resourcesInState,
  tail,
  terraform,
} from "./lib/ens-stack.mjs";
import { round } from "./lib/stats.mjs";

const KEY_PAIRS = 200;
const PARALLELISM = 10;
/** Calls per second the emulator allows during destroy. */
const RATE_LIMIT_PER_SECOND = 10;
/** Target: destroy wall ≤ this × the ideal 200/R. */
export const DESTROY_TARGET_RATIO = 1.3;

/**
 * Runs benchmark (c).
 *
 * @param context.root the repository root (dist/ must be built)
 * @param context.EnsEmulator the emulator class from dist/lib/testing
 */
export async function runDestroyUnderRateLimit({ root, EnsEmulator }) {
  const emulator = await EnsEmulator.start({ rsaBits: 1024 });
  try {
    const options = await prepareEnsStack({
      root,
      label: "destroy",
      keyPairs: KEY_PAIRS,
      prefix: "bench",
      emulatorEnv: emulator.env(),
    });
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
    const resourcesLeft = await resourcesInState(options);
    const keyPairsLeft = emulator.keyPairs().length;
    const { neededCalls, neededCallsPerKeyPair, idealSeconds } = neededCallFigures(
      calls,
      KEY_PAIRS,
      RATE_LIMIT_PER_SECOND,
    );
    const ratio = round(wallSeconds / idealSeconds, 3);
    const failed = destroy.exitCode !== 0 || resourcesLeft !== 0 || keyPairsLeft !== 0;
    return {
      command: `terraform destroy -auto-approve -parallelism=${PARALLELISM} (${KEY_PAIRS} EnsKeyPair, emulator rateLimit(${RATE_LIMIT_PER_SECOND}))`,
      keyPairs: KEY_PAIRS,
      parallelism: PARALLELISM,
      rateLimitPerSecond: RATE_LIMIT_PER_SECOND,
      applySeconds: round(apply.wallMs / 1000),
      wallSeconds: round(wallSeconds),
      neededCalls,
      neededCallsPerKeyPair,
      idealSeconds,
      ratio,
      target: `0 failures, wall <= ${DESTROY_TARGET_RATIO}x ${idealSeconds} s`,
      pass: !failed && ratio <= DESTROY_TARGET_RATIO,
      destroyExitCode: destroy.exitCode,
      resourcesLeftInState: resourcesLeft,
      keyPairsLeftInEmulator: keyPairsLeft,
      ...destroyCallFigures(calls),
      failureOutput: failed ? tail(destroy.output) : undefined,
    };
  } finally {
    await emulator.stop();
  }
}
