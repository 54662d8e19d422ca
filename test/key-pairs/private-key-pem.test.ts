/**
 * PrivateKeyBody with real line breaks, with literal `\n` escapes (as the API page's example shows), or with CR LF:
 * the text written is always a PEM file that OpenSSH accepts; anything else is refused without quoting it.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { InvalidPrivateKeyBodyError, privateKeyPemOf } from "../../lib/key-pairs/private-key-pem";
import { generateRsaKeyPairSync } from "../../lib/testing/rsa-key-generation";
import { expectOpenSshAcceptsPrivateKey } from "../support/ssh-keygen";

const key = generateRsaKeyPairSync(1024);
const PEM = key.privateKeyPem;

let scratch: string;
beforeEach(() => (scratch = fs.mkdtempSync(path.join(os.tmpdir(), "ens-pem-"))));
afterEach(() => fs.rmSync(scratch, { recursive: true, force: true }));

test.each<[string, string]>([
  ["real line breaks", PEM],
  ["literal \\n escapes (the API page's example)", PEM.replace(/\n/g, "\\n")],
  ["literal \\r\\n escapes", PEM.replace(/\n/g, "\\r\\n")],
  ["CR LF line breaks", PEM.replace(/\n/g, "\r\n")],
  ["no final line break", PEM.trimEnd()],
  ["escapes without a final one", PEM.replace(/\n/g, "\\n").replace(/\\n$/, "")],
])("%s: written as PEM with real line breaks, which ssh-keygen -y reads", (_label, body) => {
  const pem = privateKeyPemOf(body);

  expect(pem).toBe(PEM.endsWith("\n") ? PEM : `${PEM}\n`);
  expect(pem).not.toContain("\\");
  const file = path.join(scratch, "id_rsa");
  fs.writeFileSync(file, pem, { mode: 0o600 });
  expectOpenSshAcceptsPrivateKey(file, key.publicKey);
});

test.each<[string, string, RegExp]>([
  ["no PEM header", "MIIEowIBAAKCAQEA", /does not start with a PEM header/],
  [
    "a PEM block that is no key",
    "-----BEGIN RSA PRIVATE KEY-----\\nnot-base64!\\n-----END RSA PRIVATE KEY-----",
    /not a private key node:crypto can read/,
  ],
])("%s: refused with a message that does not quote the body", (_label, body, message) => {
  let thrown: unknown;
  try {
    privateKeyPemOf(body);
  } catch (error) {
    thrown = error;
  }

  expect(thrown).toBeInstanceOf(InvalidPrivateKeyBodyError);
  expect((thrown as Error).message).toMatch(message);
  expect((thrown as Error).message).not.toContain("not-base64");
  expect((thrown as Error).message).not.toContain("MIIE");
});
