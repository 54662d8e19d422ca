/**
 * Runs a bundled program (handler or CLI) as a real process with a clean environment: PATH, a fresh empty HOME (no
 * real profile file is ever read), the ECS metadata service disabled, plus the variables a test gives.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ensureBundles } from "./bundles";

/** The outcome of one process. */
export interface ProcessResult {
  /** The exit code (or -1 if killed by a signal). */
  readonly exitCode: number;
  /** Everything written to stdout. */
  readonly stdout: string;
  /** Everything written to stderr. */
  readonly stderr: string;
  /** Wall time from spawn to exit. */
  readonly durationMs: number;
}

/** Options of {@link runIsolated}. */
export interface IsolatedProcessOptions {
  /** Kill the process after this long and fail. @default 60000 */
  readonly timeoutMs?: number;
  /** Working directory. @default the fresh HOME folder */
  readonly cwd?: string;
  /** Written to the process's stdin, which is then closed. @default - no stdin */
  readonly stdin?: string;
}

/** Spawns `command args` (building the bundles first if they are stale) and collects its output. */
export async function runIsolated(
  command: string,
  args: readonly string[],
  env: Readonly<Record<string, string>>,
  options: IsolatedProcessOptions = {},
): Promise<ProcessResult> {
  ensureBundles();
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "ens-process-"));
  const startedAt = Date.now();
  try {
    return await new Promise<ProcessResult>((resolve, reject) => {
      const child = spawn(command, [...args], {
        cwd: options.cwd ?? home,
        env: {
          PATH: process.env.PATH ?? "/usr/bin:/bin",
          HOME: home,
          ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true",
          ...env,
        },
        stdio: [options.stdin === undefined ? "ignore" : "pipe", "pipe", "pipe"],
      });
      if (options.stdin !== undefined) child.stdin?.end(options.stdin);
      let stdout = "";
      let stderr = "";
      child.stdout?.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
      child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
      const timeoutMs = options.timeoutMs ?? 60_000;
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        reject(new Error(`${command} did not exit within ${timeoutMs} ms; stderr so far:\n${stderr}`));
      }, timeoutMs);
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

/** The final `ens-key-pair: error:` line (handler and CLI share the format), if any. */
export function errorLine(stderr: string): string | undefined {
  return stderr.split("\n").find((line) => line.startsWith("ens-key-pair: error: "));
}
