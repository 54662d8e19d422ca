/**
 * What the key pair operations share, in the handler and the CLI alike: the ENS client, the log, and the clock and
 * random source (real in a process, injectable in tests).
 */
import type { EnsClient } from "../ens/ens-client";
import type { EnsLog } from "../ens/ens-log";
import type { RetryClock } from "../ens/retry";

/** Dependencies of every key pair operation (the first argument of each). */
export interface KeyPairContext {
  /** Calls ENS. */
  readonly client: EnsClient;
  /** Writes the stderr log. */
  readonly log: EnsLog;
  /** Time source and sleeper for deadlines and backoff. */
  readonly clock: RetryClock;
  /** Random source for backoff jitter. @default Math.random */
  readonly random?: () => number;
}

/**
 * The key pair an operation is about: by name, or by KeyPairId (the name then only labels log lines and messages;
 * without it the ID stands in).
 */
export type KeyPairTarget =
  | { readonly keyPairName: string; readonly keyPairId?: undefined }
  | { readonly keyPairId: string; readonly keyPairName?: string };

/** The name log lines and messages give the target: its name, or its ID when the name is unknown. */
export function labelOf(target: KeyPairTarget): string {
  return target.keyPairId === undefined ? target.keyPairName : (target.keyPairName ?? target.keyPairId);
}
