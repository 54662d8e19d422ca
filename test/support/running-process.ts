/**
 * A process a test can act on while it runs: wait for a line it prints, send it (or its whole process group) a
 * signal, and await its end. Every wait has a time limit, so a broken build fails in seconds.
 */
import { ChildProcess, spawn } from "node:child_process";

/** How a process ended. */
export interface ProcessEnd {
  /** The exit code, or null when a signal ended it. */
  readonly exitCode: number | null;
  /** The signal that ended it, if any. */
  readonly signal: NodeJS.Signals | null;
  /** Everything it wrote to stdout and stderr, interleaved as it arrived. */
  readonly output: string;
}

/** Options of {@link startProcess}. */
export interface StartOptions {
  /** Working directory. */
  readonly cwd: string;
  /** The whole environment. */
  readonly env: Readonly<Record<string, string>>;
  /**
   * Start it as the leader of a new process group, as a shell does for a foreground job, so that
   * {@link RunningProcess.signalGroup} reaches it and its children (Ctrl-C in a terminal). @default false
   */
  readonly ownProcessGroup?: boolean;
}

/** Default time limit of every wait. */
export const DEFAULT_WAIT_MS = 60_000;

/** A started process. */
export class RunningProcess {
  private output = "";
  private readonly lineWaiters: Array<{ pattern: RegExp; resolve: () => void }> = [];
  private readonly end: Promise<ProcessEnd>;

  constructor(
    private readonly child: ChildProcess,
    private readonly description: string,
  ) {
    const collect = (chunk: Buffer): void => {
      this.output += chunk.toString("utf8");
      for (const waiter of [...this.lineWaiters]) {
        if (waiter.pattern.test(this.output)) {
          this.lineWaiters.splice(this.lineWaiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      }
    };
    child.stdout?.on("data", collect);
    child.stderr?.on("data", collect);
    this.end = new Promise((resolve, reject) => {
      child.on("error", reject);
      child.on("close", (exitCode, signal) => resolve({ exitCode, signal, output: this.output }));
    });
  }

  /** The process ID. */
  public get pid(): number {
    if (this.child.pid === undefined) throw new Error(`${this.description} did not start`);
    return this.child.pid;
  }

  /** Everything printed so far. */
  public get printed(): string {
    return this.output;
  }

  /** Resolves once the output so far matches `pattern`; rejects after `timeoutMs` or if the process ends first. */
  public waitForOutput(pattern: RegExp, timeoutMs = DEFAULT_WAIT_MS): Promise<void> {
    if (pattern.test(this.output)) return Promise.resolve();
    return this.bounded(
      new Promise<void>((resolve, reject) => {
        this.lineWaiters.push({ pattern, resolve });
        void this.end.then(() =>
          reject(new Error(`${this.description} ended before printing ${pattern}:\n${this.output}`)),
        );
      }),
      timeoutMs,
      `printing ${pattern}`,
    );
  }

  /** Sends `signal` to the process alone. */
  public signal(signal: NodeJS.Signals): void {
    process.kill(this.pid, signal);
  }

  /** Sends `signal` to the process's whole group (it must have been started with `ownProcessGroup`). */
  public signalGroup(signal: NodeJS.Signals): void {
    process.kill(-this.pid, signal);
  }

  /** Resolves when the process has ended; rejects after `timeoutMs`. */
  public ended(timeoutMs = DEFAULT_WAIT_MS): Promise<ProcessEnd> {
    return this.bounded(this.end, timeoutMs, "ending");
  }

  private bounded<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(`${this.description} was not done ${what} within ${timeoutMs} ms:\n${this.output}`),
          ),
        timeoutMs,
      );
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }
}

/** Starts `command args`. */
export function startProcess(
  command: string,
  args: readonly string[],
  options: StartOptions,
): RunningProcess {
  const child = spawn(command, [...args], {
    cwd: options.cwd,
    env: { ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: options.ownProcessGroup === true,
  });
  return new RunningProcess(child, `${command} ${args.join(" ")}`);
}
