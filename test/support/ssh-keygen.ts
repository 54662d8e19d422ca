/**
 * Whether a private key file is one OpenSSH accepts: `ssh-keygen -y -f <file>` must print the public key the
 * emulator stores. Where ssh-keygen is missing, the test says so loudly and checks the file with node:crypto instead
 * (it never passes silently).
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { sshRsaPublicKeyOf } from "../../lib/shared/public-key";

/** The ssh-keygen on PATH, or undefined. */
function sshKeygen(): string | undefined {
  const found = spawnSync("sh", ["-c", "command -v ssh-keygen"], { encoding: "utf8" });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

const SSH_KEYGEN = sshKeygen();

/**
 * Asserts that `file` holds the private half of `publicKey` (an `ssh-rsa <base64>` line): read by `ssh-keygen -y`,
 * or by node:crypto when ssh-keygen is missing, with a warning saying so.
 */
export function expectOpenSshAcceptsPrivateKey(file: string, publicKey: string): void {
  const expected = publicKey.split(" ").slice(0, 2).join(" ");
  if (SSH_KEYGEN === undefined) {
    console.warn(
      "*** ssh-keygen IS NOT ON PATH: the private key file was checked with node:crypto only, not with OpenSSH. " +
        "Install openssh-client to run the real check. ***",
    );
    expect(sshRsaPublicKeyOf(fs.readFileSync(file, "utf8"))).toBe(expected);
    return;
  }
  const derived = execFileSync(SSH_KEYGEN, ["-y", "-f", file], { encoding: "utf8" }).trim();
  expect(derived.split(" ").slice(0, 2).join(" ")).toBe(expected);
}
