/**
 * Exit codes of the `ens-key-pair` operator CLI. 0–2 mean what they mean for the handler (HandlerExitCode), so
 * the exit codes of lib/process/failure-report.ts apply unchanged; 3 is the CLI's own: "no such key pair" for
 * `describe`, "drift found" for `drift`.
 */
export const CliExitCode = {
  /** Done: shown, listed, deleted, already deleted, a dry run, or no drift. */
  OK: 0,
  /** The API refused or failed, or the deadline passed: not done (for `sweep`: a delete failed). */
  FAILED: 1,
  /** Usage or configuration error: bad flag, invalid name or ID, invalid endpoint, no or rejected credentials, unreadable state. */
  USAGE: 2,
  /** `describe`: no key pair of that name exists. */
  NOT_FOUND: 3,
  /** `drift`: a key pair is missing or changed. */
  DRIFT_FOUND: 3,
} as const;
