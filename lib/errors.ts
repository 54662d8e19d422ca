/**
 * Synth-time error factories, in one place so every message names the problem, the value and the fix.
 */
import { DELETE_TIMEOUT_RULE } from "./shared/delete-timeout";

/** Thrown for props that break a rule at synth time. */
class ValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EnsKeyPairValidationError";
  }
}

/**
 * Thrown for props that break a rule at synth time (TypeScript and JavaScript: `instanceof`, `new`, `extends` work as
 * on any class). Bound to a constant, not declared as an exported class, because jsii cannot model a subclass of
 * `Error`: it skips a constant, so the class stays out of the jsii assembly. In other languages the same message
 * arrives as the jsii runtime's error.
 */
export const EnsKeyPairValidationError = ValidationError;
/** Thrown for props that break a rule at synth time. */
export type EnsKeyPairValidationError = ValidationError;

/** The construct path prefix that tells the user which EnsKeyPair is wrong. */
function at(path: string): string {
  return `EnsKeyPair at "${path}": `;
}

/** A rule violation reported by one of the shared pure checks (name, public key, endpoint, settings). */
export function invalidProp(path: string, message: string): EnsKeyPairValidationError {
  return new EnsKeyPairValidationError(at(path) + message);
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
      `deleteTimeoutSeconds must be ${DELETE_TIMEOUT_RULE}, and it is ${value}. ` +
      "Use e.g. 300 (the default).",
  );
}

/** `removalPolicy` is neither destroy nor retain. */
export function invalidRemovalPolicy(path: string, value: string): EnsKeyPairValidationError {
  return new EnsKeyPairValidationError(
    at(path) + `removalPolicy must be "destroy" or "retain", and it is ${JSON.stringify(value)}.`,
  );
}

/** create_before_destroy was set on one of the key pair's resources (`resource` or `createStep`). */
export function createBeforeDestroyRefused(path: string, resource: string): string {
  return (
    at(path) +
    `lifecycle.create_before_destroy is set on its ${resource}, but Terraform does not run destroy-time provisioners under ` +
    "create_before_destroy, so replacing this key pair would leave the old key in Alibaba Cloud. Remove the " +
    "lifecycle setting or override (key pair replacement is always destroy-then-create)."
  );
}

/** The bundled handler is not where the package expects it. */
export function handlerBundleMissing(bundlePath: string): Error {
  return new Error(
    `The EnsKeyPair run-time handler bundle was not found at ${bundlePath}. ` +
      "In a checkout of this library run `npm run build`; in an installed package, reinstall cdktf-ens-key-pair.",
  );
}
