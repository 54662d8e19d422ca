/**
 * Entry point of the bundled operator CLI, `ens-key-pair` (dist/cli/ens-key-pair.js). Exits with the code
 * `runCli` returns, once stdout and stderr are flushed.
 */
import { runCli } from "./run-cli";
import { CliExitCode } from "./cli-exit-code";

/**
 * Exits once stdout and stderr are flushed: exiting explicitly keeps SDK timers or pooled sockets from holding the
 * shell up, and waiting for the flush keeps the end of a long table when stdout is a pipe.
 */
function exitAfterFlush(exitCode: number): void {
  process.exitCode = exitCode;
  process.stdout.write("", () => process.stderr.write("", () => process.exit(exitCode)));
}

// A reader that stops early (`| head`) closes the pipe: that is not a failure of the command.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
  process.exit(process.exitCode ?? CliExitCode.OK);
});

/** All of stdin, read only when a command asks for it (`drift -`). */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

runCli({
  argv: process.argv.slice(2),
  env: process.env,
  writeStdout: (text) => process.stdout.write(text),
  writeStderr: (line) => process.stderr.write(`${line}\n`),
  readStdin,
}).then(exitAfterFlush, (error: unknown) => {
  process.stderr.write(
    `ens-key-pair: error: unexpected failure: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  exitAfterFlush(CliExitCode.FAILED);
});
