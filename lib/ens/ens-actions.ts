/**
 * The ENS API actions the key pair lifecycle uses, and the RAM actions that authorize them.
 */

/** ENS API version (the only one; the API has one central endpoint). */
export const ENS_API_VERSION = "2017-11-10";

/** ENS key pair actions. */
export const EnsAction = {
  CREATE_KEY_PAIR: "CreateKeyPair",
  IMPORT_KEY_PAIR: "ImportKeyPair",
  DESCRIBE_KEY_PAIRS: "DescribeKeyPairs",
  DELETE_KEY_PAIRS: "DeleteKeyPairs",
} as const;

/** An ENS key pair action. */
export type EnsAction = (typeof EnsAction)[keyof typeof EnsAction];

/** The RAM action that grants `action`, e.g. `ens:DeleteKeyPairs`. */
export function ramActionOf(action: EnsAction): string {
  return `ens:${action}`;
}
