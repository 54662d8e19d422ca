/**
 * Shared setup of the handler process tests: one emulator per test file, and a runner that checks on every
 * run that neither the access key secret nor a private key ever reaches stdout or stderr.
 */
import { EnsEmulator } from "../../lib/testing";
import { HandlerProcessResult, runHandler, RunHandlerOptions } from "../support/handler-process";

/** Secrets that must never be printed, besides the emulator's own secret. */
const extraSecrets = new Set<string>();

/** Registers another secret every later run is checked against. */
export function neverPrint(secret: string): void {
  extraSecrets.add(secret);
}

/** Asserts that a run printed no secret and no private key. */
export function expectNoSecrets(result: HandlerProcessResult, emulator: EnsEmulator): void {
  const output = result.stdout + result.stderr;
  expect(output).not.toContain(emulator.credentials.accessKeySecret);
  for (const secret of extraSecrets) expect(output).not.toContain(secret);
  expect(output).not.toMatch(/PRIVATE KEY/);
  expect(result.stdout).toBe("");
}

/** Runs the handler against `emulator` (its env first, then `env`), checking that nothing secret is printed. */
export async function runAgainst(
  emulator: EnsEmulator,
  args: string | readonly string[],
  env: Readonly<Record<string, string>>,
  options?: RunHandlerOptions,
): Promise<HandlerProcessResult> {
  const result = await runHandler(args, { ...emulator.env(), ...env }, options);
  expectNoSecrets(result, emulator);
  return result;
}

/** The actions the emulator received, in order. */
export function actionsCalled(emulator: EnsEmulator): string[] {
  return emulator.calls().map((call) => call.action);
}

/** A time as Terraform's `timestamp()` writes it: RFC 3339, UTC, whole seconds. */
export function terraformTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * The claim variables of a create step whose run made the claim itself (the apply that created the key pair's main
 * resource, planned a moment before): what a first apply passes.
 */
export function claimedByThisRun(nowMs = Date.now()): Record<string, string> {
  return {
    ENS_KEY_PAIR_CLAIMED_AT: terraformTime(nowMs),
    ENS_KEY_PAIR_PLANNED_AT: terraformTime(nowMs - 1_000),
  };
}

/**
 * The claim variables of a create step run by a later apply than the one that made the claim (`claimedAgoMs` ago),
 * as after an interrupted or failed create.
 */
export function claimedByEarlierRun(claimedAgoMs = 60_000, nowMs = Date.now()): Record<string, string> {
  return {
    ENS_KEY_PAIR_CLAIMED_AT: terraformTime(nowMs - claimedAgoMs),
    ENS_KEY_PAIR_PLANNED_AT: terraformTime(nowMs),
  };
}
