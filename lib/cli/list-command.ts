/**
 * `ens-key-pair list [--prefix P] [--json]`: every key pair, or those whose name starts with P.
 */
import type { ListRequest } from "./cli-arguments";
import { READ_TIMEOUT_SECONDS } from "./cli-commands";
import type { CliContext } from "./cli-context";
import { CliExitCode } from "./cli-exit-code";
import { keyPairJson, keyPairTable } from "./key-pair-output";
import { listKeyPairs } from "../key-pairs/list-key-pairs";

/**
 * Runs `list`.
 *
 * @returns the exit code
 * @throws ActionFailedError when a DescribeKeyPairs page gives up
 */
export async function listCommand(context: CliContext, request: ListRequest): Promise<number> {
  const all = await listKeyPairs(context, context.clock.now() + READ_TIMEOUT_SECONDS * 1000);
  // The API has no prefix filter (its KeyPairName filter is one name), so the prefix is applied here.
  const prefix = request.prefix ?? "";
  const shown = all.filter((keyPair) => keyPair.keyPairName.startsWith(prefix));
  context.print(request.json ? keyPairJson(shown) : keyPairTable(shown));
  const matching = prefix ? ` whose name starts with ${JSON.stringify(prefix)}` : "";
  context.log.info(`${shown.length} of ${all.length} key pairs listed${matching}`);
  return CliExitCode.OK;
}
