/**
 * `ens-key-pair describe --name NAME [--json]`: the key pair named exactly NAME, or exit 3.
 */
import { findKeyPair } from "../key-pairs/find-key-pair";
import type { DescribeRequest } from "./cli-arguments";
import { READ_TIMEOUT_SECONDS } from "./cli-commands";
import type { CliContext } from "./cli-context";
import { CliExitCode } from "./cli-exit-code";
import { keyPairJson, keyPairTable } from "./key-pair-output";

/**
 * Runs `describe`.
 *
 * @returns the exit code
 * @throws ActionFailedError when DescribeKeyPairs gives up
 */
export async function describeCommand(context: CliContext, request: DescribeRequest): Promise<number> {
  const deadlineMs = context.clock.now() + READ_TIMEOUT_SECONDS * 1000;
  const keyPair = await findKeyPair(context, { keyPairName: request.keyPairName }, deadlineMs);
  if (!keyPair) {
    context.log.error(`no key pair named ${JSON.stringify(request.keyPairName)} exists.`);
    return CliExitCode.NOT_FOUND;
  }
  context.print(request.json ? keyPairJson(keyPair) : keyPairTable([keyPair]));
  return CliExitCode.OK;
}
