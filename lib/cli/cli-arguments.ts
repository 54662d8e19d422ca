/**
 * Parses the operator CLI's command line (`node:util` parseArgs, strict) into one request, checking every value
 * that can be checked without the API: a bad flag, name, ID or timeout is a usage error before any request.
 */
import { parseArgs } from "node:util";
import { checkKeyPairId } from "../key-pair-id";
import { DEFAULT_DELETE_TIMEOUT_SECONDS } from "../handler-contract";
import { checkKeyPairName } from "../key-pair-name";
import { CliCommandName, COMMAND_OPTIONS, GLOBAL_OPTIONS, isCliCommand } from "./cli-commands";

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

/** A command that calls the API. */
export type CommandRequest = DescribeRequest | ListRequest | DeleteRequest;

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
  const seconds = Number(raw);
  if (!/^\d*\.?\d+$/.test(raw) || !(seconds > 0)) {
    throw new UsageError(
      `Invalid --timeout ${JSON.stringify(raw)}: give a number of seconds greater than 0, e.g. 60.`,
    );
  }
  return seconds * 1000;
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
  // positionals[0] is the command word itself.
  const extra = positionals.slice(1);
  if (extra.length > 0) throw new UsageError(`Unexpected argument ${JSON.stringify(extra[0])}.`);
  if (values.version) return { kind: "version" };
  const endpoint = values.endpoint;
  const option = (name: string): string | boolean | undefined =>
    (values as Record<string, string | boolean>)[name];
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
  }
}

/** Parses `ens-key-pair` arguments (without `node` and the script path). */
export function parseCliArguments(args: readonly string[]): CliRequest {
  const word = commandWord(args);
  const command = isCliCommand(word) ? word : undefined;
  // Help wins over every other problem, so `--help` always answers.
  if (flagsPart(args).some((arg) => arg === "--help" || arg === "-h")) return { kind: "help", command };
  if (word === undefined) {
    if (flagsPart(args).includes("--version")) return { kind: "version" };
    return { kind: "usage-error", message: "No command given: use describe, list or delete." };
  }
  if (!command) {
    return {
      kind: "usage-error",
      message: `Unknown command ${JSON.stringify(word)}: use describe, list or delete.`,
    };
  }
  try {
    return parseCommand(command, args);
  } catch (error) {
    return { kind: "usage-error", message: (error as Error).message, command };
  }
}
