/**
 * OpenSSH public keys as ENS ImportKeyPair accepts them (ssh-rsa only), and their fingerprints.
 *
 * Pure (node:crypto only): used by the construct at synth time, by the handler at run time
 * and by the emulator, so all three agree on what a valid key and its fingerprint are.
 */
import { createHash, createPublicKey, KeyObject } from "node:crypto";

/** Why a public key is invalid. */
interface PublicKeyViolation {
  /** A sentence that names the problem and the fix. */
  readonly message: string;
}

/** A parsed `ssh-rsa` public key. */
export interface SshRsaPublicKey {
  /** The decoded key blob (RFC 4253 `ssh-rsa` wire format). */
  readonly blob: Buffer;
  /** The key as a single normalized line, `ssh-rsa <base64>` (comment dropped). */
  readonly line: string;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function readString(blob: Buffer, offset: number): { value: Buffer; next: number } | undefined {
  if (offset + 4 > blob.length) return undefined;
  const length = blob.readUInt32BE(offset);
  const start = offset + 4;
  if (start + length > blob.length) return undefined;
  return { value: blob.subarray(start, start + length), next: start + length };
}

/**
 * Parses a single-line OpenSSH `ssh-rsa` public key.
 *
 * @returns the parsed key, or the reason it is not one ENS can import.
 */
export function parseSshRsaPublicKey(text: string): SshRsaPublicKey | PublicKeyViolation {
  const trimmed = text.trim();
  if (/[\r\n]/.test(trimmed)) {
    return {
      message: "Invalid publicKey: it must be a single line (`ssh-rsa AAAA... comment`), not several lines.",
    };
  }
  if (trimmed.startsWith("-----BEGIN")) {
    return {
      message:
        "Invalid publicKey: it is a PEM block, but ENS expects an OpenSSH public key line. " +
        "Convert it with `ssh-keygen -y -f <private key>` or `ssh-keygen -i -m PKCS8 -f <pem>`.",
    };
  }
  const [type, data] = trimmed.split(/\s+/);
  if (type !== "ssh-rsa") {
    return {
      message:
        `Invalid publicKey: ENS ImportKeyPair accepts only ssh-rsa keys, and this key is of type ${JSON.stringify(type ?? "")}. ` +
        "Generate one with `ssh-keygen -t rsa -b 4096`.",
    };
  }
  if (!data || !BASE64.test(data)) {
    return { message: "Invalid publicKey: the part after `ssh-rsa` is not base64 key data." };
  }
  const blob = Buffer.from(data, "base64");
  const keyType = readString(blob, 0);
  const exponent = keyType && readString(blob, keyType.next);
  const modulus = exponent && readString(blob, exponent.next);
  if (
    !keyType ||
    keyType.value.toString("latin1") !== "ssh-rsa" ||
    !exponent ||
    !modulus ||
    modulus.next !== blob.length
  ) {
    return {
      message:
        "Invalid publicKey: the base64 data is not an ssh-rsa key blob (it may be truncated or of another type).",
    };
  }
  return { blob, line: `ssh-rsa ${data}` };
}

/** True when `parseSshRsaPublicKey` returned a violation. */
export function isPublicKeyViolation(
  value: SshRsaPublicKey | PublicKeyViolation,
): value is PublicKeyViolation {
  return "message" in value;
}

/**
 * The MD5 fingerprint of a key blob, as ENS reports `KeyPairFingerPrint`: 16 lower-case hex bytes joined by `:`.
 */
export function md5Fingerprint(blob: Buffer): string {
  return createHash("md5")
    .update(blob)
    .digest("hex")
    .replace(/(..)(?!$)/g, "$1:");
}

function sshString(value: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(value.length);
  return Buffer.concat([length, value]);
}

function sshMpint(base64url: string): Buffer {
  let bytes = Buffer.from(base64url, "base64url");
  if (bytes[0] & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return sshString(bytes);
}

/** The OpenSSH `ssh-rsa` public key line of an RSA key (private or public, PEM or KeyObject). */
export function sshRsaPublicKeyOf(key: string | KeyObject): string {
  // createPublicKey refuses a KeyObject that is already public, so use such a key as it is.
  const publicKey = typeof key !== "string" && key.type === "public" ? key : createPublicKey(key);
  const jwk = publicKey.export({ format: "jwk" });
  if (jwk.kty !== "RSA" || !jwk.n || !jwk.e) throw new Error("not an RSA key");
  const blob = Buffer.concat([sshString(Buffer.from("ssh-rsa")), sshMpint(jwk.e), sshMpint(jwk.n)]);
  return `ssh-rsa ${blob.toString("base64")}`;
}

/** The hex digits of a fingerprint, lower-case: what is left once separators and case are ignored. */
function fingerprintDigits(fingerprint: string): string {
  return fingerprint.replace(/[^0-9a-f]/gi, "").toLowerCase();
}

/**
 * True when two MD5 fingerprints name the same key. Only the hex digits count, so colon hex (`f1:63:…`, as ECS and
 * `ssh-keygen -E md5` write it) equals plain hex (`f163…`, as the ENS API pages show it), in any case. A value
 * without the 32 digits of an MD5 fingerprint never matches.
 */
export function sameFingerprint(a: string, b: string): boolean {
  const digits = fingerprintDigits(a);
  return digits.length === 32 && digits === fingerprintDigits(b);
}
