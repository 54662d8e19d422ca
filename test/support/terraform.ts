import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { App, LocalBackend, TerraformStack } from "cdktf";
import { ProcessEnd, RunningProcess, startProcess } from "./running-process";

/** Result of one terraform command. */
export interface TerraformRun {
  readonly exitCode: number;
  readonly output: string;
}

/** How a {@link TerraformWorkspace} keeps its state. */
export interface TerraformWorkspaceOptions {
  /**
   * Declares the stack's backend. @default a local state file in the workspace folder ({@link TerraformWorkspace.stateFile})
   */
  readonly backend?: (stack: TerraformStack) => void;
}

/**
 * Fails loudly when terraform is missing: the end-to-end tests are the proof that destroy works, so they must not
 * pass silently. `ENS_SKIP_TERRAFORM_TESTS=1` is the explicit, visible way to skip them on a machine without it.
 */
export function terraformAvailable(): boolean {
  try {
    execFileSync("terraform", ["version"], { stdio: "ignore", env: baseTerraformEnv() });
    return true;
  } catch {
    if (process.env.ENS_SKIP_TERRAFORM_TESTS === "1") {
      console.warn("terraform is not on PATH: end-to-end tests SKIPPED because ENS_SKIP_TERRAFORM_TESTS=1");
      return false;
    }
    throw new Error(
      "terraform (>= 1.9) is not on PATH, so the end-to-end tests cannot prove that destroy works. " +
        "Install terraform, or set ENS_SKIP_TERRAFORM_TESTS=1 to skip them knowingly.",
    );
  }
}

let cliConfigFile: string | undefined;

/** The environment every terraform run gets: no telemetry, an existing (empty) CLI config, no cloud metadata. */
export function baseTerraformEnv(): Record<string, string> {
  if (!cliConfigFile) {
    cliConfigFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tf-cli-")), "terraformrc");
    fs.writeFileSync(cliConfigFile, "");
  }
  return {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    CHECKPOINT_DISABLE: "1",
    TF_CLI_CONFIG_FILE: cliConfigFile,
    TF_IN_AUTOMATION: "1",
    ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true",
  };
}

/**
 * A synthesized stack in its own temporary folder, driven by the real terraform binary. Its state is a local file in
 * that folder unless `options.backend` declares another backend (e.g. `test/support/pg-backend.ts`); two workspaces
 * with the same remote backend are two checkouts of one project sharing one state.
 */
export class TerraformWorkspace {
  /** The project folder (holds cdktf.json, the state file and whatever the stack writes). */
  public readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), "ens-e2e-"));
  private readonly outdir = path.join(this.dir, "cdktf.out");
  private initialized = false;

  constructor(
    private readonly stackName: string,
    private readonly env: Record<string, string>,
    private readonly options: TerraformWorkspaceOptions = {},
  ) {
    // A cdktf project folder, as `cdktf init` makes one: a relative privateKeyFile is relative to it.
    fs.writeFileSync(
      path.join(this.dir, "cdktf.json"),
      JSON.stringify({ language: "typescript", app: "true" }),
    );
  }

  /** Path of the local state file (unused when `options.backend` declares another backend). */
  public get stateFile(): string {
    return path.join(this.dir, "terraform.tfstate");
  }

  /** The synthesized stack folder (Terraform's working directory). */
  public get stackDir(): string {
    return path.join(this.outdir, "stacks", this.stackName);
  }

  /** Synthesizes the stack that `build` declares, as `cdktf synth` would (validations included). */
  public synth(build: (stack: TerraformStack) => void): void {
    const app = new App({ outdir: this.outdir });
    const stack = new TerraformStack(app, this.stackName);
    if (this.options.backend) this.options.backend(stack);
    else new LocalBackend(stack, { path: this.stateFile });
    build(stack);
    app.synth();
  }

  /** Runs terraform with the given arguments in the stack folder. */
  public async terraform(...args: string[]): Promise<TerraformRun> {
    return asRun(await (await this.start(args)).ended());
  }

  /**
   * Starts terraform with the given arguments in the stack folder (after `terraform init`, the first time) and
   * returns at once, so a test can act while it runs: wait for its output, signal it, await its end.
   */
  public async start(
    args: readonly string[],
    options: { readonly ownProcessGroup?: boolean; readonly env?: Readonly<Record<string, string>> } = {},
  ): Promise<RunningProcess> {
    if (args[0] !== "init") await this.init();
    return this.spawn(args, options.ownProcessGroup, options.env);
  }

  /** `terraform init`, once (later calls return at once). @throws Error with terraform's output when it fails */
  public async init(): Promise<void> {
    if (this.initialized) return;
    const init = asRun(await this.spawn(["init", "-input=false", "-no-color"]).ended());
    if (init.exitCode !== 0) throw new Error(`terraform init failed:\n${init.output}`);
    this.initialized = true;
  }

  /** `terraform apply -auto-approve`. */
  public apply(): Promise<TerraformRun> {
    return this.terraform("apply", "-auto-approve", "-input=false", "-no-color");
  }

  /** `terraform destroy -auto-approve`. */
  public destroy(): Promise<TerraformRun> {
    return this.terraform("destroy", "-auto-approve", "-input=false", "-no-color");
  }

  /** The addresses in state (`terraform state list`), sorted. */
  public async stateList(): Promise<string[]> {
    if (!this.options.backend && !fs.existsSync(this.stateFile)) return [];
    const run = await this.terraform("state", "list", "-no-color");
    if (run.exitCode !== 0) throw new Error(`terraform state list failed:\n${run.output}`);
    return run.output.split("\n").filter(Boolean).sort();
  }

  /** The state as JSON text: the local state file, or `terraform state pull` from another backend. */
  public async stateJson(): Promise<string> {
    if (!this.options.backend)
      return fs.existsSync(this.stateFile) ? fs.readFileSync(this.stateFile, "utf8") : "{}";
    const pull = await this.terraform("state", "pull");
    if (pull.exitCode !== 0) throw new Error(`terraform state pull failed:\n${pull.output}`);
    return pull.output;
  }

  /** Resolves once the wall clock is past the second of every claim this workspace's state records. */
  public async afterRecordedClaims(): Promise<void> {
    await pastRecordedClaims(await this.stateJson());
  }

  /** Removes the folder. */
  public dispose(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  private spawn(
    args: readonly string[],
    ownProcessGroup = false,
    extraEnv: Readonly<Record<string, string>> = {},
  ): RunningProcess {
    return startProcess("terraform", args, {
      cwd: this.stackDir,
      env: { ...baseTerraformEnv(), HOME: this.dir, ...this.env, ...extraEnv },
      ownProcessGroup,
    });
  }
}

/**
 * Resolves once the wall clock is past the second of every claim `stateJson` (a Terraform state, or `show -json`)
 * records. Terraform's timestamps have whole seconds, and a create step planned within the very second of its key
 * pair's claim counts as the run that made the claim (the safe reading; see lib/key-pairs/key-pair-ownership.ts). A
 * real run after an interruption comes seconds later at least; a test's next run may come sooner, so it waits for
 * the clock to pass that second.
 */
export async function pastRecordedClaims(stateJson: string): Promise<void> {
  const claims = [...stateJson.matchAll(/"claimed_at": ?"([^"]+)"/g)]
    .map((m) => Date.parse(m[1]))
    .filter(Number.isFinite);
  const waitMs = Math.max(0, ...claims.map((claim) => claim + 1_000 - Date.now()));
  if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
}

/** A finished terraform command as a {@link TerraformRun}; a signal that ended it reads as exit code -1. */
export function asRun(end: ProcessEnd): TerraformRun {
  return { exitCode: end.exitCode ?? -1, output: end.output };
}
