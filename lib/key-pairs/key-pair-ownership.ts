/**
 * Whose key pair holds the name: this stack's, or someone else's. ENS key pairs carry no tag, so the evidence is
 * the time this stack claimed the name (recorded in state before its create step first ran), the key pair's
 * CreationTime, and in import mode its fingerprint. Pure: the create and delete steps decide by the same rules.
 */
import type { EnsKeyPairSummary } from "../ens/ens-client";
import { sameFingerprint } from "../shared/public-key";

/**
 * How far before the claim a CreationTime may lie and still count as this stack's: the clock of the machine that
 * recorded the claim may run ahead of ENS's (NTP keeps them well within a second), and both times have whole
 * seconds. Kept small because it cuts both ways: a key pair someone else created within this window before the
 * claim would be taken for this stack's.
 */
export const OWN_SKEW_MS = 10_000;

/**
 * A key pair created more than this before the claim cannot be this stack's: Alibaba Cloud refuses requests signed
 * with a timestamp more than 15 minutes off, so the machine that claimed the name and then created the key (one
 * apply) was within 15 minutes of ENS's clock. Between OWN_SKEW_MS and this, the handler cannot tell, and says so.
 */
export const MAX_SKEW_MS = 15 * 60_000;

/** What the handler knows about which key pair is this stack's. */
export interface OwnershipEvidence {
  /** When the stack claimed the name. @default - not recorded (release 0.1): the key pair counts as this stack's */
  readonly claimedAtMs?: number;
  /**
   * The run asking made the claim (the create step of the apply that created the claim): no earlier run of this
   * stack can have created a key pair under the name, only an attempt of this run whose answer was lost.
   * @default false
   */
  readonly claimedByThisRun?: boolean;
  /** An attempt of the run asking may have created a key pair without seeing the answer. @default false */
  readonly thisRunMayHaveCreated?: boolean;
  /** The user told the stack to take over the key pair under the name. @default false */
  readonly adoptExisting?: boolean;
  /** Import mode: the fingerprint of the stack's public key. @default - create mode (ENS made the key) */
  readonly fingerprint?: string;
}

/** Whose a key pair is, and why. */
export type Ownership =
  | { readonly kind: "ours"; readonly why: "claimed" | "unclaimed" | "adopted" }
  | {
      readonly kind: "foreign";
      readonly why: "created-before-claim" | "other-public-key" | "not-created-by-this-run";
    }
  | { readonly kind: "undecidable"; readonly why: string };

/** Decides whose `keyPair` is. */
export function ownershipOf(keyPair: EnsKeyPairSummary, evidence: OwnershipEvidence): Ownership {
  if (evidence.fingerprint !== undefined) {
    if (!keyPair.fingerprint) {
      return { kind: "undecidable", why: "DescribeKeyPairs listed it without a fingerprint" };
    }
    if (!sameFingerprint(keyPair.fingerprint, evidence.fingerprint)) {
      return { kind: "foreign", why: "other-public-key" };
    }
  }
  if (evidence.adoptExisting) return { kind: "ours", why: "adopted" };
  if (evidence.claimedAtMs === undefined) return { kind: "ours", why: "unclaimed" };
  const createdAtMs = Date.parse(keyPair.creationTime);
  if (!Number.isFinite(createdAtMs)) {
    return {
      kind: "undecidable",
      why: `DescribeKeyPairs gave no usable CreationTime (${JSON.stringify(keyPair.creationTime)})`,
    };
  }
  const beforeClaimMs = evidence.claimedAtMs - createdAtMs;
  if (evidence.claimedByThisRun && !evidence.thisRunMayHaveCreated) {
    // The name was taken when this run's first request reached ENS: that key pair is someone else's.
    return { kind: "foreign", why: "not-created-by-this-run" };
  }
  if (beforeClaimMs <= OWN_SKEW_MS) return { kind: "ours", why: "claimed" };
  if (beforeClaimMs > MAX_SKEW_MS) return { kind: "foreign", why: "created-before-claim" };
  return {
    kind: "undecidable",
    why:
      `it was created at ${keyPair.creationTime}, ${Math.round(beforeClaimMs / 1000)} s before this stack claimed the ` +
      `name at ${new Date(evidence.claimedAtMs).toISOString()}: more than the ${OWN_SKEW_MS / 1000} s of clock skew ` +
      `taken for granted and less than the ${MAX_SKEW_MS / 60_000} minutes the API allows, so it may be this ` +
      "stack's key on a machine whose clock runs ahead, or a key someone else created just before",
  };
}
