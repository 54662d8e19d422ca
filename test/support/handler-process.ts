/**
 * Runs the bundled handler (`node dist/handler/handler.js <command>`) as a real process, the way Terraform's
 * local-exec does, with a clean environment: PATH, a fresh empty HOME (no real profile file is ever read),
 * the ECS metadata service disabled, plus the variables a test gives.
 *
 * The bundle is (re)built first when it is missing or older than its sources, so a test never runs stale code.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { HANDLER_BUNDLE, ensureBundles } from "./bundles";

/** The outcome of one handler process. */
export interface HandlerProcessResult {
  /** The exit code (or -1 if killed by a signal). */
  readonly exitCode: number;
  /** Everything written to stdout. */
  readonly stdout: string;
  /** Everything written to stderr. */
  readonly stderr: string;
  /** Wall time from spawn to exit. */
  readonly durationMs: number;
}

/** Options of {@link runHandler}. */
export interface RunHandlerOptions {
  /** Kill the process after this long and fail. @default 60000 */
  readonly timeoutMs?: number;
  /** Working directory. @default a fresh temp folder */
  readonly cwd?: string;
}

/**
 * Runs the handler with `args` (normally one command, `create` or `delete`).
 *
 * @param env extra variables, on top of PATH, HOME (a fresh temp folder unless given) and
 *   ALIBABA_CLOUD_ECS_METADATA_DISABLED=true
 */
export async function runHandler(
  args: string | readonly string[],
  env: Readonly<Record<string, string>>,
  options: RunHandlerOptions = {},
): Promise<HandlerProcessResult> {
  ensureBundles();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "ens-handler-"));
  const fullEnv = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: scratch,
    ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true",
    ...env,
  };
  const startedAt = Date.now();
  try {
    return await new Promise<HandlerProcessResult>((resolve, reject) => {
      const child = spawn(process.execPath, [HANDLER_BUNDLE, ...(typeof args === "string" ? [args] : args)], {
        cwd: options.cwd ?? scratch,
        env: fullEnv,
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
      const timeoutMs = options.timeoutMs ?? 60_000;
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        reject(new Error(`handler did not exit within ${timeoutMs} ms; stderr so far:\n${stderr}`));
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
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** The attempt lines of one action in a handler's stderr. */
export function attemptLines(stderr: string, action: string): string[] {
  return stderr.split("\n").filter((line) => line.startsWith(`ens-key-pair: ${action} `));
}

/** The final `ens-key-pair: error:` line, if any. */
export function errorLine(stderr: string): string | undefined {
  return stderr.split("\n").find((line) => line.startsWith("ens-key-pair: error: "));
}
