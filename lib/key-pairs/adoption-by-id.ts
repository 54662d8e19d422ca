/**
 * Checks, before any create or import call, that the key pair to adopt by KeyPairId exists under the expected name
 * (and, in import mode, holds the expected public key). Checking first matters: creating a key pair when the ID
 * does not exist would put a key with a new ID under the name, which the delete step (by ID) never finds: a leak.
 */
import type { EnsKeyPairSummary } from "../ens/ens-client";
import { sameFingerprint } from "../shared/public-key";
import { findKeyPair } from "./find-key-pair";
import type { KeyPairContext } from "./key-pair-context";

/** What DescribeKeyPairs(KeyPairId) showed about the key pair to adopt. */
type AdoptionCheck =
  /** The ID exists with the expected name (and fingerprint): adopt it. */
  | { readonly kind: "adoptable"; readonly keyPair: EnsKeyPairSummary }
  /** No key pair has that ID. */
  | { readonly kind: "no-such-id" }
  /** The ID belongs to a key pair of another name. */
  | { readonly kind: "other-name"; readonly keyPair: EnsKeyPairSummary }
  /** The ID and name match, but the key pair holds another public key (import mode). */
  | { readonly kind: "other-key"; readonly keyPair: EnsKeyPairSummary };

/** The key pair to adopt. */
interface AdoptionTarget {
  /** The name it must have. */
  readonly keyPairName: string;
  /** Its KeyPairId. */
  readonly keyPairId: string;
  /** The MD5 fingerprint it must have (import mode; compared by hex digits). @default - any key (create mode) */
  readonly fingerprint?: string;
}

/**
 * Looks the KeyPairId up with DescribeKeyPairs (retried until `deadlineMs`); the attempt that finds an adoptable
 * key pair is logged as `adopted`.
 *
 * @throws ActionFailedError when DescribeKeyPairs gives up
 */
export async function checkAdoptionById(
  context: KeyPairContext,
  target: AdoptionTarget,
  deadlineMs: number,
): Promise<AdoptionCheck> {
  const kindOf = (keyPair: EnsKeyPairSummary): Exclude<AdoptionCheck["kind"], "no-such-id"> => {
    if (keyPair.keyPairName !== target.keyPairName) return "other-name";
    if (target.fingerprint && !sameFingerprint(keyPair.fingerprint, target.fingerprint)) return "other-key";
    return "adoptable";
  };
  const keyPair = await findKeyPair(
    context,
    { keyPairId: target.keyPairId, keyPairName: target.keyPairName },
    deadlineMs,
    (match) => (kindOf(match) === "adoptable" ? "adopted" : "found"),
  );
  return keyPair ? { kind: kindOf(keyPair), keyPair } : { kind: "no-such-id" };
}
