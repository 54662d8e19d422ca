/**
 * The emulator's call log as short strings, so a test can state the exact sequence of calls it expects.
 */
import type { EmulatorCall, EnsEmulator } from "../../../lib/testing";

/**
 * One call as `<Action>:<Code or OK>`, with `(reset)` or `(response-lost)` appended when the client got no answer:
 * `DeleteKeyPairs:Throttling.User`, `CreateKeyPair:OK(response-lost)`, `DeleteKeyPairs:(reset)`.
 */
export function describeCall(call: EmulatorCall): string {
  // A reset happens before the request is processed, so there is no code to show.
  const result = call.outcome === "reset" ? "" : (call.code ?? "OK");
  const suffix = call.outcome === "answered" ? "" : `(${call.outcome})`;
  return `${call.action}:${result}${suffix}`;
}

/** Every call the emulator finished, described, in arrival order. */
export function callLog(emulator: EnsEmulator): string[] {
  return emulator.calls().map(describeCall);
}
