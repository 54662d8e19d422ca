/**
 * The operator CLI from argv and env to an exit code: arguments checked first, then endpoint and credentials
 * exactly as the handler resolves them (all before any API call), then the command. Returns the exit code instead
 * of exiting so it can be driven in-process as well.
 */
import * as path from "node:path";
import { version } from "../../package.json";
import { connectToEns } from "../ens/connect-to-ens";
import type { EnsClient } from "../ens/ens-client";
import { catchAtBoundary, processLog } from "../process/process-boundary";
import { RetryClock, SYSTEM_CLOCK } from "../ens/retry";
import { CommandRequest, parseCliArguments } from "./cli-arguments";
import { CLI_NAME } from "./cli-commands";
import type { CliContext } from "./cli-context";
import { CliExitCode } from "./cli-exit-code";
import { helpText } from "./cli-help";
import { CLI_DELETE_FAILURE_CONSEQUENCE, deleteCommand } from "./cli-delete-command";
import { describeCommand } from "./describe-command";
import { ClientFor, driftCommand } from "./drift-command";
import { listCommand } from "./list-command";
import { readStateSource, StateSource } from "./state-source";
import { ownersInStates, sweepCommand } from "./sweep-command";
import type { OwnerInState } from "./sweep-plan";

/** The process around the CLI. */
interface CliProcess {
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
  /** Reads all of stdin (`drift -`). @default - stdin is empty */
  readonly readStdin?: () => Promise<string>;
  /** Where relative state paths start, and where `terraform show -json FILE` runs. @default process.cwd() */
  readonly cwd?: string;
}

/** What `drift` and `sweep` read from their states before any API call. */
interface StatesRead {
  readonly sources: readonly StateSource[];
  /** sweep: the resources that name key pairs. */
  readonly owners: readonly OwnerInState[];
}

/**
 * Reads the states of `drift` and `sweep`, one after the other.
 *
 * @throws StateReadError (a ConfigurationError: exit 2) for a state that cannot be read
 */
async function readStates(io: CliProcess, request: CommandRequest, cwd: string): Promise<StatesRead> {
  if (request.kind !== "drift" && request.kind !== "sweep") return { sources: [], owners: [] };
  const stateIo = { env: io.env, readStdin: io.readStdin ?? (async () => ""), cwd };
  const sources: StateSource[] = [];
  for (const state of request.states) sources.push(await readStateSource(state, stateIo));
  return { sources, owners: request.kind === "sweep" ? ownersInStates(sources) : [] };
}

function runCommand(
  context: CliContext,
  request: CommandRequest,
  states: StatesRead,
  clientFor: ClientFor,
  cwd: string,
): Promise<number> {
  switch (request.kind) {
    case "describe":
      return describeCommand(context, request);
    case "list":
      return listCommand(context, request);
    case "delete":
      return deleteCommand(context, request);
    case "drift":
      return driftCommand(context, request, states.sources, clientFor, { cwd });
    case "sweep":
      return sweepCommand(context, request, states.owners);
  }
}

/**
 * Runs the CLI.
 *
 * @returns the exit code (`CliExitCode`)
 */
export async function runCli(io: CliProcess): Promise<number> {
  const log = processLog(io.env, io.writeStderr);
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
  const consequence =
    (request.kind === "delete" && !request.dryRun) || (request.kind === "sweep" && request.yes)
      ? CLI_DELETE_FAILURE_CONSEQUENCE
      : "";
  return catchAtBoundary(log, consequence, async () => {
    const cwd = path.resolve(io.cwd ?? process.cwd());
    const states = await readStates(io, request, cwd);
    const client = await connectToEns({ value: request.endpoint, source: "--endpoint" }, io.env, log);
    // drift looks a key pair up at the endpoint its EnsKeyPair sets, as its handler does.
    const recorded = new Map<string, Promise<EnsClient>>();
    const clientFor: ClientFor = (endpoint) => {
      if (!endpoint) return Promise.resolve(client);
      let connecting = recorded.get(endpoint);
      if (!connecting) {
        connecting = connectToEns({ value: endpoint, source: "the endpoint recorded in state" }, io.env, log);
        recorded.set(endpoint, connecting);
      }
      return connecting;
    };
    const context = {
      client,
      log,
      clock: io.clock ?? SYSTEM_CLOCK,
      random: io.random,
      print: io.writeStdout,
    };
    return runCommand(context, request, states, clientFor, cwd);
  });
}
