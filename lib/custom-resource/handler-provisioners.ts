import { LocalExecProvisioner } from "cdktf";
import { HANDLER_INPUTS, HandlerCommand, HandlerInputKey, InputKey } from "../shared/handler-contract";
import { minimumNodeVersion } from "./handler-asset";

/** Every key the `input` of a key pair's main resource (the one with the delete step) may hold. */
export const RESOURCE_INPUT_KEYS: readonly HandlerInputKey[] = Object.values(HANDLER_INPUTS)
  .map(({ inputKey }) => inputKey)
  .filter((key) => key !== InputKey.plannedAt);

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
function handlerCommand(handlerScript: string, command: HandlerCommand): string {
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
function selfInputEnvironment(
  inputKeys: readonly HandlerInputKey[],
  tolerateMissing = false,
): Record<string, string> {
  return Object.fromEntries(
    Object.values(HANDLER_INPUTS)
      .filter(({ inputKey }) => inputKeys.includes(inputKey))
      .map(({ inputKey, env }) => [
        env,
        tolerateMissing || inputKey === InputKey.claimedAt
          ? `\${try(self.input.${inputKey}, "")}`
          : `\${self.input.${inputKey}}`,
      ]),
  );
}

/**
 * The delete step: a destroy-time local-exec. Its references tolerate missing keys: it reads the state, which a
 * stack deployed by an earlier release (or not re-applied since a prop was added) may hold without some keys.
 */
export function deleteStep(
  handlerScript: string,
  inputKeys: readonly HandlerInputKey[],
): LocalExecProvisioner {
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
export function createStep(
  handlerScript: string,
  inputKeys: readonly HandlerInputKey[],
): LocalExecProvisioner {
  return {
    type: "local-exec",
    command: handlerCommand(handlerScript, HandlerCommand.CREATE),
    environment: selfInputEnvironment(inputKeys),
  };
}
