/**
 * The operator CLI from argv and env to an exit code: arguments checked first, then endpoint and credentials
 * exactly as the handler resolves them (all before any API call), then the command. Returns the exit code instead
 * of exiting so it can be driven in-process as well.
 */
import { version } from "../../package.json";
import { connectToEns } from "../ens/connect-to-ens";
import { ACCESS_KEY_SECRET_VARS, SECURITY_TOKEN_VARS } from "../ens/credentials";
import { EnsLog } from "../ens/ens-log";
import { reportError } from "../ens/error-outcomes";
import { RetryClock, SYSTEM_CLOCK } from "../ens/retry";
import { CommandRequest, parseCliArguments } from "./cli-arguments";
import { CLI_NAME } from "./cli-commands";
import type { CliContext } from "./cli-context";
import { CliExitCode } from "./cli-exit-code";
import { helpText } from "./cli-help";
import { CLI_DELETE_FAILURE_CONSEQUENCE, deleteCommand } from "./delete-command";
import { describeCommand } from "./describe-command";
import { listCommand } from "./list-command";

/** The process around the CLI. */
export interface CliProcess {
  /** Command-line arguments after the script. */
  readonly argv: readonly string[];
  /** The environment (credentials and endpoint variables). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Receives stdout text (results), newlines included. */
  readonly writeStdout: (text: string) => void;
  /** Receives each stderr line (attempts, warnings, errors), without newline. */
  readonly writeStderr: (line: string) => void;
  /** @default the system clock */
  readonly clock?: RetryClock;
  /** @default Math.random */
  readonly random?: () => number;
}

function runCommand(context: CliContext, request: CommandRequest): Promise<number> {
  switch (request.kind) {
    case "describe":
      return describeCommand(context, request);
    case "list":
      return listCommand(context, request);
    case "delete":
      return deleteCommand(context, request);
  }
}

/**
 * Runs the CLI.
 *
 * @returns the exit code (`CliExitCode`)
 */
export async function runCli(io: CliProcess): Promise<number> {
  const log = new EnsLog(io.writeStderr);
  for (const name of [...ACCESS_KEY_SECRET_VARS, ...SECURITY_TOKEN_VARS]) log.redact(io.env[name]);
  const request = parseCliArguments(io.argv);
  switch (request.kind) {
    case "help":
      io.writeStdout(helpText(request.command));
      return CliExitCode.OK;
    case "version":
      io.writeStdout(`${CLI_NAME} ${version}\n`);
      return CliExitCode.OK;
    case "usage-error":
      log.error(
        `${request.message} Run "${[CLI_NAME, request.command, "--help"].filter(Boolean).join(" ")}" for usage.`,
      );
      return CliExitCode.USAGE;
  }
  try {
    const client = await connectToEns({ value: request.endpoint, source: "--endpoint" }, io.env, log);
    const context = {
      client,
      log,
      clock: io.clock ?? SYSTEM_CLOCK,
      random: io.random,
      print: io.writeStdout,
    };
    return await runCommand(context, request);
  } catch (error) {
    const consequence = request.kind === "delete" && !request.dryRun ? CLI_DELETE_FAILURE_CONSEQUENCE : "";
    const { message, exitCode } = reportError(error, consequence);
    log.error(message);
    return exitCode;
  }
}
