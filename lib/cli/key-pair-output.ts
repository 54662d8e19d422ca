/**
 * How the CLI prints key pairs on stdout: a small aligned table for people, JSON for scripts (the fields of
 * DescribeKeyPairs, camel-cased).
 */
import type { EnsKeyPairSummary } from "../ens/ens-client";
import { textTable } from "./text-table";

const COLUMNS: ReadonlyArray<readonly [header: string, field: keyof EnsKeyPairSummary]> = [
  ["NAME", "keyPairName"],
  ["KEY PAIR ID", "keyPairId"],
  ["FINGERPRINT", "fingerprint"],
  ["CREATED", "creationTime"],
];

/** The key pairs as a table with a header row, columns aligned with spaces; ends with a newline. */
export function keyPairTable(keyPairs: readonly EnsKeyPairSummary[]): string {
  return textTable(
    COLUMNS.map(([header]) => header),
    keyPairs.map((keyPair) => COLUMNS.map(([, field]) => keyPair[field])),
  );
}

/** One key pair or a list of them as pretty-printed JSON; ends with a newline. */
export function keyPairJson(value: EnsKeyPairSummary | readonly EnsKeyPairSummary[]): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
