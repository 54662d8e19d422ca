/**
 * The contract between the synthesized provisioners and the run-time handler: the commands it
 * accepts and the environment variables that carry one key pair's identity. Pure constants, so
 * synth-time code can name them without importing handler code.
 */

/** Handler commands (first argument). */
export const HandlerCommand = {
  CREATE: "create",
  DELETE: "delete",
} as const;

/** A handler command. */
export type HandlerCommand = (typeof HandlerCommand)[keyof typeof HandlerCommand];

/** How the key pair comes to exist. */
export const KeyPairMode = {
  /** CreateKeyPair: ENS generates the key and returns the private key once. */
  CREATE: "create",
  /** ImportKeyPair: ENS stores a public key the user owns. */
  IMPORT: "import",
} as const;

/** A key pair mode. */
export type KeyPairMode = (typeof KeyPairMode)[keyof typeof KeyPairMode];

/** Environment variables the provisioners set for the handler (values only from `${self.input.*}`). */
export const HandlerEnv = {
  KEY_PAIR_NAME: "ENS_KEY_PAIR_NAME",
  MODE: "ENS_KEY_PAIR_MODE",
  PUBLIC_KEY: "ENS_KEY_PAIR_PUBLIC_KEY",
  FINGERPRINT: "ENS_KEY_PAIR_FINGERPRINT",
  PRIVATE_KEY_FILE: "ENS_KEY_PAIR_PRIVATE_KEY_FILE",
  ENDPOINT: "ENS_KEY_PAIR_ENDPOINT",
  REMOVAL_POLICY: "ENS_KEY_PAIR_REMOVAL_POLICY",
  DELETE_TIMEOUT_SECONDS: "ENS_KEY_PAIR_DELETE_TIMEOUT_SECONDS",
  /** "true": the create step accepts a key pair that already exists under the name (import mode: same fingerprint). */
  ADOPT_EXISTING: "ENS_KEY_PAIR_ADOPT_EXISTING",
  /** The KeyPairId of an adopted key pair: the delete step deletes by ID. */
  KEY_PAIR_ID: "ENS_KEY_PAIR_ID",
  /**
   * When this stack claimed the name (RFC 3339, Terraform's `timestamp()` at the first apply): a key pair created
   * since then is this stack's own. Empty for a stack deployed by release 0.1, which recorded no claim.
   */
  CLAIMED_AT: "ENS_KEY_PAIR_CLAIMED_AT",
  /**
   * The create step only: when the run that runs it was planned (RFC 3339, `plantimestamp()`). A claim at or after
   * it was made by this very run, so no earlier run of this stack can have left a key pair under the name.
   */
  PLANNED_AT: "ENS_KEY_PAIR_PLANNED_AT",
} as const;

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
