/**
 * What the command implementations share: the ENS client, the log, and the clock and random source (real in
 * the handler process, injectable in tests).
 */
import type { EnsClient } from "../ens/ens-client";
import type { EnsLog } from "../ens/ens-log";
import type { RetryClock } from "../ens/retry";

/** Dependencies of the create and delete logic. */
export interface HandlerContext {
  /** Calls ENS. */
  readonly client: EnsClient;
  /** Writes the stderr log. */
  readonly log: EnsLog;
  /** Time source and sleeper for deadlines and backoff. */
  readonly clock: RetryClock;
  /** Random source for backoff jitter. @default Math.random */
  readonly random?: () => number;
  /** How long the create command keeps trying, in milliseconds (injectable for tests). @default CREATE_TIMEOUT_MS */
  readonly createTimeoutMs?: number;
}
