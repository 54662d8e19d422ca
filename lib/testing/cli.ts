#!/usr/bin/env node
/**
 * `ens-emulator`: runs the ENS API emulator as a standalone process, for manual tests, demos and
 * tests in other languages. Exit codes: 0 stopped by SIGINT/SIGTERM (or --help), 2 bad usage,
 * 1 failed to start.
 */
import { parseCliArguments, CLI_USAGE } from "./emulator-cli-arguments";
import { EmulatorCall } from "./emulator-call";
import { EnsEmulator } from "./ens-emulator";
import { InvalidOptionError } from "./invalid-option-error";
import { shellQuote } from "./shell-quote";

function describeCall(call: EmulatorCall): string {
  const target = call.params.KeyPairName ?? call.params.KeyPairId ?? "";
  const result = call.outcome === "answered" ? `${call.statusCode} ${call.code ?? "OK"}` : call.outcome;
  return `${new Date(call.receivedAt).toISOString()} ${call.action || "-"} ${target} -> ${result} ${call.requestId}`;
}

async function main(): Promise<number> {
  const request = parseCliArguments(process.argv.slice(2));
  if (request.kind === "help") {
    process.stdout.write(CLI_USAGE);
    return 0;
  }
  if (request.kind === "usage-error") {
    process.stderr.write(`ens-emulator: ${request.message}\n\n${CLI_USAGE}`);
    return 2;
  }
  let emulator: EnsEmulator;
  try {
    emulator = await EnsEmulator.start({
      ...request.options,
      onCall: request.quiet ? undefined : (call) => process.stderr.write(`${describeCall(call)}\n`),
    });
  } catch (error) {
    process.stderr.write(`ens-emulator: ${(error as Error).message}\n`);
    // A refused option is a usage error; anything else (port in use, …) a start failure.
    return error instanceof InvalidOptionError ? 2 : 1;
  }
  const exports = Object.entries(emulator.env()).map(
    ([name, value]) => `export ${name}=${shellQuote(value)}`,
  );
  process.stdout.write(`${emulator.endpoint}\n${exports.join("\n")}\n`);
  process.stderr.write(
    `ENS emulator (API 2017-11-10) listening on ${emulator.endpoint}; stop with Ctrl+C.\n`,
  );
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await emulator.stop();
  process.stderr.write(`ENS emulator stopped (${signal}).\n`);
  return 0;
}

void main().then((code) => {
  process.exitCode = code;
});
