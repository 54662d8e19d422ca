/**
 * Which key pairs `sweep` may delete: those whose name starts with the prefix, that no given state names, that are
 * older than the minimum age (so an apply still creating one is never raced), and that ENS listed with a KeyPairId
 * (sweep deletes by ID only: a name may be taken by another key between the listing and the delete).
 *
 * A state names a key pair through any resource of an EnsKeyPair (main resource, create step, deposed objects;
 * whatever release wrote it) and through any other resource with a `key_pair_name` attribute (the provider's
 * `alicloud_ens_key_pair`, an `alicloud_ens_instance` using the key). A named key pair is always kept. Pure.
 */
import type { EnsKeyPairSummary } from "../ens/ens-client";
import type { KeyPairOwner } from "./key-pairs-in-state";

/** A resource that names a key pair, and the state it is in. */
export interface OwnerInState {
  /** The state's label. */
  readonly state: string;
  /** The resource. */
  readonly owner: KeyPairOwner;
}

/** What sweep does with one key pair under the prefix. */
export interface SweepItem {
  /** The key pair, as DescribeKeyPairs listed it. */
  readonly keyPair: EnsKeyPairSummary;
  /** Delete it, or keep it. */
  readonly action: "delete" | "keep";
  /** Why. */
  readonly reason: string;
}

/** The plan over every listed key pair. */
interface SweepPlan {
  /** The key pairs under the prefix, by name. */
  readonly items: readonly SweepItem[];
  /** How many listed key pairs lie outside the prefix (never touched). */
  readonly outsidePrefix: number;
}

/** A duration for messages: `1h`, `90m`, `45s`. */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds % 86_400 === 0 && seconds > 0) return `${seconds / 86_400}d`;
  if (seconds % 3600 === 0 && seconds > 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0 && seconds > 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

function ownedReason(keyPair: EnsKeyPairSummary, owners: readonly OwnerInState[]): string {
  // One line per key pair, not per resource: a create step or deposed object only when its state has no main one.
  const shown = owners.filter(
    ({ state, owner }) =>
      !owner.secondary || !owners.some((other) => other.state === state && !other.owner.secondary),
  );
  const named = shown
    .map(({ state, owner }) => {
      const what = owner.kind === "EnsKeyPair" ? "EnsKeyPair" : owner.type;
      const id =
        owner.keyPairId && keyPair.keyPairId && owner.keyPairId !== keyPair.keyPairId
          ? ` (which records KeyPairId ${owner.keyPairId}, not this one: run drift)`
          : "";
      return `${what} ${owner.address} in ${state}${id}`;
    })
    .join("; ");
  return `named by ${named}`;
}

/**
 * Decides, for every listed key pair under `prefix`, whether sweep deletes it.
 *
 * @param nowMs the current time, against which CreationTime is aged
 */
export function planSweep(
  listed: readonly EnsKeyPairSummary[],
  owners: readonly OwnerInState[],
  prefix: string,
  minAgeMs: number,
  nowMs: number,
): SweepPlan {
  const under = listed.filter((keyPair) => keyPair.keyPairName.startsWith(prefix));
  const items = [...under]
    .sort((a, b) => (a.keyPairName < b.keyPairName ? -1 : a.keyPairName > b.keyPairName ? 1 : 0))
    .map((keyPair): SweepItem => {
      const naming = owners.filter(({ owner }) => owner.keyPairName === keyPair.keyPairName);
      if (naming.length > 0) return { keyPair, action: "keep", reason: ownedReason(keyPair, naming) };
      const createdMs = Date.parse(keyPair.creationTime);
      if (!Number.isFinite(createdMs)) {
        return {
          keyPair,
          action: "keep",
          reason: `no usable CreationTime (${JSON.stringify(keyPair.creationTime)}), so its age is unknown`,
        };
      }
      const ageMs = nowMs - createdMs;
      if (ageMs < minAgeMs) {
        return {
          keyPair,
          action: "keep",
          reason:
            `created ${keyPair.creationTime}, less than the minimum age (${formatDuration(minAgeMs)}) ago: an ` +
            "apply may still be creating it",
        };
      }
      if (!keyPair.keyPairId) {
        return {
          keyPair,
          action: "keep",
          reason:
            "DescribeKeyPairs gave no KeyPairId, and sweep deletes by ID only; if it is an orphan, delete it by name " +
            "(`ens-key-pair delete --name`)",
        };
      }
      return {
        keyPair,
        action: "delete",
        reason: `no given state names it, and it is older than ${formatDuration(minAgeMs)}`,
      };
    });
  return { items, outsidePrefix: listed.length - under.length };
}
