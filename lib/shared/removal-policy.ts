/**
 * What destroying an EnsKeyPair does to the key pair: one definition for the construct's prop (re-exported by
 * ens-key-pair.ts, part of the jsii API) and the value the handler reads back. Pure, so both sides import it.
 */

/**
 * What `cdktf destroy` (or a replacement) does with the key pair in Alibaba Cloud.
 *
 * An enum (jsii has no string unions): its values are the strings release 0.1 synthesized, so `RemovalPolicy.RETAIN`
 * renders `removal_policy = "retain"` exactly as before.
 */
export enum RemovalPolicy {
  /** Delete the key pair (DeleteKeyPairs). */
  DESTROY = "destroy",
  /** Leave the key pair in Alibaba Cloud; only Terraform forgets it. */
  RETAIN = "retain",
}

/** True when `value` is a removal policy. */
export function isRemovalPolicy(value: string): value is RemovalPolicy {
  return value === RemovalPolicy.DESTROY || value === RemovalPolicy.RETAIN;
}
