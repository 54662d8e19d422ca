/**
 * The contract between the synthesized provisioners and the run-time handler: the commands it
 * accepts and the input keys and environment variables that carry one key pair's identity. Pure, so
 * synth-time code can name them without importing handler code.
 */

/** Handler commands (first argument). */
export const HandlerCommand = {
  CREATE: "create",
  DELETE: "delete",
} as const;

/** A handler command. */
export type HandlerCommand = (typeof HandlerCommand)[keyof typeof HandlerCommand];

/**
 * Every value the construct hands the handler, in one table: the key in the `input` of the key pair's
 * `terraform_data` resources (recorded in state: a renamed key or a changed value replaces every deployed key pair)
 * and the environment variable the provisioners set from it (values only from `${self.input.<key>}`). Input keys,
 * environment names and the handler's reader are all derived from it, so a misspelled field fails to compile.
 */
export const HANDLER_INPUTS = {
  keyPairName: { inputKey: "key_pair_name", env: "ENS_KEY_PAIR_NAME" },
  mode: { inputKey: "mode", env: "ENS_KEY_PAIR_MODE" },
  publicKey: { inputKey: "public_key", env: "ENS_KEY_PAIR_PUBLIC_KEY" },
  fingerprint: { inputKey: "fingerprint", env: "ENS_KEY_PAIR_FINGERPRINT" },
  privateKeyFile: { inputKey: "private_key_file", env: "ENS_KEY_PAIR_PRIVATE_KEY_FILE" },
  endpoint: { inputKey: "endpoint", env: "ENS_KEY_PAIR_ENDPOINT" },
  removalPolicy: { inputKey: "removal_policy", env: "ENS_KEY_PAIR_REMOVAL_POLICY" },
  deleteTimeoutSeconds: { inputKey: "delete_timeout_seconds", env: "ENS_KEY_PAIR_DELETE_TIMEOUT_SECONDS" },
  /** "true": the create step accepts a key pair that already exists under the name (import mode: same fingerprint). */
  adoptExisting: { inputKey: "adopt_existing", env: "ENS_KEY_PAIR_ADOPT_EXISTING" },
  /** The KeyPairId of an adopted key pair: the delete step deletes by ID. */
  keyPairId: { inputKey: "key_pair_id", env: "ENS_KEY_PAIR_ID" },
  /**
   * When this stack claimed the name (RFC 3339, Terraform's `timestamp()` at the first apply): a key pair created
   * since then is this stack's own. Missing for a stack deployed by release 0.1, which recorded no claim.
   */
  claimedAt: { inputKey: "claimed_at", env: "ENS_KEY_PAIR_CLAIMED_AT" },
  /**
   * The create step only: when the run that runs it was planned (RFC 3339, `plantimestamp()`). A claim at or after
   * it was made by this very run, so no earlier run of this stack can have left a key pair under the name.
   */
  plannedAt: { inputKey: "planned_at", env: "ENS_KEY_PAIR_PLANNED_AT" },
} as const;

/** A value the construct hands the handler. */
type HandlerInputField = keyof typeof HANDLER_INPUTS;

/** A key of the synthesized `input`. */
export type HandlerInputKey = (typeof HANDLER_INPUTS)[HandlerInputField]["inputKey"];

/** Synthesized `input` entries, by key. */
export type HandlerInputValues = { [K in HandlerInputKey]?: string };

/** The environment variable of each field, e.g. `HandlerEnv.keyPairName` is `ENS_KEY_PAIR_NAME`. */
export const HandlerEnv = Object.fromEntries(
  Object.entries(HANDLER_INPUTS).map(([field, { env }]) => [field, env]),
) as { readonly [F in HandlerInputField]: (typeof HANDLER_INPUTS)[F]["env"] };

/** The `input` key of each field, e.g. `InputKey.keyPairName` is `key_pair_name`. */
export const InputKey = Object.fromEntries(
  Object.entries(HANDLER_INPUTS).map(([field, { inputKey }]) => [field, inputKey]),
) as { readonly [F in HandlerInputField]: (typeof HANDLER_INPUTS)[F]["inputKey"] };

/** The handler's environment, one value per field; Terraform renders an absent value as "", read as unset. */
export function readHandlerEnv(env: Readonly<Record<string, string | undefined>>): {
  readonly [F in HandlerInputField]?: string;
} {
  return Object.fromEntries(
    Object.entries(HANDLER_INPUTS)
      .map(([field, { env: name }]) => [field, env[name]])
      .filter(([, value]) => value !== undefined && value !== ""),
  );
}

/**
 * Test seam (never set by the provisioners): `before-private-key-file` makes the create command stop once it holds
 * the new private key, before it writes the file; it prints `ens-key-pair: test seam: holding before-private-key-file
 * (ENS_KEY_PAIR_TEST_HOLD) in pid <pid>; waiting to be killed` and waits until it is killed. It lets tests interrupt
 * at the one moment the emulator cannot see.
 */
export const TEST_HOLD_ENV = "ENS_KEY_PAIR_TEST_HOLD";

/** The moments {@link TEST_HOLD_ENV} can hold at. */
export const TestHoldPoint = {
  BEFORE_PRIVATE_KEY_FILE: "before-private-key-file",
} as const;

/** Handler exit codes. Non-zero always means "not done": Terraform keeps the resource and the next run retries. */
export const HandlerExitCode = {
  /** The desired state holds (created; deleted; already deleted; retained). */
  OK: 0,
  /** The API refused or the deadline passed; nothing was lost. */
  FAILED: 1,
  /** The handler's input or configuration is wrong (name, endpoint, credentials, usage). */
  INVALID_INPUT: 2,
} as const;
