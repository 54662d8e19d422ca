export { EnsKeyPair, KeyPairMode, RemovalPolicy } from "./ens-key-pair";
export type { EnsKeyPairProps } from "./ens-key-pair";
export { RetiredEnsKeyPair } from "./retired-ens-key-pair";
export type { RetiredEnsKeyPairProps } from "./retired-ens-key-pair";
export { TerraformData } from "./custom-resource/terraform-data";
export type { TerraformDataConfig } from "./custom-resource/terraform-data";

// TypeScript and JavaScript only: jsii models classes, interfaces and enums, so it leaves a function, and the types
// that only it returns, out of the assembly (and a subclass of Error cannot be in it at all). In other languages the
// construct itself reports a broken name rule at synth, with the same message.
export { EnsKeyPairValidationError } from "./errors";
export { checkKeyPairName } from "./shared/key-pair-name";
export type { KeyPairNameRule, KeyPairNameViolation } from "./shared/key-pair-name";
