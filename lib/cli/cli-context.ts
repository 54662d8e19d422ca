/**
 * What the CLI commands share: the key pair operations' context (ENS client, attempt log on stderr, clock, random
 * source), so they run the very same retry and outcome rules as the handler, plus stdout for their results.
 */
import type { KeyPairContext } from "../key-pairs/key-pair-context";

/** Dependencies of a CLI command. */
export interface CliContext extends KeyPairContext {
  /** Writes results (a table or JSON) to stdout; `text` ends with its own newline. */
  readonly print: (text: string) => void;
}
