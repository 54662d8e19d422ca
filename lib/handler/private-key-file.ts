/**
 * Writes the private key ENS returns once: mode 0600, atomically (a temp file in the same folder, then a
 * rename), so a reader never sees a partial key and an existing file is replaced in one step.
 */
import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import * as path from "node:path";

const FILE_MODE = 0o600;
const DIRECTORY_MODE = 0o700;

/**
 * Writes `privateKey` to `file` (absolute), creating missing parent folders with mode 0700.
 *
 * @throws the file system error (the caller rolls the key pair back)
 */
export async function writePrivateKeyFile(file: string, privateKey: string): Promise<void> {
  const directory = path.dirname(file);
  await fs.mkdir(directory, { recursive: true, mode: DIRECTORY_MODE });
  const temp = path.join(
    directory,
    `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`,
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
