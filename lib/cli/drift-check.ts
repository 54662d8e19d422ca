/**
 * Whether ENS still holds the key pair a state records: `ok`, `missing` (deleted out of band), `changed` (the name
 * is held by another key) or `unknown` (the lookup failed, or ENS's answer cannot decide).
 *
 * What tells "changed" from "ok", by what the state records:
 * - a KeyPairId (adopted by ID): the key pair with that ID must exist; if it is gone and the name is held, `changed`;
 * - import mode: the fingerprint must match (by hex digits, as the handler compares it);
 * - create mode: ENS made the key, so the state records neither fingerprint nor ID. The one sound test is the claim:
 *   this stack's key pair was created after the stack claimed the name (key-pair-ownership.ts, the rules the create
 *   and delete steps use), so one created earlier is `changed`. A key deleted and created again under the name after
 *   the claim cannot be told from this stack's own and reads `ok`; so does a key created a little before the claim
 *   (within the clock skew the API allows), with a note rather than a false alarm.
 */
import type { EnsKeyPairSummary } from "../ens/ens-client";
import { reportError } from "../process/failure-report";
import { findKeyPair } from "../key-pairs/find-key-pair";
import type { KeyPairContext } from "../key-pairs/key-pair-context";
import { ownershipOf } from "../key-pairs/key-pair-ownership";
import { sameFingerprint } from "../shared/public-key";
import type { KeyFileCheck } from "./drift-key-file";
import type { EnsKeyPairInState } from "./key-pairs-in-state";

/**
 * What drift says about one key pair. `key-lost` comes only from `--key-files` (drift-key-file.ts): ENS holds the
 * key pair, but its private key file does not hold its private half.
 */
export type DriftStatus = "ok" | "missing" | "changed" | "key-lost" | "unknown";

/** The verdict on one key pair. */
export interface DriftFinding {
  /** The status. */
  readonly status: DriftStatus;
  /** Why, in one sentence. */
  readonly reason: string;
  /** A caveat on an `ok`: what could not be checked. @default - none */
  readonly note?: string;
  /** The key pair ENS holds under the name (or the ID), if any. */
  readonly found?: EnsKeyPairSummary;
  /** For `unknown` from a failed lookup: the exit code its failure maps to (1, or 2 for rejected credentials). */
  readonly failureExitCode?: number;
  /** With `--key-files`: what the private key file check found. @default - not checked */
  readonly keyFile?: KeyFileCheck;
}

/** The key pair ENS holds, for a reason. */
export function describeFound(found: EnsKeyPairSummary): string {
  return `KeyPairId ${found.keyPairId || "-"}, fingerprint ${found.fingerprint || "-"}, created ${found.creationTime || "-"}`;
}

/** The verdict on what a lookup by name found (no KeyPairId recorded). */
export function judgeByName(keyPair: EnsKeyPairInState, found: EnsKeyPairSummary | undefined): DriftFinding {
  if (!found)
    return { status: "missing", reason: "no key pair of that name exists: it was deleted out of band." };
  const held = describeFound(found);
  if (keyPair.fingerprint !== undefined) {
    if (!found.fingerprint) {
      return {
        status: "unknown",
        reason: `DescribeKeyPairs listed it without a fingerprint (${held}).`,
        found,
      };
    }
    return sameFingerprint(found.fingerprint, keyPair.fingerprint)
      ? { status: "ok", reason: `the key pair exists with the recorded fingerprint (${held}).`, found }
      : {
          status: "changed",
          reason:
            `the name is held by a key pair with another public key (${held}); the state records fingerprint ` +
            `${keyPair.fingerprint}.`,
          found,
        };
  }
  const claimedAtMs = keyPair.claimedAt === undefined ? undefined : Date.parse(keyPair.claimedAt);
  if (claimedAtMs !== undefined && !Number.isFinite(claimedAtMs)) {
    return {
      status: "ok",
      reason: `the key pair exists (${held}).`,
      note: `the recorded claim time ${JSON.stringify(keyPair.claimedAt)} is unreadable, so only the name was checked.`,
      found,
    };
  }
  const ownership = ownershipOf(found, { claimedAtMs, adoptExisting: keyPair.adoptExisting });
  switch (ownership.kind) {
    case "ours":
      return ownership.why === "unclaimed"
        ? {
            status: "ok",
            reason: `the key pair exists (${held}).`,
            note: "the state was written by release 0.1, which records no claim time, so only the name was checked.",
            found,
          }
        : {
            status: "ok",
            reason:
              ownership.why === "adopted"
                ? `the adopted key pair exists (${held}).`
                : `the key pair exists, created no earlier than the stack's claim at ${keyPair.claimedAt} (${held}).`,
            found,
          };
    case "foreign":
      return {
        status: "changed",
        reason:
          `the name is held by a key pair created before the stack claimed it at ${keyPair.claimedAt} (${held}), so ` +
          "it is not the one this stack created.",
        found,
      };
    case "undecidable":
      return {
        status: "ok",
        reason: `the key pair exists (${held}).`,
        note: `whether it is the one this stack created cannot be told: ${ownership.why}.`,
        found,
      };
  }
}

/**
 * Looks the key pair up (by KeyPairId when the state records one, else by name) and judges it.
 *
 * @param deadlineMs when the lookups give up
 */
export async function checkDrift(
  context: KeyPairContext,
  keyPair: EnsKeyPairInState,
  deadlineMs: number,
): Promise<DriftFinding> {
  const named = { keyPairName: keyPair.keyPairName };
  try {
    if (keyPair.keyPairId === undefined)
      return judgeByName(keyPair, await findKeyPair(context, named, deadlineMs));
    const byId = await findKeyPair(
      context,
      { keyPairId: keyPair.keyPairId, keyPairName: keyPair.keyPairName },
      deadlineMs,
    );
    if (byId) {
      return byId.keyPairName === keyPair.keyPairName
        ? {
            status: "ok",
            reason: `the key pair with the recorded KeyPairId exists (${describeFound(byId)}).`,
            found: byId,
          }
        : {
            status: "changed",
            reason: `KeyPairId ${keyPair.keyPairId} now has the name ${JSON.stringify(byId.keyPairName)}.`,
            found: byId,
          };
    }
    const byName = await findKeyPair(context, named, deadlineMs);
    return byName
      ? {
          status: "changed",
          reason:
            `the key pair with the recorded KeyPairId ${keyPair.keyPairId} is gone, and the name is held by another ` +
            `one (${describeFound(byName)}).`,
          found: byName,
        }
      : {
          status: "missing",
          reason: `no key pair with KeyPairId ${keyPair.keyPairId} or that name exists: it was deleted out of band.`,
        };
  } catch (error) {
    const { message, exitCode } = reportError(error, "");
    return { status: "unknown", reason: `the lookup failed: ${message}`, failureExitCode: exitCode };
  }
}
