/**
 * Runs the bundled handler (`node dist/handler/handler.js <command>`) as a real process, the way Terraform's
 * local-exec does, in an isolated environment (see isolated-process.ts).
 */
import { HANDLER_BUNDLE } from "./bundles";
import { IsolatedProcessOptions, ProcessResult, runIsolated } from "./isolated-process";

export { errorLine } from "./isolated-process";

/** The outcome of one handler process. */
export type HandlerProcessResult = ProcessResult;

/** Options of {@link runHandler}. */
export type RunHandlerOptions = IsolatedProcessOptions;

/**
 * Runs the handler with `args` (normally one command, `create` or `delete`).
 *
 * @param env extra variables, on top of PATH, HOME (a fresh temp folder) and ALIBABA_CLOUD_ECS_METADATA_DISABLED=true
 */
export function runHandler(
  args: string | readonly string[],
  env: Readonly<Record<string, string>>,
  options: RunHandlerOptions = {},
): Promise<HandlerProcessResult> {
  return runIsolated(
    process.execPath,
    [HANDLER_BUNDLE, ...(typeof args === "string" ? [args] : args)],
    env,
    options,
  );
}

/** The attempt lines of one action in a handler's stderr. */
export function attemptLines(stderr: string, action: string): string[] {
  return stderr.split("\n").filter((line) => line.startsWith(`ens-key-pair: ${action} `));
}
