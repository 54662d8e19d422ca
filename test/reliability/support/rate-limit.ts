/**
 * A rate limit whose bucket is already empty, so the very next call of the code under test is refused with
 * `Throttling.User` and the time until a token is free (`x-acs-retry-after`).
 */
import type { EnsEmulator } from "../../../lib/testing";
import { callEns } from "../../testing/sdk-client";

/**
 * Limits the emulator to `requestsPerSecond` with a bucket of one token, then spends that token on one signed
 * DescribeKeyPairs call (it shows up first in the call log).
 *
 * The bucket refills after 1 / requestsPerSecond seconds; a handler spawned right after reaches the API in about
 * 0.2 s, so 0.5 requests per second leaves a tenfold margin before its first call could find a token.
 */
export async function rateLimitFromEmpty(emulator: EnsEmulator, requestsPerSecond: number): Promise<void> {
  emulator.faults.rateLimit(requestsPerSecond, 1);
  await callEns(emulator, "DescribeKeyPairs", {});
}
