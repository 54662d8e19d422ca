/**
 * The private key file: written once with mode 0600, atomically (a temp file in the same folder, then a rename),
 * so a reader never sees a partial key and an existing file is replaced in one step; and read back to tell whether
 * it holds the private half of the key pair ENS has.
 */
import { createPrivateKey, randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import * as path from "node:path";
import {
  isPublicKeyViolation,
  md5Fingerprint,
  parseSshRsaPublicKey,
  sshRsaPublicKeyOf,
} from "../shared/public-key";

const FILE_MODE = 0o600;
const DIRECTORY_MODE = 0o700;

function tempFilePrefix(file: string): string {
  return `.${path.basename(file)}.`;
}

/** True unless a process with this ID exists (signal 0 only checks). */
function processIsGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/**
 * Removes temp files of `file` left by a writer that was killed before its rename (they may hold a private key).
 * A temp file whose writer still runs is left alone.
 */
async function removeStaleTempFiles(file: string): Promise<void> {
  const directory = path.dirname(file);
  const prefix = tempFilePrefix(file);
  for (const name of await fs.readdir(directory)) {
    const match = name.startsWith(prefix) ? /^(\d+)\.[0-9a-f]+\.tmp$/.exec(name.slice(prefix.length)) : null;
    if (match && Number(match[1]) !== process.pid && processIsGone(Number(match[1]))) {
      await fs.rm(path.join(directory, name), { force: true });
    }
  }
}

/**
 * Writes `privateKey` to `file` (absolute), creating missing parent folders with mode 0700.
 *
 * @throws the file system error (the caller rolls the key pair back)
 */
export async function writePrivateKeyFile(file: string, privateKey: string): Promise<void> {
  const directory = path.dirname(file);
  await fs.mkdir(directory, { recursive: true, mode: DIRECTORY_MODE });
  await removeStaleTempFiles(file);
  const temp = path.join(
    directory,
    `${tempFilePrefix(file)}${process.pid}.${randomBytes(6).toString("hex")}.tmp`,
  );
  // "wx": never follow or reuse an existing path; the mode applies from creation, before any byte is written.
  const handle = await fs.open(temp, "wx", FILE_MODE);
  try {
    // The umask can only remove bits; chmod makes the mode exactly 0600 whatever it is.
    await handle.chmod(FILE_MODE);
    await handle.writeFile(privateKey.endsWith("\n") ? privateKey : `${privateKey}\n`);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await fs.rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}

/** What the private key file holds. */
export type PrivateKeyFileContent =
  | { readonly kind: "key"; readonly fingerprint: string }
  | { readonly kind: "missing" }
  | { readonly kind: "unusable"; readonly reason: string };

/** Reads `file` and gives the MD5 fingerprint of the public half of the RSA private key it holds. */
export async function readPrivateKeyFile(file: string): Promise<PrivateKeyFileContent> {
  let pem: string;
  try {
    pem = await fs.readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return { kind: "missing" };
    return { kind: "unusable", reason: error instanceof Error ? error.message : String(error) };
  }
  try {
    const parsed = parseSshRsaPublicKey(sshRsaPublicKeyOf(createPrivateKey(pem)));
    if (isPublicKeyViolation(parsed)) return { kind: "unusable", reason: parsed.message };
    return { kind: "key", fingerprint: md5Fingerprint(parsed.blob) };
  } catch (error) {
    return {
      kind: "unusable",
      reason: `it holds no RSA private key (${error instanceof Error ? error.message : String(error)})`,
    };
  }
}
