/** A key pair as the emulator stores it (ENS keeps only the public half). */
export interface EmulatedKeyPair {
  /** The unique name (`KeyPairName`). */
  readonly keyPairName: string;
  /** The ID, `ssh-` and 20 lower-case letters or digits (`KeyPairId`). */
  readonly keyPairId: string;
  /**
   * MD5 fingerprint of the ssh-rsa key blob, always lower-case colon hex (`f1:63:…`), whichever
   * `readings.fingerprintFormat` writes as `KeyPairFingerPrint` on the wire.
   */
  readonly fingerprint: string;
  /** When it was created, ISO 8601 UTC without milliseconds (`CreationTime`). */
  readonly creationTime: string;
  /** The public key, `ssh-rsa <base64>`. */
  readonly publicKey: string;
  /**
   * Instances bound to the key (see `EnsEmulator.attachInstance`); non-empty blocks DeleteKeyPairs
   * when `readings.attachedKeyDelete` is `"refuses"`.
   */
  readonly attachedInstanceIds: readonly string[];
}
