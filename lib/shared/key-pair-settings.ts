/**
 * The rules that combine settings (adoption, KeyPairId, private key file, mode): one definition, checked on
 * literal props at synth and again by the handler on its environment (values may have been tokens at synth). Each
 * side words the settings its own way (`keyPairId` or `ENS_KEY_PAIR_ID`).
 */

/** How one side names each setting in its messages. */
interface SettingNames {
  /** The KeyPairId setting, e.g. `keyPairId`. */
  readonly keyPairId: string;
  /** Adoption switched on, e.g. `adoptExisting: true`. */
  readonly adoptExisting: string;
  /** The private key file setting, e.g. `privateKeyFile`. */
  readonly privateKeyFile: string;
  /** The public key setting (import mode), e.g. `publicKey`. */
  readonly publicKey: string;
}

/** The settings whose combinations are checked. */
interface KeyPairSettings {
  /** Import mode (a public key is given). */
  readonly importMode: boolean;
  /** Adopt an existing key pair. */
  readonly adoptExisting: boolean;
  /** A KeyPairId is given. */
  readonly hasKeyPairId: boolean;
  /** A private key file is given. */
  readonly hasPrivateKeyFile: boolean;
}

/** The first rule `settings` break, as a sentence with the fix, or `undefined` when they combine. */
export function settingsViolation(settings: KeyPairSettings, names: SettingNames): string | undefined {
  if (settings.hasKeyPairId && !settings.adoptExisting) {
    return (
      `${names.keyPairId} is set without ${names.adoptExisting}: a KeyPairId names an existing key pair to adopt, ` +
      "and a key pair this library creates or imports gets a new ID (and is deleted by name). " +
      `Set ${names.adoptExisting}, or remove ${names.keyPairId}.`
    );
  }
  if (settings.hasPrivateKeyFile && settings.importMode) {
    return (
      `${names.privateKeyFile} is set in import mode (with ${names.publicKey}), but an imported key pair has no ` +
      `private key to write (you already hold it). Remove ${names.privateKeyFile}, or remove ${names.publicKey} to ` +
      "let ENS create the key."
    );
  }
  if (settings.hasPrivateKeyFile && settings.adoptExisting) {
    return (
      `${names.privateKeyFile} is set together with ${names.adoptExisting}, but an adopted key pair's private key ` +
      "is not available: ENS returns a private key only once, when it creates the key. " +
      `Remove ${names.privateKeyFile} (you hold the private key already).`
    );
  }
  return undefined;
}
