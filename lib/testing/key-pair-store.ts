import { checkKeyPairName } from "../shared/key-pair-name";
import { isPublicKeyViolation, md5Fingerprint, parseSshRsaPublicKey } from "../shared/public-key";
import { EmulatedKeyPair } from "./emulated-key-pair";
import { randomLowerAlnum } from "./random-id";

/** The stored form: the public shape plus the mutable instance list. */
interface StoredKeyPair extends Omit<EmulatedKeyPair, "attachedInstanceIds"> {
  readonly attachedInstanceIds: string[];
}

/** Why `KeyPairStore.insert` refused a key pair. */
export type InsertRefusal = "name-taken";

/**
 * The emulator's key pairs, in creation order. It knows names, IDs and fingerprints, not API
 * errors: the actions translate its answers into ENS error codes.
 */
export class KeyPairStore {
  // A Map keeps insertion order, which is the creation order DescribeKeyPairs lists.
  private readonly byName = new Map<string, StoredKeyPair>();

  /** All key pairs, oldest first, as snapshots. */
  list(): EmulatedKeyPair[] {
    return [...this.byName.values()].map(snapshot);
  }

  /** The key pair with this exact name. */
  get(name: string): EmulatedKeyPair | undefined {
    const stored = this.byName.get(name);
    return stored && snapshot(stored);
  }

  /** The key pair with this exact ID. */
  getById(keyPairId: string): EmulatedKeyPair | undefined {
    const stored = this.findById(keyPairId);
    return stored && snapshot(stored);
  }

  /** True when a key pair has this name. */
  has(name: string): boolean {
    return this.byName.has(name);
  }

  /**
   * Stores a new key pair for a valid `ssh-rsa` public key line.
   *
   * @returns the key pair, or why it was refused
   * @throws Error when the name or the key is invalid (callers check both first)
   */
  insert(keyPairName: string, publicKey: string, now: Date): EmulatedKeyPair | InsertRefusal {
    const nameViolation = checkKeyPairName(keyPairName);
    if (nameViolation) throw new Error(nameViolation.message);
    const parsed = parseSshRsaPublicKey(publicKey);
    if (isPublicKeyViolation(parsed)) throw new Error(parsed.message);
    if (this.byName.has(keyPairName)) return "name-taken";
    const stored: StoredKeyPair = {
      keyPairName,
      keyPairId: this.newKeyPairId(),
      fingerprint: md5Fingerprint(parsed.blob),
      creationTime: now.toISOString().replace(/\.\d{3}Z$/, "Z"),
      publicKey: parsed.line,
      attachedInstanceIds: [],
    };
    this.byName.set(keyPairName, stored);
    return snapshot(stored);
  }

  /** Removes a key pair by name or ID. @returns whether one was removed */
  delete(nameOrId: string): boolean {
    const stored = this.byName.get(nameOrId) ?? this.findById(nameOrId);
    if (!stored) return false;
    return this.byName.delete(stored.keyPairName);
  }

  /** Binds an instance ID to a key pair. @returns false when there is no such key pair */
  attach(keyPairName: string, instanceId: string): boolean {
    const stored = this.byName.get(keyPairName);
    if (!stored) return false;
    if (!stored.attachedInstanceIds.includes(instanceId)) stored.attachedInstanceIds.push(instanceId);
    return true;
  }

  /** Unbinds every instance from a key pair. @returns false when there is no such key pair */
  detachAll(keyPairName: string): boolean {
    const stored = this.byName.get(keyPairName);
    if (!stored) return false;
    stored.attachedInstanceIds.length = 0;
    return true;
  }

  /** Forgets every key pair. */
  clear(): void {
    this.byName.clear();
  }

  private findById(keyPairId: string): StoredKeyPair | undefined {
    for (const stored of this.byName.values()) if (stored.keyPairId === keyPairId) return stored;
    return undefined;
  }

  private newKeyPairId(): string {
    // 36^20 possible IDs: a collision is practically impossible, but never hand out a duplicate.
    for (let attempt = 0; attempt < 10; attempt++) {
      const id = `ssh-${randomLowerAlnum(20)}`;
      if (!this.findById(id)) return id;
    }
    throw new Error("could not draw an unused key pair ID in 10 attempts");
  }
}

function snapshot(stored: StoredKeyPair): EmulatedKeyPair {
  return Object.freeze({ ...stored, attachedInstanceIds: Object.freeze([...stored.attachedInstanceIds]) });
}
