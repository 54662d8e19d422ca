import { LocalExecProvisioner } from "cdktf";
import { HandlerCommand, HandlerEnv } from "../handler-contract";

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
};

/**
 * The literal command that runs the handler. It holds the current synth's asset path: a path read from state
 * would point at an asset folder that a later synth has already removed.
 *
 * @param handlerScript the handler script, relative to the stack folder (Terraform's working directory)
 */
export function handlerCommand(handlerScript: string, command: HandlerCommand): string {
  return `node ${handlerScript} ${command}`;
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
        tolerateMissing ? `\${try(self.input.${key}, "")}` : `\${self.input.${key}}`,
      ]),
  );
}

/** The create-time and destroy-time local-exec provisioners that run the handler for a resource with these inputs. */
export function handlerProvisioners(
  handlerPath: string,
  inputKeys: readonly string[],
): LocalExecProvisioner[] {
  const environment = selfInputEnvironment(inputKeys);
  return [
    { type: "local-exec", command: handlerCommand(handlerPath, HandlerCommand.CREATE), environment },
    {
      type: "local-exec",
      when: "destroy",
      command: handlerCommand(handlerPath, HandlerCommand.DELETE),
      environment,
    },
  ];
}
