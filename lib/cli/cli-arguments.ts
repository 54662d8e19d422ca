/**
 * Parses the operator CLI's command line (`node:util` parseArgs, strict) into one request, checking every value
 * that can be checked without the API: a bad flag, name, ID or timeout is a usage error before any request.
 */
import { parseArgs } from "node:util";
import { checkKeyPairId } from "../shared/key-pair-id";
import {
  DEFAULT_DELETE_TIMEOUT_SECONDS,
  DELETE_TIMEOUT_RULE,
  parseDeleteTimeoutSeconds,
} from "../shared/delete-timeout";
import { checkKeyPairName } from "../shared/key-pair-name";
import {
  CLI_COMMANDS,
  CliCommandName,
  COMMAND_OPTIONS,
  DEFAULT_SWEEP_MIN_AGE_SECONDS,
  GLOBAL_OPTIONS,
  isCliCommand,
} from "./cli-commands";
import { STDIN_STATE } from "./state-source";

/** `describe --name NAME [--json]`. */
export interface DescribeRequest {
  /** The command. */
  readonly kind: "describe";
  /** The `--endpoint` value. @default - the env overrides, else the default endpoint */
  readonly endpoint?: string;
  /** The key pair name (checked). */
  readonly keyPairName: string;
  /** Print JSON instead of a table. */
  readonly json: boolean;
}

/** `list [--prefix P] [--json]`. */
export interface ListRequest {
  /** The command. */
  readonly kind: "list";
  /** The `--endpoint` value. @default - the env overrides, else the default endpoint */
  readonly endpoint?: string;
  /** Only names starting with this. @default - every key pair */
  readonly prefix?: string;
  /** Print JSON instead of a table. */
  readonly json: boolean;
}

/** `delete (--name NAME | --id ID) [--dry-run] [--timeout SECONDS]`. */
export interface DeleteRequest {
  /** The command. */
  readonly kind: "delete";
  /** The `--endpoint` value. @default - the env overrides, else the default endpoint */
  readonly endpoint?: string;
  /** The key pair to delete: by name or by KeyPairId (checked). */
  readonly target: { readonly keyPairName: string } | { readonly keyPairId: string };
  /** Only show what would be deleted. */
  readonly dryRun: boolean;
  /** How long to keep retrying, in milliseconds. */
  readonly timeoutMs: number;
}

/** `drift STATE... [--state STATE]... [--key-files] [--json]`. */
export interface DriftRequest {
  /** The command. */
  readonly kind: "drift";
  /** The `--endpoint` value. @default - the env overrides, else the default endpoint */
  readonly endpoint?: string;
  /** The states: paths of state files or stack folders, or `-` for stdin (at least one; `-` at most once). */
  readonly states: readonly string[];
  /** `--key-files`: also check the private key files of create-mode key pairs (drift-key-file.ts). */
  readonly keyFiles: boolean;
  /** Print JSON instead of a table. */
  readonly json: boolean;
}

/** `sweep --prefix P --state STATE... [--dry-run | --yes] [--min-age AGE] [--timeout SECONDS] [--json]`. */
export interface SweepRequest {
  /** The command. */
  readonly kind: "sweep";
  /** The `--endpoint` value. @default - the env overrides, else the default endpoint */
  readonly endpoint?: string;
  /** Only key pairs whose names start with this (non-empty, checked). */
  readonly prefix: string;
  /** The states whose key pairs are kept (at least one). */
  readonly states: readonly string[];
  /** Delete (`--yes`); otherwise a dry run. */
  readonly yes: boolean;
  /** Key pairs younger than this are kept, in milliseconds. */
  readonly minAgeMs: number;
  /** How long each delete keeps retrying, in milliseconds. */
  readonly timeoutMs: number;
  /** Print JSON instead of a table. */
  readonly json: boolean;
}

/** A command that calls the API. */
export type CommandRequest = DescribeRequest | ListRequest | DeleteRequest | DriftRequest | SweepRequest;

/** What the command line asks for. */
export type CliRequest =
  | CommandRequest
  | { readonly kind: "help"; readonly command?: CliCommandName }
  | { readonly kind: "version" }
  | { readonly kind: "usage-error"; readonly message: string; readonly command?: CliCommandName };

class UsageError extends Error {}

/** Options that take a value: the argument after them is never the command. */
const VALUE_OPTIONS = new Set(
  Object.entries({
    ...GLOBAL_OPTIONS,
    ...COMMAND_OPTIONS.describe,
    ...COMMAND_OPTIONS.list,
    ...COMMAND_OPTIONS.delete,
    ...COMMAND_OPTIONS.drift,
    ...COMMAND_OPTIONS.sweep,
  })
    .filter(([, option]) => option.type === "string")
    .map(([name]) => `--${name}`),
);

/** The arguments before a `--` terminator: only those can be flags. */
function flagsPart(args: readonly string[]): readonly string[] {
  const end = args.indexOf("--");
  return end === -1 ? args : args.slice(0, end);
}

/** The first argument that is neither a flag nor a flag's value. */
function commandWord(args: readonly string[]): string | undefined {
  const flags = flagsPart(args);
  for (let i = 0; i < flags.length; i++) {
    if (!flags[i].startsWith("-")) return flags[i];
    if (VALUE_OPTIONS.has(flags[i])) i++;
  }
  return undefined;
}

function checkedName(name: string): string {
  const violation = checkKeyPairName(name);
  if (violation) throw new UsageError(violation.message);
  return name;
}

function timeoutMsOf(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_DELETE_TIMEOUT_SECONDS * 1000;
  const seconds = parseDeleteTimeoutSeconds(raw);
  if (seconds === undefined) {
    throw new UsageError(`Invalid --timeout ${JSON.stringify(raw)}: give ${DELETE_TIMEOUT_RULE}, e.g. 60.`);
  }
  return seconds * 1000;
}

const PREFIX = /^[A-Za-z][A-Za-z0-9:_-]*$/;

function checkedPrefix(prefix: string | undefined): string {
  if (prefix === undefined) {
    throw new UsageError(
      "sweep needs --prefix P: it only ever considers key pairs whose names start with P.",
    );
  }
  if (prefix === "") {
    throw new UsageError("--prefix must not be empty: sweep never considers every key pair of the account.");
  }
  if (!PREFIX.test(prefix) || prefix.length > 128) {
    throw new UsageError(
      `Invalid --prefix ${JSON.stringify(prefix)}: no key pair name starts with it (names start with a letter and ` +
        'hold only letters, digits, ":", "_" and "-", 128 at most).',
    );
  }
  return prefix;
}

function checkedStates(command: "drift" | "sweep", states: readonly string[]): readonly string[] {
  if (states.length === 0) {
    throw new UsageError(
      command === "drift"
        ? `drift needs at least one state: a state file, a stack folder, or ${STDIN_STATE} for \`terraform show -json\` on stdin.`
        : "sweep needs at least one --state: it deletes only what no given state names, so it never runs without one.",
    );
  }
  if (states.filter((state) => state === STDIN_STATE).length > 1) {
    throw new UsageError(`Only one state can be read from stdin (${STDIN_STATE}).`);
  }
  if (states.some((state) => state === "")) throw new UsageError("A state path must not be empty.");
  return states;
}

const AGE = /^(\d+)(s|m|h|d)?$/;
const AGE_UNITS_S: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86_400 };

function minAgeMsOf(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_SWEEP_MIN_AGE_SECONDS * 1000;
  const match = AGE.exec(raw);
  if (!match) {
    throw new UsageError(
      `Invalid --min-age ${JSON.stringify(raw)}: give a whole number of seconds, or with a unit: 90s, 30m, 2h, 1d.`,
    );
  }
  return Number(match[1]) * AGE_UNITS_S[match[2] ?? "s"] * 1000;
}

function deleteTarget(name: string | undefined, id: string | undefined): DeleteRequest["target"] {
  if ((name === undefined) === (id === undefined)) {
    throw new UsageError("delete needs exactly one of --name NAME or --id ID.");
  }
  if (name !== undefined) return { keyPairName: checkedName(name) };
  const violation = checkKeyPairId(id as string, "--id");
  if (violation) throw new UsageError(violation);
  return { keyPairId: id as string };
}

/** parseArgs, with its unknown-option message replaced by one that lists what the command accepts. */
function parsed(command: CliCommandName, args: readonly string[]) {
  const options = { ...GLOBAL_OPTIONS, ...COMMAND_OPTIONS[command] };
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    if (code !== "ERR_PARSE_ARGS_UNKNOWN_OPTION")
      throw new UsageError(message.endsWith(".") ? message : `${message}.`);
    const unknown = /'([^']+)'/.exec(message)?.[1] ?? "an option";
    const known = Object.keys(options).map((name) => `--${name}`);
    throw new UsageError(`Unknown option ${unknown} for ${command}: it accepts ${known.join(", ")}.`);
  }
}

function parseCommand(command: CliCommandName, args: readonly string[]): CliRequest {
  const { values, positionals } = parsed(command, args);
  // positionals[0] is the command word itself; drift takes its states as arguments too.
  const extra = positionals.slice(1);
  if (extra.length > 0 && command !== "drift")
    throw new UsageError(`Unexpected argument ${JSON.stringify(extra[0])}.`);
  if (values.version) return { kind: "version" };
  const endpoint = values.endpoint;
  const option = (name: string): unknown => (values as Record<string, unknown>)[name];
  switch (command) {
    case "describe": {
      const name = option("name") as string | undefined;
      if (name === undefined) throw new UsageError("describe needs --name NAME.");
      return { kind: "describe", endpoint, keyPairName: checkedName(name), json: option("json") === true };
    }
    case "list":
      return {
        kind: "list",
        endpoint,
        prefix: option("prefix") as string | undefined,
        json: option("json") === true,
      };
    case "delete":
      return {
        kind: "delete",
        endpoint,
        target: deleteTarget(option("name") as string | undefined, option("id") as string | undefined),
        dryRun: option("dry-run") === true,
        timeoutMs: timeoutMsOf(option("timeout") as string | undefined),
      };
    case "drift":
      return {
        kind: "drift",
        endpoint,
        states: checkedStates("drift", [...extra, ...((option("state") as string[] | undefined) ?? [])]),
        keyFiles: option("key-files") === true,
        json: option("json") === true,
      };
    case "sweep": {
      if (option("yes") === true && option("dry-run") === true) {
        throw new UsageError("--yes and --dry-run conflict: give --yes to delete, or neither for a dry run.");
      }
      return {
        kind: "sweep",
        endpoint,
        prefix: checkedPrefix(option("prefix") as string | undefined),
        states: checkedStates("sweep", (option("state") as string[] | undefined) ?? []),
        yes: option("yes") === true,
        minAgeMs: minAgeMsOf(option("min-age") as string | undefined),
        timeoutMs: timeoutMsOf(option("timeout") as string | undefined),
        json: option("json") === true,
      };
    }
  }
}

/** The commands, as listed in messages: "describe, list, delete, drift or sweep". */
const COMMAND_LIST = `${CLI_COMMANDS.slice(0, -1).join(", ")} or ${CLI_COMMANDS[CLI_COMMANDS.length - 1]}`;

/** Parses `ens-key-pair` arguments (without `node` and the script path). */
export function parseCliArguments(args: readonly string[]): CliRequest {
  const word = commandWord(args);
  const command = isCliCommand(word) ? word : undefined;
  // Help wins over every other problem, so `--help` always answers.
  if (flagsPart(args).some((arg) => arg === "--help" || arg === "-h")) return { kind: "help", command };
  if (word === undefined) {
    if (flagsPart(args).includes("--version")) return { kind: "version" };
    return { kind: "usage-error", message: `No command given: use ${COMMAND_LIST}.` };
  }
  if (!command) {
    return {
      kind: "usage-error",
      message: `Unknown command ${JSON.stringify(word)}: use ${COMMAND_LIST}.`,
    };
  }
  try {
    return parseCommand(command, args);
  } catch (error) {
    return { kind: "usage-error", message: (error as Error).message, command };
  }
}
