/**
 * Runs the bundled operator CLI (`dist/cli/ens-key-pair.js`) as a real process, executed directly (so its shebang
 * and executable bit are exercised), with a clean environment: PATH, a fresh empty HOME (no real profile file is
 * ever read), the ECS metadata service disabled, plus the variables a test gives. Every run is checked for
 * leaked secrets.
 */
import type { EnsEmulator } from "../../lib/testing";
import { CLI_BUNDLE } from "../support/bundles";
import { IsolatedProcessOptions, ProcessResult, runIsolated } from "../support/isolated-process";

export { errorLine } from "../support/isolated-process";

/** The outcome of one CLI process. */
export type CliProcessResult = ProcessResult;

/**
 * Runs `ens-key-pair <args>`, executing the bundle directly (so its shebang and executable bit are exercised).
 *
 * @param env variables on top of PATH, HOME (a fresh temp folder) and ALIBABA_CLOUD_ECS_METADATA_DISABLED=true
 */
export function runCli(
  args: readonly string[],
  env: Readonly<Record<string, string>>,
  options: IsolatedProcessOptions = {},
): Promise<CliProcessResult> {
  return runIsolated(CLI_BUNDLE, args, env, options);
}

/** Runs the CLI pointed at `emulator` (its env first, then `env`) and checks that no secret was printed. */
export async function runCliAgainst(
  emulator: EnsEmulator,
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
  options: IsolatedProcessOptions = {},
): Promise<CliProcessResult> {
  const result = await runCli(args, { ...emulator.env(), ...env }, options);
  expect(result.stdout + result.stderr).not.toContain(emulator.credentials.accessKeySecret);
  return result;
}

/** The actions the emulator received, in order. */
export function actionsCalled(emulator: EnsEmulator): string[] {
  return emulator.calls().map((call) => call.action);
}
