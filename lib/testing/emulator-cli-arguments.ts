import { parseArgs } from "node:util";
import { EnsEmulatorOptions } from "./ens-emulator";
import {
  ATTACHED_KEY_DELETES,
  DEFAULT_READINGS,
  EmulatorReadings,
  FINGERPRINT_FORMATS,
  MissingKeyOnDelete,
  NAME_FILTERS,
  PRIVATE_KEY_BODIES,
} from "./emulator-readings";

const DEFAULT_MISSING_KEY =
  DEFAULT_READINGS.missingKeyOnDelete === "success"
    ? "success"
    : `${DEFAULT_READINGS.missingKeyOnDelete.code}:${DEFAULT_READINGS.missingKeyOnDelete.statusCode}`;

/** The `ens-emulator` usage text. */
export const CLI_USAGE = `Usage: ens-emulator [--port N] [--host 127.0.0.1] [--access-key-id X] [--access-key-secret Y] [--quiet] [READINGS] [--help]

Runs a local ENS API emulator (API version 2017-11-10) until SIGINT or SIGTERM.
Prints the endpoint, then "export VAR=value" lines that point a process at it.

  --port N                  TCP port (default 0: a random free port)
  --host H                  loopback interface to listen on (default 127.0.0.1)
  --access-key-id X         AccessKey ID requests must be signed with (default test-access-key-id)
  --access-key-secret Y     AccessKey secret requests must be signed with (default test-access-key-secret);
                            use a made-up value: it is printed
  --quiet                   do not log each call on stderr
  --help                    show this text

READINGS: which reading to play where the ENS docs leave a behaviour open
  --fingerprint-format colon|hex
                            KeyPairFingerPrint as f1:63:… or as f163… (default ${DEFAULT_READINGS.fingerprintFormat})
  --missing-key-on-delete success|CODE[:STATUS]
                            what DeleteKeyPairs answers for a key that does not exist: success, or the
                            error CODE with HTTP STATUS (default 400), e.g. InvalidKeyPairId.NotFound:404
                            (default ${DEFAULT_MISSING_KEY})
  --attached-key-delete deletes|refuses
                            delete a key that instances still use, or refuse with
                            PubKeyAttachedWithInstance (default ${DEFAULT_READINGS.attachedKeyDelete})
  --private-key-body newlines|escaped
                            PrivateKeyBody with real line breaks, or a literal \\n for each
                            (default ${DEFAULT_READINGS.privateKeyBody})
  --max-page-size N         DescribeKeyPairs silently returns at most N key pairs per page
                            (default: PageSize up to 100 is honoured, a larger one refused)
  --name-filter exact|substring
                            how DescribeKeyPairs' KeyPairName matches names (default ${DEFAULT_READINGS.nameFilter})
  --creation-time-offset-seconds S
                            add S seconds, e.g. -120, to the clock that stamps CreationTime
                            (default ${DEFAULT_READINGS.creationTimeOffsetSeconds})
  --code-in-success-body    success answers also carry "Code": 0
`;

/** The one flag whose value may start with "-", which parseArgs would take for an option. */
const SIGNED_FLAG = "--creation-time-offset-seconds";

/** What the command line asks for. */
export type CliRequest =
  | { readonly kind: "run"; readonly options: EnsEmulatorOptions; readonly quiet: boolean }
  | { readonly kind: "help" }
  | { readonly kind: "usage-error"; readonly message: string };

function parsePort(text: string | undefined): number | string | undefined {
  if (text === undefined) return undefined;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) {
    return `Invalid --port ${JSON.stringify(text)}: use an integer from 0 (any free port) to 65535.`;
  }
  return port;
}

/** A flag's value was refused; the message names the flag, the value and what to use. */
class UsageError extends Error {}

function choice<T extends string>(
  flag: string,
  text: string | undefined,
  allowed: readonly T[],
): T | undefined {
  if (text === undefined || (allowed as readonly string[]).includes(text)) return text as T | undefined;
  throw new UsageError(`Invalid --${flag} ${JSON.stringify(text)}: use ${allowed.join(" or ")}.`);
}

function parseMissingKeyOnDelete(text: string | undefined): MissingKeyOnDelete | undefined {
  if (text === undefined || text === "success") return text;
  const match = /^([^:\s]+)(?::(\d{3}))?$/.exec(text);
  if (!match) {
    throw new UsageError(
      `Invalid --missing-key-on-delete ${JSON.stringify(text)}: use success, or an error code with an optional ` +
        "HTTP status after a colon, e.g. PubKeyNameNotExist or InvalidKeyPairId.NotFound:404.",
    );
  }
  return { code: match[1], statusCode: match[2] === undefined ? undefined : Number(match[2]) };
}

function parseNumber(
  flag: string,
  text: string | undefined,
  pattern: RegExp,
  what: string,
): number | undefined {
  if (text === undefined) return undefined;
  if (!pattern.test(text)) throw new UsageError(`Invalid --${flag} ${JSON.stringify(text)}: use ${what}.`);
  return Number(text);
}

/** Lets `--creation-time-offset-seconds -120` through: parseArgs only accepts a leading "-" after "=". */
function joinSignedValue(args: readonly string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const next = args[i + 1];
    if (args[i] === SIGNED_FLAG && next !== undefined && /^-\d/.test(next)) {
      joined.push(`${SIGNED_FLAG}=${next}`);
      i++;
    } else {
      joined.push(args[i]);
    }
  }
  return joined;
}

type ParsedValues = ReturnType<typeof parseValues>;

function parseValues(args: readonly string[]) {
  return parseArgs({
    args: joinSignedValue(args),
    options: {
      port: { type: "string" },
      host: { type: "string" },
      "access-key-id": { type: "string" },
      "access-key-secret": { type: "string" },
      quiet: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
      "fingerprint-format": { type: "string" },
      "missing-key-on-delete": { type: "string" },
      "attached-key-delete": { type: "string" },
      "private-key-body": { type: "string" },
      "max-page-size": { type: "string" },
      "name-filter": { type: "string" },
      "creation-time-offset-seconds": { type: "string" },
      "code-in-success-body": { type: "boolean", default: false },
    },
    strict: true,
    allowPositionals: false,
  }).values;
}

function readingsOf(values: ParsedValues): EmulatorReadings {
  return {
    fingerprintFormat: choice("fingerprint-format", values["fingerprint-format"], FINGERPRINT_FORMATS),
    missingKeyOnDelete: parseMissingKeyOnDelete(values["missing-key-on-delete"]),
    attachedKeyDelete: choice("attached-key-delete", values["attached-key-delete"], ATTACHED_KEY_DELETES),
    privateKeyBody: choice("private-key-body", values["private-key-body"], PRIVATE_KEY_BODIES),
    maxPageSize: parseNumber("max-page-size", values["max-page-size"], /^[1-9]\d*$/, "a positive integer"),
    nameFilter: choice("name-filter", values["name-filter"], NAME_FILTERS),
    creationTimeOffsetSeconds: parseNumber(
      "creation-time-offset-seconds",
      values["creation-time-offset-seconds"],
      /^-?\d+(\.\d+)?$/,
      "a number of seconds, e.g. -120 or 30",
    ),
    codeInSuccessBody: values["code-in-success-body"],
  };
}

/** Parses `ens-emulator` arguments (without `node` and the script path). */
export function parseCliArguments(args: readonly string[]): CliRequest {
  let values: ParsedValues;
  let readings: EmulatorReadings;
  try {
    values = parseValues(args);
    if (values.help) return { kind: "help" };
    readings = readingsOf(values);
  } catch (error) {
    return { kind: "usage-error", message: (error as Error).message };
  }
  const port = parsePort(values.port);
  if (typeof port === "string") return { kind: "usage-error", message: port };
  return {
    kind: "run",
    quiet: values.quiet === true,
    options: {
      port,
      host: values.host,
      accessKeyId: values["access-key-id"],
      accessKeySecret: values["access-key-secret"],
      readings,
    },
  };
}
