import { LocalExecProvisioner } from "cdktf";

/**
 * The create-time and destroy-time local-exec provisioners that run the handler.
 *
 * Each environment value is a `${self.input.<key>}` reference, so values reach the handler only as data (never
 * through the shell), and the destroy step sees the identity recorded in state. The command itself is a literal
 * holding the current synth's asset path: a path read from state would point at an asset folder that a later
 * synth has already removed.
 *
 * @param handlerPath the handler asset path, relative to the stack folder (Terraform's working directory)
 * @param envToInputKey environment variable name → key of the resource's `input`
 */
export function handlerProvisioners(
  handlerPath: string,
  envToInputKey: Readonly<Record<string, string>>,
): LocalExecProvisioner[] {
  const environment = Object.fromEntries(
    Object.entries(envToInputKey).map(([name, key]) => [name, `\${self.input.${key}}`]),
  );
  return [
    { type: "local-exec", command: `node ${handlerPath} create`, environment },
    { type: "local-exec", when: "destroy", command: `node ${handlerPath} delete`, environment },
  ];
}
