/**
 * The rule for how long a delete keeps retrying: whole seconds from 1 to 86400. One rule for the construct's
 * `deleteTimeoutSeconds` prop (synth), the handler's environment and the CLI's `--timeout`, so a value one side
 * accepts is never refused by the other. Whole seconds because synth has always written them so.
 */

/** Default deadline for the delete step, in seconds. */
export const DEFAULT_DELETE_TIMEOUT_SECONDS = 300;

/** The longest deadline: one day. */
const MAX_DELETE_TIMEOUT_SECONDS = 86_400;

/** The rule in words, to follow "must be" or "give" in a message. */
export const DELETE_TIMEOUT_RULE = `a whole number of seconds from 1 to ${MAX_DELETE_TIMEOUT_SECONDS}`;

/** True when `seconds` follows the rule. */
export function isDeleteTimeoutSeconds(seconds: number): boolean {
  return Number.isInteger(seconds) && seconds >= 1 && seconds <= MAX_DELETE_TIMEOUT_SECONDS;
}

/** The seconds that `text` (an environment value or a flag) gives, or `undefined` when it breaks the rule. */
export function parseDeleteTimeoutSeconds(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return undefined;
  const seconds = Number(trimmed);
  return isDeleteTimeoutSeconds(seconds) ? seconds : undefined;
}
