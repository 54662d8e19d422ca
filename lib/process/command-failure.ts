/**
 * Ends a command with a complete, user-facing message and an exit code. Thrown by the command logic once it
 * knows exactly what to say; the command runner logs it as the final error line.
 */
import { HandlerExitCode } from "../shared/handler-contract";

/** A command's final failure. */
export class CommandFailure extends Error {
  /** The process exit code. */
  public readonly exitCode: number;

  constructor(message: string, exitCode: number = HandlerExitCode.FAILED) {
    super(message);
    this.name = "CommandFailure";
    this.exitCode = exitCode;
  }
}
