/**
 * Entry point of the bundled handler (`node handler.js create|delete`), run by Terraform's local-exec
 * provisioners with the stack folder as working directory. Exits with the code `runHandler` returns.
 */
import { exitWhenDone } from "../process/process-boundary";
import { HandlerExitCode } from "../shared/handler-contract";
import { runHandler } from "./run-handler";

/** How often the handler checks that the process that started it still runs. */
const PARENT_CHECK_INTERVAL_MS = 250;

/**
 * Stops the handler when the process that started it (Terraform) is gone, killed without its children. Going on
 * unseen could race the next run over the same key pair; stopping at any moment is safe, as the next run converges
 * from wherever this one stopped.
 */
function stopWhenOrphaned(): void {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid === parent) return;
    try {
      process.stderr.write(
        "ens-key-pair: error: the process that started the handler (terraform) is gone; stopping. The next " +
          "apply or destroy finishes this key pair's step.\n",
      );
    } finally {
      process.exit(HandlerExitCode.FAILED);
    }
  }, PARENT_CHECK_INTERVAL_MS).unref();
}

stopWhenOrphaned();
exitWhenDone(
  runHandler({
    argv: process.argv.slice(2),
    env: process.env,
    writeStderr: (line) => process.stderr.write(`${line}\n`),
  }),
  [process.stderr],
);
