/**
 * The commands of the `ens-key-pair` operator CLI, the options each accepts (in `node:util` parseArgs form), and
 * how long the read-only ones retry.
 */

/** The CLI's name, as users type it. */
export const CLI_NAME = "ens-key-pair";

/**
 * How long the read-only calls keep retrying transient errors, in seconds: `describe`, `list`, each lookup of
 * `drift`, and the listing of `sweep` (`delete` and sweep's deletes have --timeout).
 */
export const READ_TIMEOUT_SECONDS = 60;

/** The commands. */
export const CLI_COMMANDS = ["describe", "list", "delete", "drift", "sweep"] as const;

/** A command name. */
export type CliCommandName = (typeof CLI_COMMANDS)[number];

/** True when `value` names a command. */
export function isCliCommand(value: string | undefined): value is CliCommandName {
  return (CLI_COMMANDS as readonly (string | undefined)[]).includes(value);
}

/** Options every command accepts. */
export const GLOBAL_OPTIONS = {
  endpoint: { type: "string" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean" },
} as const;

/** Options of each command, besides the global ones. */
export const COMMAND_OPTIONS = {
  describe: { name: { type: "string" }, json: { type: "boolean" } },
  list: { prefix: { type: "string" }, json: { type: "boolean" } },
  delete: {
    name: { type: "string" },
    id: { type: "string" },
    "dry-run": { type: "boolean" },
    timeout: { type: "string" },
  },
  drift: {
    state: { type: "string", multiple: true },
    "key-files": { type: "boolean" },
    json: { type: "boolean" },
  },
  sweep: {
    prefix: { type: "string" },
    state: { type: "string", multiple: true },
    "dry-run": { type: "boolean" },
    yes: { type: "boolean" },
    "min-age": { type: "string" },
    timeout: { type: "string" },
    json: { type: "boolean" },
  },
} as const;

/** sweep's default minimum age, in seconds: older than any apply still creating a key pair. */
export const DEFAULT_SWEEP_MIN_AGE_SECONDS = 3600;
