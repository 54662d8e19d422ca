/**
 * The shape of an ENS KeyPairId (`ssh-` then letters and digits, e.g. `ssh-5lywanlkih1zo9yl8eg1`), checked before
 * any API call so a typo is reported as such instead of as "already deleted" or "not found".
 */
import { describeValue } from "./key-pair-name";

const KEY_PAIR_ID_PATTERN = /^ssh-[A-Za-z0-9]+$/;

/**
 * Checks a KeyPairId.
 *
 * @param source where the value came from, for the message (e.g. `ENS_KEY_PAIR_ID` or `--id`)
 * @returns a message naming the problem, the value and the fix, or `undefined` when the ID is well-formed
 */
export function checkKeyPairId(id: string, source: string): string | undefined {
  if (KEY_PAIR_ID_PATTERN.test(id)) return undefined;
  return (
    `Invalid ${source} ${describeValue(id)}: a KeyPairId is "ssh-" followed by letters and digits, ` +
    'e.g. "ssh-5lywanlkih1zo9yl8eg1". Copy it from `ens-key-pair describe --name <name>` or the ENS console.'
  );
}
