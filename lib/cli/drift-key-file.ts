/**
 * `drift --key-files`: whether the private key file of a create-mode key pair holds the private half of the key
 * pair ENS has.
 *
 * Why drift needs this: a hard kill (the machine dies, SIGKILL of terraform and its handlers) can leave Terraform's
 * saved state ahead of reality. Terraform saves the create step's object, untainted, before its provisioner runs,
 * and the local backend persists that state whenever another resource finishes: when ENS had
 * committed the key but the handler died before writing the file, the state says "created", ENS holds the key, the
 * file does not exist, and the next apply has nothing to do. ENS and the state agree, so only the file tells.
 *
 * Why opt-in: the file exists only on the machine whose apply wrote it. A CI job, or an operator checking a shared
 * state from another machine, never holds it, and would see every create-mode key pair as lost.
 *
 * A relative `privateKeyFile` is resolved as the handler resolves it (lib/handler/handler-input.ts): against the
 * cdktf project folder, the nearest folder holding cdktf.json at or above where Terraform runs the handler (the
 * stack folder). When the STATE is a stack folder, that is where the search starts; otherwise (a state file, show
 * JSON, stdin) it starts at the current folder.
 */
import * as path from "node:path";
import type { EnsKeyPairSummary } from "../ens/ens-client";
import { PrivateKeyFileContent, readPrivateKeyFile } from "../key-pairs/private-key-file";
import { CDKTF_PROJECT_FILE, projectFolderOf } from "../key-pairs/project-folder";
import { sameFingerprint } from "../shared/public-key";
import { CliExitCode } from "./cli-exit-code";
import { describeFound, DriftFinding } from "./drift-check";
import type { EnsKeyPairInState } from "./key-pairs-in-state";

/** What the private key file check found (the `privateKeyFile` of drift's JSON report). */
export interface KeyFileCheck {
  /** `privateKeyFile` as the state records it. */
  readonly recorded: string;
  /** The absolute path checked. @default - null: a relative path with no cdktf project to resolve it against */
  readonly path: string | null;
  /**
   * `ok`: it holds the private half of the key ENS has; `unverified`: it holds an RSA private key, but ENS listed
   * the key pair without a fingerprint to compare; `missing`: no such file; `unusable`: it cannot be read, or holds
   * no RSA private key; `other-key`: it holds the private half of another key; `unresolved`: relative, and no
   * cdktf.json was found to resolve it against.
   */
  readonly result: "ok" | "unverified" | "missing" | "unusable" | "other-key" | "unresolved";
}

/** Where relative private key files are resolved from. */
export interface KeyFileBase {
  /** The stack folder the STATE names, if it names one (absolute). */
  readonly stackFolder?: string;
  /** The current folder (absolute). */
  readonly cwd: string;
}

/** Where a recorded `privateKeyFile` is on this machine. */
type KeyFileLocation =
  | {
      readonly kind: "path";
      /** The absolute path. */
      readonly path: string;
      /** The cdktf project folder a relative path was resolved against. @default - it was absolute */
      readonly project?: string;
    }
  /** Relative, and no cdktf.json at or above `searchedFrom`. */
  | { readonly kind: "unresolved"; readonly searchedFrom: string };

/** Resolves a recorded `privateKeyFile`: absolute as it is; relative against the cdktf project folder. */
export function locatePrivateKeyFile(recorded: string, base: KeyFileBase): KeyFileLocation {
  if (path.isAbsolute(recorded)) return { kind: "path", path: recorded };
  const searchedFrom = base.stackFolder ?? base.cwd;
  const project = projectFolderOf(searchedFrom);
  return project === undefined
    ? { kind: "unresolved", searchedFrom }
    : { kind: "path", path: path.join(project, recorded), project };
}

/** What was found where the private key file should be. */
type KeyFileReading =
  | Extract<KeyFileLocation, { kind: "unresolved" }>
  | (Extract<KeyFileLocation, { kind: "path" }> & { readonly content: PrivateKeyFileContent });

/**
 * The verdict on a key pair ENS holds (`ok` by ENS and the state), given what its private key file holds: `ok`
 * when it holds the key's private half, `key-lost` when it is missing, unusable or holds another key, `unknown`
 * when a relative path cannot be resolved here (exit 2, as for any other problem of where the CLI runs). Pure.
 *
 * @param keyPair a create-mode key pair whose state records `privateKeyFile`
 * @param finding the `ok` finding from ENS, with the key pair found
 */
export function judgeKeyFile(
  keyPair: EnsKeyPairInState & { readonly privateKeyFile: string },
  finding: DriftFinding & { readonly found: EnsKeyPairSummary },
  reading: KeyFileReading,
): DriftFinding {
  const recorded = keyPair.privateKeyFile;
  const { found } = finding;
  if (reading.kind === "unresolved") {
    return {
      status: "unknown",
      reason:
        `its private key file ${JSON.stringify(recorded)} is relative to the cdktf project folder, and no ` +
        `${CDKTF_PROJECT_FILE} was found in ${reading.searchedFrom} or above it. Pass the stack folder ` +
        "(cdktf.out/stacks/<stack>) as the STATE, or run drift inside the cdktf project.",
      found,
      failureExitCode: CliExitCode.USAGE,
      keyFile: { recorded, path: null, result: "unresolved" },
    };
  }
  const keyFile = (result: KeyFileCheck["result"]): KeyFileCheck => ({
    recorded,
    path: reading.path,
    result,
  });
  const file =
    reading.project === undefined
      ? reading.path
      : `${reading.path} (privateKeyFile ${JSON.stringify(recorded)} in the cdktf project ${reading.project})`;
  const lost = (result: KeyFileCheck["result"], problem: string): DriftFinding => {
    const written = keyPair.createStepPrivateKeyFile;
    const moved =
      written === undefined
        ? ""
        : ` Its create step wrote the key to ${JSON.stringify(written)}: privateKeyFile was changed after it ran, ` +
          "and Terraform moves no file.";
    return {
      status: "key-lost",
      reason: `the key pair exists (${describeFound(found)}), but its private key file ${file} ${problem}.${moved}`,
      found,
      keyFile: keyFile(result),
    };
  };
  const { content } = reading;
  switch (content.kind) {
    case "missing":
      return lost("missing", "does not exist");
    case "unusable":
      return lost("unusable", `cannot be used: ${content.reason.replace(/\.$/, "")}`);
    case "key":
      if (!found.fingerprint) {
        return {
          ...finding,
          note:
            `${finding.note ? `${finding.note} Also, ` : ""}DescribeKeyPairs listed it without a fingerprint, so ` +
            `only that ${reading.path} holds an RSA private key was checked.`,
          keyFile: keyFile("unverified"),
        };
      }
      return sameFingerprint(content.fingerprint, found.fingerprint)
        ? {
            ...finding,
            reason: `${finding.reason.replace(/\.$/, "")}; ${reading.path} holds its private key.`,
            keyFile: keyFile("ok"),
          }
        : lost(
            "other-key",
            `holds another key (fingerprint ${content.fingerprint}), not the private half of this one`,
          );
  }
}

/**
 * Checks the private key file of a key pair that ENS and the state agree on. Anything but a create-mode `ok` with a
 * recorded `privateKeyFile` is returned as it is: a key pair that is `missing` or `changed` is repaired anyway, and
 * one without a file has nothing to check.
 */
export async function checkKeyFile(
  keyPair: EnsKeyPairInState,
  finding: DriftFinding,
  base: KeyFileBase,
): Promise<DriftFinding> {
  if (
    finding.status !== "ok" ||
    finding.found === undefined ||
    keyPair.mode !== "create" ||
    keyPair.privateKeyFile === undefined
  ) {
    return finding;
  }
  const location = locatePrivateKeyFile(keyPair.privateKeyFile, base);
  const reading: KeyFileReading =
    location.kind === "path" ? { ...location, content: await readPrivateKeyFile(location.path) } : location;
  return judgeKeyFile(
    { ...keyPair, privateKeyFile: keyPair.privateKeyFile },
    { ...finding, found: finding.found },
    reading,
  );
}
