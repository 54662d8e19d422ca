/**
 * What the CLI commands share: the handler's context (ENS client, attempt log on stderr, clock, random source),
 * so they run the very same retry and outcome rules, plus stdout for their results.
 */
import type { HandlerContext } from "../handler/handler-context";

/** Dependencies of a CLI command. */
export interface CliContext extends HandlerContext {
  /** Writes results (a table or JSON) to stdout; `text` ends with its own newline. */
  readonly print: (text: string) => void;
}
