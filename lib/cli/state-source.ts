/**
 * Where `drift` and `sweep` read a Terraform state from, always as Terraform's documented JSON (`terraform show
 * -json`, format_version 1.x), never by parsing a state file's internals:
 * - `-`: `terraform show -json` output on stdin;
 * - a file holding `terraform show -json` output: used as it is;
 * - any other JSON file (a state file such as `terraform.tfstate`): converted by `terraform show -json FILE`, run in
 *   the current folder. Terraform needs the providers of every resource in it for that: with only EnsKeyPairs
 *   (terraform_data, built in) it works offline; with alicloud resources it needs a folder whose `terraform init`
 *   installed them, or the show output passed instead;
 * - a folder with Terraform configuration (a stack folder, `cdktf.out/stacks/<stack>`): `terraform show -json` run
 *   there, which reads the stack's own backend (local or remote) once `terraform init` has run.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { stripVTControlCharacters } from "node:util";
import { ConfigurationError } from "../ens/configuration-error";
import { describeValue } from "../shared/key-pair-name";

/** The state given as `-`. */
export const STDIN_STATE = "-";

/** How long one `terraform show -json` may take. */
const TERRAFORM_SHOW_TIMEOUT_MS = 120_000;

/** The variable that names the terraform binary, as for the cdktf CLI. */
export const TERRAFORM_BINARY_VAR = "TERRAFORM_BINARY_NAME";

/** One state, read. */
export interface StateSource {
  /** How the user named it (the path, or `-`). */
  readonly label: string;
  /** The cdktf stack it belongs to, when its path tells (`cdktf.out/stacks/<stack>`, `terraform.<stack>.tfstate`). */
  readonly stackName?: string;
  /** The document's `values` (undefined for an empty state). */
  readonly values: unknown;
  /**
   * The folder terraform showed the state in, as an absolute path, when the STATE is a stack folder: where
   * Terraform runs the handler, so where a relative `privateKeyFile` is resolved from. @default - not a folder
   */
  readonly stackFolder?: string;
}

/** What reading a state needs from the process. */
interface StateReadIo {
  /** The environment terraform runs with (PATH, backend credentials). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Reads all of stdin. */
  readonly readStdin: () => Promise<string>;
  /** Where a relative path starts, and where `terraform show -json FILE` runs. */
  readonly cwd: string;
}

/** A state that cannot be read: a usage or configuration error (exit 2). */
export class StateReadError extends ConfigurationError {
  constructor(label: string, problem: string) {
    super(`cannot read the state ${label === STDIN_STATE ? "on stdin" : describeValue(label)}: ${problem}`);
  }
}

type JsonObject = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** True for `terraform show -json` output of a state or a plan (both carry `format_version`). */
function isShowOutput(document: unknown): document is JsonObject {
  return isObject(document) && typeof document.format_version === "string";
}

/** The `values` of a state's show output, after checking it is one this reader understands. */
function stateValues(label: string, document: JsonObject): unknown {
  const version = document.format_version as string;
  if (!/^1(\.|$)/.test(version)) {
    throw new StateReadError(label, `its format_version is ${version}; only 1.x is understood.`);
  }
  if ("planned_values" in document || "resource_changes" in document) {
    throw new StateReadError(label, "it is the JSON of a plan, not of a state. Give the state itself.");
  }
  return document.values;
}

function parsed(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** The stack name a path shows, as cdktf lays projects out. */
function stackNameOf(resolved: string, isFolder: boolean): string | undefined {
  if (isFolder) {
    const parent = path.dirname(resolved);
    return path.basename(parent) === "stacks" && path.basename(path.dirname(parent)) === "cdktf.out"
      ? path.basename(resolved)
      : undefined;
  }
  return /^terraform\.(.+)\.tfstate$/.exec(path.basename(resolved))?.[1];
}

/** The last lines of terraform's error output, without colours and box drawing. */
function terraformError(stderr: string): string {
  const lines = stripVTControlCharacters(stderr)
    .split("\n")
    .map((line) => line.replace(/^[│╷╵]\s?/, "").trim())
    .filter(Boolean);
  return lines.slice(0, 12).join(" ");
}

interface TerraformRun {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function runTerraform(
  label: string,
  args: readonly string[],
  cwd: string,
  io: StateReadIo,
): Promise<TerraformRun> {
  const binary = io.env[TERRAFORM_BINARY_VAR] || "terraform";
  return new Promise((resolve, reject) => {
    const child = spawn(binary, [...args], { cwd, env: { ...io.env }, stdio: ["ignore", "pipe", "pipe"] });
    const stdout: Buffer[] = [];
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(
        new StateReadError(
          label,
          `\`${binary} ${args.join(" ")}\` did not finish within ${TERRAFORM_SHOW_TIMEOUT_MS / 1000} s.`,
        ),
      );
    }, TERRAFORM_SHOW_TIMEOUT_MS);
    child.on("error", (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        new StateReadError(
          label,
          error.code === "ENOENT"
            ? `${binary} is not on PATH, and reading a state file or stack folder runs \`${binary} show -json\` ` +
                `(set ${TERRAFORM_BINARY_VAR} to use another binary), or pass \`terraform show -json\` output instead.`
            : `could not run ${binary}: ${error.message}`,
        ),
      );
    });
    child.on("close", (exitCode) => {
      clearTimeout(timer);
      resolve({ exitCode, stdout: Buffer.concat(stdout).toString("utf8"), stderr });
    });
  });
}

/** Runs `terraform show -json [file]` and returns the values of the state it prints. */
async function showJson(
  label: string,
  cwd: string,
  file: string | undefined,
  io: StateReadIo,
): Promise<unknown> {
  const args = ["show", "-json", "-no-color", ...(file ? [file] : [])];
  const run = await runTerraform(label, args, cwd, io);
  if (run.exitCode !== 0) {
    const detail = terraformError(run.stderr);
    const hint = /Failed to load plugin schemas|Could not load the schema for provider/.test(detail)
      ? " It needs the providers of every resource in the state: run `terraform show -json > state.json` where " +
        "`terraform init` installed them (the stack folder) and pass state.json, or pass that folder."
      : file === undefined
        ? " Run `terraform init` in that folder first."
        : "";
    throw new StateReadError(
      label,
      `\`terraform ${args.join(" ")}\` failed (exit ${run.exitCode}): ${detail}.${hint}`,
    );
  }
  const output = parsed(run.stdout);
  if (!output.ok || !isShowOutput(output.value)) {
    throw new StateReadError(label, "`terraform show -json` printed something that is not its JSON.");
  }
  return stateValues(label, output.value);
}

function hasTerraformConfiguration(folder: string): boolean {
  return fs.readdirSync(folder).some((name) => name.endsWith(".tf") || name.endsWith(".tf.json"));
}

function notAStackFolder(label: string, folder: string): StateReadError {
  const stacks = path.join(folder, "cdktf.out", "stacks");
  const hint = fs.existsSync(stacks)
    ? ` For a cdktf project, pass a stack folder: ${fs
        .readdirSync(stacks)
        .map((stack) => path.join(label, "cdktf.out", "stacks", stack))
        .join(", ")}.`
    : " Pass a stack folder (cdktf.out/stacks/<stack>), a state file, or `terraform show -json` output.";
  return new StateReadError(label, `the folder holds no Terraform configuration (*.tf, *.tf.json).${hint}`);
}

/**
 * Reads one state.
 *
 * @throws StateReadError when the path does not exist, is not JSON, is not a state, or terraform cannot show it
 */
export async function readStateSource(label: string, io: StateReadIo): Promise<StateSource> {
  if (label === STDIN_STATE) {
    const document = parsed(await io.readStdin());
    if (!document.ok) throw new StateReadError(label, "it is not JSON. Pipe `terraform show -json` into it.");
    if (!isShowOutput(document.value)) {
      throw new StateReadError(
        label,
        "it is JSON but not `terraform show -json` output (no format_version); a state file, as " +
          "`terraform state pull` prints it, must be given as a file path.",
      );
    }
    return { label, values: stateValues(label, document.value) };
  }
  const resolved = path.resolve(io.cwd, label);
  const stat = fs.statSync(resolved, { throwIfNoEntry: false });
  if (!stat) throw new StateReadError(label, "no such file or folder.");
  if (stat.isDirectory()) {
    if (!hasTerraformConfiguration(resolved)) throw notAStackFolder(label, resolved);
    return {
      label,
      stackName: stackNameOf(resolved, true),
      values: await showJson(label, resolved, undefined, io),
      stackFolder: resolved,
    };
  }
  let text: string;
  try {
    text = fs.readFileSync(resolved, "utf8");
  } catch (error) {
    throw new StateReadError(label, (error as Error).message);
  }
  const document = parsed(text);
  if (!document.ok) {
    throw new StateReadError(
      label,
      "it is not JSON: give a state file (terraform.tfstate), `terraform show -json` output, or a stack folder.",
    );
  }
  const values = isShowOutput(document.value)
    ? stateValues(label, document.value)
    : await showJson(label, io.cwd, resolved, io);
  return { label, stackName: stackNameOf(resolved, false), values };
}
