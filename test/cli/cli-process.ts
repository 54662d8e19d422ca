/**
 * Runs the bundled operator CLI (`dist/cli/ens-key-pair.js`) as a real process, executed directly (so its shebang
 * and executable bit are exercised), with a clean environment: PATH, a fresh empty HOME (no real profile file is
 * ever read), the ECS metadata service disabled, plus the variables a test gives. Every run is checked for
 * leaked secrets.
 *
 * The bundle is (re)built first when it is missing or older than its sources, so a test never runs stale code.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { EnsEmulator } from "../../lib/testing";
import { CLI_BUNDLE, ensureBundles } from "../support/bundles";

/** How long one CLI run may take before the test fails. */
const RUN_TIMEOUT_MS = 60_000;

/** The outcome of one CLI process. */
export interface CliProcessResult {
  /** The exit code (or -1 if killed by a signal). */
  readonly exitCode: number;
  /** Everything written to stdout. */
  readonly stdout: string;
  /** Everything written to stderr. */
  readonly stderr: string;
  /** Wall time from spawn to exit. */
  readonly durationMs: number;
}

/**
 * Runs `ens-key-pair <args>`.
 *
 * @param env variables on top of PATH, HOME (a fresh temp folder) and ALIBABA_CLOUD_ECS_METADATA_DISABLED=true
 */
export async function runCli(
  args: readonly string[],
  env: Readonly<Record<string, string>>,
): Promise<CliProcessResult> {
  ensureBundles();
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "ens-cli-"));
  const startedAt = Date.now();
  try {
    return await new Promise<CliProcessResult>((resolve, reject) => {
      const child = spawn(CLI_BUNDLE, [...args], {
        cwd: home,
        env: {
          PATH: process.env.PATH ?? "/usr/bin:/bin",
          HOME: home,
          ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true",
          ...env,
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        reject(new Error(`ens-key-pair did not exit within ${RUN_TIMEOUT_MS} ms; stderr so far:\n${stderr}`));
      }, RUN_TIMEOUT_MS);
      child.on("error", (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.on("close", (code) => {
        clearTimeout(timer);
        resolve({ exitCode: code ?? -1, stdout, stderr, durationMs: Date.now() - startedAt });
      });
    });
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}

/** Runs the CLI pointed at `emulator` (its env first, then `env`) and checks that no secret was printed. */
export async function runCliAgainst(
  emulator: EnsEmulator,
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<CliProcessResult> {
  const result = await runCli(args, { ...emulator.env(), ...env });
  expect(result.stdout + result.stderr).not.toContain(emulator.credentials.accessKeySecret);
  return result;
}

/** The final `ens-key-pair: error:` line, if any. */
export function errorLine(stderr: string): string | undefined {
  return stderr.split("\n").find((line) => line.startsWith("ens-key-pair: error: "));
}

/** The actions the emulator received, in order. */
export function actionsCalled(emulator: EnsEmulator): string[] {
  return emulator.calls().map((call) => call.action);
}
