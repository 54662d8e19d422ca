import { LocalExecProvisioner } from "cdktf";
import { HandlerCommand, HandlerEnv } from "../shared/handler-contract";
import { minimumNodeVersion } from "./handler-asset";

/** The `input` key of the terraform_data resource that feeds each handler environment variable. */
export const INPUT_KEY_BY_ENV: Readonly<Record<string, string>> = {
  [HandlerEnv.KEY_PAIR_NAME]: "key_pair_name",
  [HandlerEnv.MODE]: "mode",
  [HandlerEnv.PUBLIC_KEY]: "public_key",
  [HandlerEnv.FINGERPRINT]: "fingerprint",
  [HandlerEnv.PRIVATE_KEY_FILE]: "private_key_file",
  [HandlerEnv.ENDPOINT]: "endpoint",
  [HandlerEnv.REMOVAL_POLICY]: "removal_policy",
  [HandlerEnv.DELETE_TIMEOUT_SECONDS]: "delete_timeout_seconds",
  [HandlerEnv.ADOPT_EXISTING]: "adopt_existing",
  [HandlerEnv.KEY_PAIR_ID]: "key_pair_id",
  [HandlerEnv.CLAIMED_AT]: "claimed_at",
  [HandlerEnv.PLANNED_AT]: "planned_at",
};

/** The `input` key that records when the stack claimed the name (`timestamp()` at the first apply). */
export const CLAIMED_AT_INPUT_KEY = INPUT_KEY_BY_ENV[HandlerEnv.CLAIMED_AT];

/** The create step's `input` key that records the plan time of the run that created it (`plantimestamp()`). */
export const PLANNED_AT_INPUT_KEY = INPUT_KEY_BY_ENV[HandlerEnv.PLANNED_AT];

/** Every key the `input` of a key pair's main resource (the one with the delete step) may hold. */
export const RESOURCE_INPUT_KEYS: readonly string[] = Object.values(INPUT_KEY_BY_ENV).filter(
  (key) => key !== PLANNED_AT_INPUT_KEY,
);

/**
 * The literal command that runs the handler: a POSIX-shell check that `node` exists (a runner without Node.js
 * gets one clear line instead of `sh: node: not found`), then `exec node <script> <command>`. `exec` makes the
 * handler the very process Terraform started: when a run is interrupted, Terraform kills that process, and without
 * `exec` it would kill only the shell and leave the handler running on, unseen, possibly racing the next run. The
 * command holds the current synth's asset path: a path read from state would point at an asset folder that a later
 * synth has already removed. No interpolation: the message is a literal.
 *
 * @param handlerScript the handler script, relative to the stack folder (Terraform's working directory)
 */
export function handlerCommand(handlerScript: string, command: HandlerCommand): string {
  const missingNode =
    `ens-key-pair: error: Node.js (node) is not on the PATH of the machine that runs terraform, and the ` +
    `EnsKeyPair handler needs Node.js >= ${minimumNodeVersion()} there. Run terraform where Node.js is installed ` +
    "(a runner image or agent with Node.js; on HCP Terraform a custom agent or local execution mode). Terraform " +
    "keeps the key pair in state: run again once node is there.";
  return `command -v node >/dev/null 2>&1 || { echo '${missingNode}' >&2; exit 2; }; exec node ${handlerScript} ${command}`;
}

/**
 * Handler environment whose every value is a `${self.input.<key>}` reference: values reach the handler only as data
 * (never through the shell), and the destroy step sees the identity recorded in state.
 *
 * @param inputKeys the keys present in the resource's `input`
 * @param tolerateMissing wrap each reference in `try(…, "")`, for state whose `input` may lack a key (the handler
 *   treats "" as unset)
 */
export function selfInputEnvironment(
  inputKeys: readonly string[],
  tolerateMissing = false,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(INPUT_KEY_BY_ENV)
      .filter(([, key]) => inputKeys.includes(key))
      .map(([name, key]) => [
        name,
        tolerateMissing || key === CLAIMED_AT_INPUT_KEY
          ? `\${try(self.input.${key}, "")}`
          : `\${self.input.${key}}`,
      ]),
  );
}

/**
 * The delete step: a destroy-time local-exec. Its references tolerate missing keys: it reads the state, which a
 * stack deployed by an earlier release (or not re-applied since a prop was added) may hold without some keys.
 */
export function deleteStep(handlerScript: string, inputKeys: readonly string[]): LocalExecProvisioner {
  return {
    type: "local-exec",
    when: "destroy",
    command: handlerCommand(handlerScript, HandlerCommand.DELETE),
    environment: selfInputEnvironment(inputKeys, true),
  };
}

/**
 * The create step: a create-time local-exec. Only the claim time may be missing (a stack deployed before it was
 * recorded); every other key comes from the configuration being applied.
 */
export function createStep(handlerScript: string, inputKeys: readonly string[]): LocalExecProvisioner {
  return {
    type: "local-exec",
    command: handlerCommand(handlerScript, HandlerCommand.CREATE),
    environment: selfInputEnvironment(inputKeys),
  };
}
