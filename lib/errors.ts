/**
 * Synth-time error factories, in one place so every message names the problem, the value and the fix.
 */

/** Thrown for props that break a rule at synth time. */
export class EnsKeyPairValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EnsKeyPairValidationError";
  }
}

/** The construct path prefix that tells the user which EnsKeyPair is wrong. */
function at(path: string): string {
  return `EnsKeyPair at "${path}": `;
}

/** A rule violation reported by one of the shared pure checks (name, public key, endpoint). */
export function invalidProp(path: string, message: string): EnsKeyPairValidationError {
  return new EnsKeyPairValidationError(at(path) + message);
}

/** `privateKeyFile` was given with `publicKey`. */
export function privateKeyFileInImportMode(path: string): EnsKeyPairValidationError {
  return new EnsKeyPairValidationError(
    at(path) +
      "privateKeyFile is set together with publicKey, but an imported key pair has no private key to write " +
      "(you already hold it). Remove privateKeyFile, or remove publicKey to let ENS create the key.",
  );
}

/** `privateKeyFile` is an empty string. */
export function emptyPrivateKeyFile(path: string): EnsKeyPairValidationError {
  return new EnsKeyPairValidationError(
    at(path) +
      'privateKeyFile is an empty string. Give a file path (e.g. "keys/my-key.pem") or leave it unset.',
  );
}

/** `deleteTimeoutSeconds` is out of range. */
export function invalidDeleteTimeout(path: string, value: number): EnsKeyPairValidationError {
  return new EnsKeyPairValidationError(
    at(path) +
      `deleteTimeoutSeconds must be a whole number of seconds from 1 to 86400, and it is ${value}. ` +
      "Use e.g. 300 (the default).",
  );
}

/** `removalPolicy` is neither destroy nor retain. */
export function invalidRemovalPolicy(path: string, value: string): EnsKeyPairValidationError {
  return new EnsKeyPairValidationError(
    at(path) + `removalPolicy must be "destroy" or "retain", and it is ${JSON.stringify(value)}.`,
  );
}

/** The bundled handler is not where the package expects it. */
export function handlerBundleMissing(bundlePath: string): Error {
  return new Error(
    `The EnsKeyPair run-time handler bundle was not found at ${bundlePath}. ` +
      "In a checkout of this library run `npm run build`; in an installed package, reinstall cdktf-ens-key-pair.",
  );
}
