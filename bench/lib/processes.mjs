// Timed child processes with a clean, fully specified environment: nothing from the caller's shell (a CA bundle
// in NODE_EXTRA_CA_CERTS alone adds ~35 ms to every Node.js start on some machines), HOME in a scratch folder so
// no real profile is read, and the ECS metadata service disabled.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { clearTimeout, setTimeout } from "node:timers";

const scratchDirs = [];

/** A scratch folder for one benchmark (removed by {@link removeScratchDirs}). */
export function scratchDir(label) {
  const dir = mkdtempSync(join(tmpdir(), `ens-bench-${label}-`));
  scratchDirs.push(dir);
  return dir;
}

/** Removes every scratch folder made so far. */
export function removeScratchDirs() {
  for (const dir of scratchDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** The base environment of every benchmarked process (see the file comment). */
export function cleanEnv(home) {
  return {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: home,
    ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true",
  };
}

/**
 * The environment for terraform: an empty CLI config file (the machine's TF_CLI_CONFIG_FILE may point at a missing
 * one) and no update checks.
 */
export function terraformEnv(home) {
  const config = join(home, "terraformrc");
  writeFileSync(config, "");
  return { ...cleanEnv(home), TF_CLI_CONFIG_FILE: config, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1" };
}

/**
 * Runs a process to its end.
 *
 * @returns exit code, wall milliseconds from spawn to exit, stdout and stderr
 * @throws Error when it does not exit within `timeoutMs` (it is killed)
 */
export function timedRun(command, args, { env, cwd, timeoutMs = 120_000 } = {}) {
  return new Promise((resolve, reject) => {
    const startedAt = performance.now();
    const child = spawn(command, args, { env, cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(
        new Error(`${command} ${args.join(" ")} did not exit within ${timeoutMs} ms; stderr: ${stderr}`),
      );
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      const wallMs = performance.now() - startedAt;
      // stdout/stderr may still be draining after "exit"; wait for "close" before handing them back.
      child.on("close", () => resolve({ exitCode: code ?? -1, wallMs, stdout, stderr }));
    });
  });
}

/**
 * CPU milliseconds (user + system) of every child this process has reaped so far, from /proc/self/stat (Linux), or
 * undefined elsewhere. The runs are sequential, so the difference across one run is that child's CPU time: a figure
 * other load on the machine disturbs far less than wall time (it is summed, in 10 ms ticks, so only its mean is kept).
 */
export function reapedChildrenCpuMs(clockTicksPerSecond) {
  if (!clockTicksPerSecond || !existsSync("/proc/self/stat")) return undefined;
  const stat = readFileSync("/proc/self/stat", "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // Fields 16 and 17 of proc_pid_stat(5), cutime and cstime; `fields` starts at field 3.
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / clockTicksPerSecond;
}

/** The kernel's clock ticks per second (for {@link reapedChildrenCpuMs}), or undefined where getconf is missing. */
export function clockTicksPerSecond() {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || undefined;
  } catch {
    return undefined;
  }
}
