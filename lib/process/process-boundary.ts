/**
 * The one place where a run of the handler or the CLI catches what ends it: the log (with every secret from the
 * environment redacted before anything is written), the final error line with the exit code from the shared
 * failure report, and the exit once the output is flushed.
 */
import { ACCESS_KEY_SECRET_VARS, SECURITY_TOKEN_VARS } from "../ens/credentials";
import { EnsLog } from "../ens/ens-log";
import { HandlerExitCode } from "../shared/handler-contract";
import { reportError } from "./failure-report";

/** The log of a run: stderr lines, with the environment's secrets redacted. */
export function processLog(
  env: Readonly<Record<string, string | undefined>>,
  writeStderr: (line: string) => void,
): EnsLog {
  const log = new EnsLog(writeStderr);
  for (const name of [...ACCESS_KEY_SECRET_VARS, ...SECURITY_TOKEN_VARS]) log.redact(env[name]);
  return log;
}

/**
 * Runs `run`, and reports whatever it throws as the run's final error line.
 *
 * @param consequence what happens after a failure (e.g. what Terraform does with the resource), appended to the
 *   message; "" for none
 * @returns `run`'s exit code, or the failure report's
 */
export async function catchAtBoundary(
  log: EnsLog,
  consequence: string,
  run: () => Promise<number>,
): Promise<number> {
  try {
    return await run();
  } catch (error) {
    const { message, exitCode } = reportError(error, consequence);
    log.error(message);
    return exitCode;
  }
}

/**
 * Exits with the code `run` yields, once `streams` are flushed: exiting explicitly keeps SDK timers or pooled
 * sockets from holding the caller up, and waiting for the flush keeps the last lines on platforms where pipe writes
 * are asynchronous. A `run` that rejects (a bug outside the boundary) still gets one error line and exit 1.
 */
export function exitWhenDone(run: Promise<number>, streams: readonly NodeJS.WriteStream[]): void {
  const exitAfterFlush = (exitCode: number): void => {
    process.exitCode = exitCode;
    const flush = (index: number): void => {
      if (index === streams.length) process.exit(exitCode);
      else streams[index].write("", () => flush(index + 1));
    };
    flush(0);
  };
  run.then(exitAfterFlush, (error: unknown) => {
    process.stderr.write(
      `ens-key-pair: error: unexpected failure: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    exitAfterFlush(HandlerExitCode.FAILED);
  });
}
