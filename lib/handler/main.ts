/**
 * Entry point of the bundled handler (`node handler.js create|delete`), run by Terraform's local-exec
 * provisioners with the stack folder as working directory. Exits with the code `runHandler` returns.
 */
import { HandlerExitCode } from "../handler-contract";
import { runHandler } from "./run-handler";

/**
 * Exits once stderr is flushed. Exiting explicitly keeps SDK timers or pooled sockets from holding Terraform
 * up; waiting for the flush keeps the last lines on platforms where pipe writes are asynchronous.
 */
function exitAfterFlush(exitCode: number): void {
  process.exitCode = exitCode;
  process.stderr.write("", () => process.exit(exitCode));
}

runHandler({
  argv: process.argv.slice(2),
  env: process.env,
  writeStderr: (line) => process.stderr.write(`${line}\n`),
}).then(exitAfterFlush, (error: unknown) => {
  process.stderr.write(
    `ens-key-pair: error: unexpected failure: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  exitAfterFlush(HandlerExitCode.FAILED);
});
