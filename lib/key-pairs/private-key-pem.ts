/**
 * CreateKeyPair's `PrivateKeyBody` as the text of a PEM file. The API page's example shows the key with a literal
 * backslash and `n` for each line break (`-----BEGIN RSA PRIVATE KEY-----\nMIIE…`); whether ENS really sends that, or
 * real line breaks, no page says. Either way the file gets real line breaks: a PEM body (base64 and
 * `Name: value` headers) never holds a backslash, so every `\n` (or `\r\n`) sequence in it is an escaped line break.
 */
import { createPrivateKey } from "node:crypto";

/** PrivateKeyBody is not a private key the handler can write. */
export class InvalidPrivateKeyBodyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidPrivateKeyBodyError";
  }
}

/**
 * The PEM text to write: escaped line breaks turned into real ones, CR LF into LF, one final newline; checked with
 * node:crypto so that only a private key it can read (as ssh-keygen can) is written.
 *
 * @throws InvalidPrivateKeyBodyError naming why the body is not a PEM private key (never quoting the body)
 */
export function privateKeyPemOf(privateKeyBody: string): string {
  const pem = `${privateKeyBody
    .replace(/\\r\\n|\\n/g, "\n")
    .replace(/\r\n?/g, "\n")
    .trim()}\n`;
  if (!pem.startsWith("-----BEGIN ")) {
    throw new InvalidPrivateKeyBodyError(
      "the CreateKeyPair answer's PrivateKeyBody does not start with a PEM header (-----BEGIN …)",
    );
  }
  try {
    createPrivateKey(pem);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InvalidPrivateKeyBodyError(
      `the CreateKeyPair answer's PrivateKeyBody is not a private key node:crypto can read (${reason})`,
    );
  }
  return pem;
}
