/**
 * What the handler's commands share: the key pair operations' context, plus the create command's deadline
 * (injectable for tests).
 */
import type { KeyPairContext } from "../key-pairs/key-pair-context";

/** Dependencies of the create and delete commands. */
export interface HandlerContext extends KeyPairContext {
  /** How long the create command keeps trying, in milliseconds. @default CREATE_TIMEOUT_MS */
  readonly createTimeoutMs?: number;
}
