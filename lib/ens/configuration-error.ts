/**
 * A problem the user must fix in the handler's input or environment (name, endpoint, credentials, usage).
 * Detected before or instead of an API call; the handler exits with `HandlerExitCode.INVALID_INPUT`.
 */
export class ConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigurationError";
  }
}
