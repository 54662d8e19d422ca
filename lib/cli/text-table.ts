/**
 * A small aligned table for people: a header row, columns separated by two spaces, the last column unpadded.
 */

/** The rows as a table (header first); an empty cell prints as `-`. Ends with a newline. */
export function textTable(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const all = [headers, ...rows.map((row) => row.map((cell) => cell || "-"))];
  const widths = headers.map((_, column) => Math.max(...all.map((row) => row[column].length)));
  const lines = all.map((row) =>
    row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]))).join("  "),
  );
  return `${lines.join("\n")}\n`;
}

/** Quotes a value for a POSIX shell: bare when it is safe, else in single quotes. */
export function shellQuote(value: string): string {
  if (/^[A-Za-z0-9_./:@%+=,-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
