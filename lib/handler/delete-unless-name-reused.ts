/**
 * Deleting a key pair this stack imported only while the name still holds that key. ENS frees a name when its key
 * pair is deleted, and anyone may then import or create another key under it: if ours was deleted out of band, a
 * delete by name would destroy that other key. So the import-mode delete first looks the name up
 * (DescribeKeyPairs, exact match) and deletes only when the fingerprint is the one this stack imported.
 *
 * Create mode has no fingerprint in state (ENS generated the key) and keeps its single DeleteKeyPairs call; an
 * adopted key pair with a KeyPairId is deleted by ID, which is never reused.
 */
import type { EnsKeyPairSummary } from "../ens/ens-client";
import { CommandFailure } from "./command-failure";
import { DeleteOutcome, deleteKeyPair } from "./delete-key-pair";
import { findKeyPair } from "./find-key-pair";
import type { HandlerContext } from "./handler-context";

/** How a guarded delete ended. */
export type GuardedDeleteResult =
  /** Deleted by DeleteKeyPairs, or that call found it gone. */
  | { readonly outcome: DeleteOutcome }
  /** DescribeKeyPairs lists no key pair of that name: already deleted, no delete call made. */
  | { readonly outcome: "not-found" }
  /** Another key pair holds the name now; it was left alone. */
  | { readonly outcome: "name-reused"; readonly other: EnsKeyPairSummary };

/**
 * Deletes `keyPairName` if the key pair under it has `fingerprint`.
 *
 * @param fingerprint the imported key's MD5 fingerprint, lower-case colon hex
 * @throws ActionFailedError when an API call gives up; CommandFailure when the lookup cannot tell whose key it is
 */
export async function deleteUnlessNameReused(
  context: HandlerContext,
  keyPairName: string,
  fingerprint: string,
  deadlineMs: number,
): Promise<GuardedDeleteResult> {
  const ours = (keyPair: EnsKeyPairSummary): boolean => keyPair.fingerprint.toLowerCase() === fingerprint;
  const existing = await findKeyPair(
    context.client,
    { ...context, keyPairName, deadlineMs },
    { outcomeOf: (match) => (ours(match) ? "found" : "name-reused") },
  );
  if (!existing) return { outcome: "not-found" };
  if (!existing.fingerprint) {
    // Deleting could destroy someone else's key, and exiting 0 could leak ours: neither is safe to guess.
    throw new CommandFailure(
      `DescribeKeyPairs listed key pair ${JSON.stringify(keyPairName)} (KeyPairId ${existing.keyPairId || "-"}) ` +
        "without a fingerprint, so the handler cannot tell whether it is still the imported key; nothing was deleted.",
    );
  }
  if (!ours(existing)) return { outcome: "name-reused", other: existing };
  // Ours a moment ago: another key could take the name before this call only if ours were deleted in between.
  return { outcome: await deleteKeyPair(context, keyPairName, deadlineMs) };
}
