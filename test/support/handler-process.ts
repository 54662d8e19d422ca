/**
 * Runs the bundled handler (`node dist/handler/handler.js <command>`) as a real process, the way Terraform's
 * local-exec does, with a clean environment: PATH, a fresh empty HOME (no real profile file is ever read),
 * the ECS metadata service disabled, plus the variables a test gives.
 *
 * The bundle is (re)built first when it is missing or older than its sources, so a test never runs stale code.
 */
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

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

const REPO_ROOT = path.resolve(__dirname, "..", "..");

/** Absolute path of the bundled handler. */
export const HANDLER_BUNDLE = path.join(REPO_ROOT, "dist", "handler", "handler.js");

const BUNDLE_SOURCES = [
  path.join(REPO_ROOT, "lib", "handler"),
  path.join(REPO_ROOT, "lib", "ens"),
  path.join(REPO_ROOT, "lib", "cli"),
  path.join(REPO_ROOT, "lib", "key-pair-name.ts"),
  path.join(REPO_ROOT, "lib", "key-pair-id.ts"),
  path.join(REPO_ROOT, "lib", "public-key.ts"),
  path.join(REPO_ROOT, "lib", "endpoint.ts"),
  path.join(REPO_ROOT, "lib", "handler-contract.ts"),
  path.join(REPO_ROOT, "scripts", "bundle-handler.mjs"),
  path.join(REPO_ROOT, "scripts", "handler-bundle"),
];

function newestMtimeMs(entry: string): number {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...fs.readdirSync(entry).map((name) => newestMtimeMs(path.join(entry, name))));
}

let bundleChecked = false;

/** Builds the handler bundle unless it exists and is newer than every source it is made from. */
export function ensureHandlerBundle(): void {
  if (bundleChecked) return;
  const bundleMtime = fs.statSync(HANDLER_BUNDLE, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  if (bundleMtime < Math.max(...BUNDLE_SOURCES.map(newestMtimeMs))) {
    execFileSync(process.execPath, [path.join(REPO_ROOT, "scripts", "bundle-handler.mjs")], {
      stdio: "ignore",
    });
  }
  bundleChecked = true;
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
  ensureHandlerBundle();
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
