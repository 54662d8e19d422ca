// Benchmark (f): several stacks destroyed at once against one account. 3 stacks × 50 EnsKeyPair, each in its own
// folder with its own state, are destroyed at the same moment as three separate `terraform destroy -parallelism=10`
// processes, against one emulator (one account, one credential) that allows 10 calls per second in total. The
// baseline is the ideal: the API calls the design needs ÷ the rate, where the calls it needs are the ones not refused
// by the limit, counted per key pair from the emulator's log (1 per create-mode delete). The target is 0 failures;
// the wall time is reported against the ideal.
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

const STACKS = 3;
const KEY_PAIRS_PER_STACK = 50;
const PARALLELISM = 10;
const RATE_LIMIT_PER_SECOND = 10;

/**
 * Runs benchmark (f).
 *
 * @param context.root the repository root (dist/ must be built)
 * @param context.EnsEmulator the emulator class from dist/lib/testing
 */
export async function runConcurrentStacksDestroy({ root, EnsEmulator }) {
  const emulator = await EnsEmulator.start({ rsaBits: 1024 });
  try {
    const stacks = [];
    for (let index = 0; index < STACKS; index++) {
      const options = await prepareEnsStack({
        root,
        label: `stacks-${index}`,
        keyPairs: KEY_PAIRS_PER_STACK,
        prefix: `stack-${index}`,
        emulatorEnv: emulator.env(),
      });
      const apply = await terraform(
        ["apply", "-auto-approve", "-input=false", "-no-color", `-parallelism=${PARALLELISM}`],
        options,
      );
      if (apply.exitCode !== 0)
        throw new Error(`terraform apply of stack ${index} failed:\n${tail(apply.output)}`);
      stacks.push(options);
    }
    const keyPairs = STACKS * KEY_PAIRS_PER_STACK;
    if (emulator.keyPairs().length !== keyPairs) {
      throw new Error(`the applies created ${emulator.keyPairs().length} of ${keyPairs} key pairs`);
    }

    const callsBefore = emulator.calls().length;
    emulator.faults.rateLimit(RATE_LIMIT_PER_SECOND);
    const startedAt = performance.now();
    const destroys = await Promise.all(
      stacks.map(async (options) => {
        const run = await terraform(
          ["destroy", "-auto-approve", "-input=false", "-no-color", `-parallelism=${PARALLELISM}`],
          options,
        );
        return { ...run, endedSeconds: (performance.now() - startedAt) / 1000 };
      }),
    );
    const wallSeconds = (performance.now() - startedAt) / 1000;
    emulator.faults.clear();

    const calls = emulator.calls().slice(callsBefore);
    const { neededCalls, neededCallsPerKeyPair, idealSeconds } = neededCallFigures(
      calls,
      keyPairs,
      RATE_LIMIT_PER_SECOND,
    );
    const resourcesLeft = (await Promise.all(stacks.map(resourcesInState))).reduce((sum, n) => sum + n, 0);
    const keyPairsLeft = emulator.keyPairs().length;
    const failedStacks = destroys.filter((run) => run.exitCode !== 0).length;
    const failed = failedStacks !== 0 || resourcesLeft !== 0 || keyPairsLeft !== 0;
    return {
      command:
        `${STACKS} × terraform destroy -auto-approve -parallelism=${PARALLELISM} at once ` +
        `(${KEY_PAIRS_PER_STACK} EnsKeyPair each, one emulator, rateLimit(${RATE_LIMIT_PER_SECOND}))`,
      stacks: STACKS,
      keyPairsPerStack: KEY_PAIRS_PER_STACK,
      keyPairs,
      parallelism: PARALLELISM,
      rateLimitPerSecond: RATE_LIMIT_PER_SECOND,
      wallSeconds: round(wallSeconds),
      stackWallSeconds: destroys.map((run) => round(run.endedSeconds)),
      neededCalls,
      neededCallsPerKeyPair,
      idealSeconds,
      ratio: round(wallSeconds / idealSeconds, 3),
      target: "0 failures",
      pass: !failed,
      failedStacks,
      destroyExitCodes: destroys.map((run) => run.exitCode),
      resourcesLeftInState: resourcesLeft,
      keyPairsLeftInEmulator: keyPairsLeft,
      ...destroyCallFigures(calls),
      failureOutput: failed
        ? destroys
            .filter((run) => run.exitCode !== 0)
            .map((run) => tail(run.output))
            .join("\n---\n")
        : undefined,
    };
  } finally {
    await emulator.stop();
  }
}
