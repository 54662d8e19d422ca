/**
 * The handler process from argv and env to an exit code: usage check, input validation, endpoint and
 * credentials (all before any API call), then the command. Returns the exit code instead of exiting so it can
 * be driven in-process as well.
 */
import { connectToEns } from "../ens/connect-to-ens";
import { ACCESS_KEY_SECRET_VARS, SECURITY_TOKEN_VARS } from "../ens/credentials";
import { EnsLog } from "../ens/ens-log";
import { reportError } from "../ens/error-outcomes";
import { RetryClock, SYSTEM_CLOCK } from "../ens/retry";
import { HandlerCommand, HandlerEnv, HandlerExitCode } from "../shared/handler-contract";
import { CREATE_FAILURE_CONSEQUENCE, runCreateCommand } from "./handler-create-command";
import { DELETE_FAILURE_CONSEQUENCE, runDeleteCommand } from "./handler-delete-command";
import { RemovalPolicy } from "../removal-policy";
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
  const log = new EnsLog(io.writeStderr);
  for (const name of [...ACCESS_KEY_SECRET_VARS, ...SECURITY_TOKEN_VARS]) log.redact(io.env[name]);
  const [command, ...extra] = io.argv;
  if (!isHandlerCommand(command) || extra.length > 0) {
    const given = io.argv.length === 0 ? "no command" : `arguments ${JSON.stringify(io.argv.join(" "))}`;
    log.error(
      `expected exactly one command, ${HandlerCommand.CREATE} or ${HandlerCommand.DELETE}, but got ${given}. ${USAGE}`,
    );
    return HandlerExitCode.INVALID_INPUT;
  }
  const consequence =
    command === HandlerCommand.DELETE ? DELETE_FAILURE_CONSEQUENCE : CREATE_FAILURE_CONSEQUENCE;
  try {
    if (command === HandlerCommand.DELETE) {
      const input = readDeleteInput(io.env);
      if (input.removalPolicy === RemovalPolicy.RETAIN) {
        log.info(
          `key pair ${JSON.stringify(input.keyPairName)} retained (removalPolicy retain): left in Alibaba Cloud`,
        );
        return HandlerExitCode.OK;
      }
      return await runDeleteCommand(await connect(io, log, input.endpoint), input);
    }
    const input = readCreateInput(io.env);
    return await runCreateCommand(await connect(io, log, input.endpoint), input);
  } catch (error) {
    const { message, exitCode } = reportError(error, consequence);
    log.error(message);
    return exitCode;
  }
}
