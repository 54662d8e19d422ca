import { generateKeyPair, generateKeyPairSync } from "node:crypto";
import { promisify } from "node:util";
import { sshRsaPublicKeyOf } from "../shared/public-key";

/** A freshly generated RSA key pair, in the forms CreateKeyPair deals in. */
export interface GeneratedRsaKeyPair {
  /** PKCS#1 PEM (`-----BEGIN RSA PRIVATE KEY-----`), as the CreateKeyPair API example shows. */
  readonly privateKeyPem: string;
  /** The OpenSSH public key line, `ssh-rsa <base64>`. */
  readonly publicKey: string;
}

const generateKeyPairAsync = promisify(generateKeyPair);

/** Generates an RSA key pair off the event loop (CreateKeyPair must not stall other requests). */
export async function generateRsaKeyPair(modulusLength: number): Promise<GeneratedRsaKeyPair> {
  const { privateKey } = await generateKeyPairAsync("rsa", {
    modulusLength,
    publicKeyEncoding: { type: "pkcs1", format: "pem" },
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
  });
  return { privateKeyPem: privateKey, publicKey: sshRsaPublicKeyOf(privateKey) };
}

/** Generates an RSA key pair synchronously (for out-of-band `addKeyPair`, which returns at once). */
export function generateRsaKeyPairSync(modulusLength: number): GeneratedRsaKeyPair {
  const { privateKey } = generateKeyPairSync("rsa", {
    modulusLength,
    publicKeyEncoding: { type: "pkcs1", format: "pem" },
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
  });
  return { privateKeyPem: privateKey, publicKey: sshRsaPublicKeyOf(privateKey) };
}
