import { parseArgs } from "node:util";
import { EnsEmulatorOptions } from "./ens-emulator";

/** The `ens-emulator` usage text. */
export const CLI_USAGE = `Usage: ens-emulator [--port N] [--host 127.0.0.1] [--access-key-id X] [--access-key-secret Y] [--quiet] [--help]

Runs a local ENS API emulator (API version 2017-11-10) until SIGINT or SIGTERM.
Prints the endpoint, then "export VAR=value" lines that point a process at it.

  --port N                  TCP port (default 0: a random free port)
  --host H                  loopback interface to listen on (default 127.0.0.1)
  --access-key-id X         AccessKey ID requests must be signed with (default test-access-key-id)
  --access-key-secret Y     AccessKey secret requests must be signed with (default test-access-key-secret);
                            use a made-up value: it is printed
  --quiet                   do not log each call on stderr
  --help                    show this text
`;

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

/** Parses `ens-emulator` arguments (without `node` and the script path). */
export function parseCliArguments(args: readonly string[]): CliRequest {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        port: { type: "string" },
        host: { type: "string" },
        "access-key-id": { type: "string" },
        "access-key-secret": { type: "string" },
        quiet: { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { kind: "usage-error", message: (error as Error).message };
  }
  if (values.help) return { kind: "help" };
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
    },
  };
}
