/**
 * The handler's stderr log: one line per API attempt in a fixed, grep-able shape, then a summary or an error
 * line. Secrets registered with {@link EnsLog.redact} are masked in every line as a last line of defence.
 */

/** The outcome word of one API attempt. */
export type AttemptOutcome =
  | "created"
  | "imported"
  | "already-imported"
  | "deleted"
  | "already-deleted"
  | "retrying"
  | "failed"
  | "found"
  | "not-found"
  /** A DescribeKeyPairs page without the key pair looked for, and more pages to read. */
  | "next-page"
  | "adopted"
  | "name-taken"
  | "name-reused"
  | "not-ours";

/** One API attempt, as logged. */
export interface AttemptRecord {
  /** The API action, e.g. `DeleteKeyPairs`. */
  readonly action: string;
  /** The key pair the call is about. */
  readonly keyPairName: string;
  /** 1 for the first attempt of this action. */
  readonly attempt: number;
  /** What came of it. */
  readonly outcome: AttemptOutcome;
  /** The API error code or transport error code, when there was one. */
  readonly code?: string;
  /** The delay before the next attempt, for `retrying`. */
  readonly delayMs?: number;
  /** The API's RequestId, when an answer arrived. */
  readonly requestId?: string;
}

const MIN_REDACTED_LENGTH = 8;

/** The log line prefix. */
const LOG_PREFIX = "ens-key-pair";

/**
 * Formats an attempt line:
 * `ens-key-pair: <Action> key_pair_name="<name>" attempt=<n> outcome=<word>[ code=<Code>][ delay_ms=<n>] request_id=<id or ->`
 */
export function formatAttemptLine(record: AttemptRecord): string {
  const parts = [
    `${LOG_PREFIX}: ${record.action}`,
    `key_pair_name=${JSON.stringify(record.keyPairName)}`,
    `attempt=${record.attempt}`,
    `outcome=${record.outcome}`,
  ];
  if (record.code !== undefined) parts.push(`code=${record.code}`);
  if (record.delayMs !== undefined) parts.push(`delay_ms=${record.delayMs}`);
  parts.push(`request_id=${record.requestId ?? "-"}`);
  return parts.join(" ");
}

/** Writes the handler's log lines. */
export class EnsLog {
  private readonly secrets = new Set<string>();

  /** @param write receives each line without a trailing newline */
  constructor(private readonly write: (line: string) => void) {}

  /**
   * Masks `secret` in every later line. Values shorter than 8 characters are ignored: no real secret is that
   * short, and masking them would garble ordinary words.
   */
  public redact(secret: string | undefined): void {
    if (secret && secret.length >= MIN_REDACTED_LENGTH) this.secrets.add(secret);
  }

  /** Logs one API attempt. */
  public attempt(record: AttemptRecord): void {
    this.emit(formatAttemptLine(record));
  }

  /** Logs an informational line, e.g. the final summary. */
  public info(message: string): void {
    this.emit(`${LOG_PREFIX}: ${message}`);
  }

  /** Logs a warning: the run succeeds, but something needs the user's attention. */
  public warn(message: string): void {
    this.emit(`${LOG_PREFIX}: warning: ${message}`);
  }

  /** Logs the final error line. */
  public error(message: string): void {
    this.emit(`${LOG_PREFIX}: error: ${message}`);
  }

  private emit(line: string): void {
    let safe = line.replace(/[\r\n]+/g, " ");
    for (const secret of this.secrets) safe = safe.split(secret).join("***");
    this.write(safe);
  }
}
