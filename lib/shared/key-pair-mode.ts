/**
 * How a key pair comes to exist: one definition for the construct's {@link EnsKeyPair.mode} (re-exported by
 * ens-key-pair.ts, part of the jsii API) and the `mode` value the handler reads back. Pure, so both sides import it.
 */

/**
 * How the key pair comes to exist: the `mode` of an EnsKeyPair.
 *
 * An enum (jsii has no string unions): its values are the strings release 0.1 synthesized.
 */
export enum KeyPairMode {
  /** CreateKeyPair: ENS generates the key and returns the private key once. */
  CREATE = "create",
  /** ImportKeyPair: ENS stores a public key the user owns. */
  IMPORT = "import",
}
