/**
 * Entry point of the bundled operator CLI, `ens-key-pair` (dist/cli/ens-key-pair.js). Exits with the code
 * `runCli` returns, once stdout and stderr are flushed.
 */
import { exitWhenDone } from "../process/process-boundary";
import { CliExitCode } from "./cli-exit-code";
import { runCli } from "./run-cli";

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

// stdout first: the end of a long table when stdout is a pipe.
exitWhenDone(
  runCli({
    argv: process.argv.slice(2),
    env: process.env,
    writeStdout: (text) => process.stdout.write(text),
    writeStderr: (line) => process.stderr.write(`${line}\n`),
    readStdin,
  }),
  [process.stdout, process.stderr],
);
