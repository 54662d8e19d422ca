/**
 * The ENS fingerprint of a private key file: what proves that the file holds the private half of the key pair the
 * emulator stores.
 */
import * as fs from "node:fs";
import {
  isPublicKeyViolation,
  md5Fingerprint,
  parseSshRsaPublicKey,
  sshRsaPublicKeyOf,
} from "../../../lib/shared/public-key";

/** The MD5 fingerprint (as ENS reports `KeyPairFingerPrint`) of the public half of a PEM private key file. */
export function privateKeyFileFingerprint(file: string): string {
  const parsed = parseSshRsaPublicKey(sshRsaPublicKeyOf(fs.readFileSync(file, "utf8")));
  if (isPublicKeyViolation(parsed)) throw new Error(`${file} does not hold an RSA key: ${parsed.message}`);
  return md5Fingerprint(parsed.blob);
}
