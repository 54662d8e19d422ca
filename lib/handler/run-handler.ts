/**
 * The handler process from argv and env to an exit code: usage check, input validation, endpoint and
 * credentials (all before any API call), then the command. Returns the exit code instead of exiting so it can
 * be driven in-process as well.
 */
import { connectToEns } from "../ens/connect-to-ens";
import type { EnsLog } from "../ens/ens-log";
import { catchAtBoundary, processLog } from "../process/process-boundary";
import { RetryClock, SYSTEM_CLOCK } from "../ens/retry";
import { HandlerCommand, HandlerEnv, HandlerExitCode } from "../shared/handler-contract";
import { CREATE_FAILURE_CONSEQUENCE, runCreateCommand } from "./handler-create-command";
import { DELETE_FAILURE_CONSEQUENCE, runDeleteCommand } from "./handler-delete-command";
import { RemovalPolicy } from "../shared/removal-policy";
import type { HandlerContext } from "./handler-context";
import { isHandlerCommand, readCreateInput, readDeleteInput } from "./handler-input";

/** The process around the handler. */
interface HandlerProcess {
  /** Command-line arguments after the script. */
  readonly argv: readonly string[];
  /**
   * The environment (the only input channel). The SDK's own credential providers (OIDC, profiles, ECS) read
   * their variables from `process.env` regardless.
   */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Receives each stderr line, without newline. */
  readonly writeStderr: (line: string) => void;
  /** @default the system clock */
  readonly clock?: RetryClock;
  /** @default Math.random */
  readonly random?: () => number;
}

const USAGE =
  `usage: node handler.js ${HandlerCommand.CREATE}|${HandlerCommand.DELETE} ` +
  `(inputs come only from the ${HandlerEnv.keyPairName} and other ENS_KEY_PAIR_* environment variables that the EnsKeyPair provisioners set)`;

/** Resolves endpoint and credentials and builds the client: every check that must pass before an API call. */
async function connect(
  io: HandlerProcess,
  log: EnsLog,
  endpointProp: string | undefined,
): Promise<HandlerContext> {
  const endpoint = { value: endpointProp, source: `${HandlerEnv.endpoint} (the endpoint prop)` };
  return {
    client: await connectToEns(endpoint, io.env, log),
    log,
    clock: io.clock ?? SYSTEM_CLOCK,
    random: io.random,
  };
}

/**
 * Runs the handler.
 *
 * @returns the exit code (`HandlerExitCode`)
 */
export async function runHandler(io: HandlerProcess): Promise<number> {
  const log = processLog(io.env, io.writeStderr);
  const [command, ...extra] = io.argv;
  if (!isHandlerCommand(command) || extra.length > 0) {
    const given = io.argv.length === 0 ? "no command" : `arguments ${JSON.stringify(io.argv.join(" "))}`;
    log.error(
      `expected exactly one command, ${HandlerCommand.CREATE} or ${HandlerCommand.DELETE}, but got ${given}. ${USAGE}`,
    );
    return HandlerExitCode.INVALID_INPUT;
  }
  if (command === HandlerCommand.DELETE) {
    return catchAtBoundary(log, DELETE_FAILURE_CONSEQUENCE, async () => {
      const input = readDeleteInput(io.env);
      if (input.removalPolicy === RemovalPolicy.RETAIN) {
        log.info(
          `key pair ${JSON.stringify(input.keyPairName)} retained (removalPolicy retain): left in Alibaba Cloud`,
        );
        return HandlerExitCode.OK;
      }
      await runDeleteCommand(await connect(io, log, input.endpoint), input);
      return HandlerExitCode.OK;
    });
  }
  return catchAtBoundary(log, CREATE_FAILURE_CONSEQUENCE, async () => {
    const input = readCreateInput(io.env);
    await runCreateCommand(await connect(io, log, input.endpoint), input);
    return HandlerExitCode.OK;
  });
}
