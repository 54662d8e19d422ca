export { EnsKeyPair, RemovalPolicy } from "./ens-key-pair";
export type { EnsKeyPairProps } from "./ens-key-pair";
export { EnsKeyPairValidationError } from "./errors";
export { checkKeyPairName } from "./key-pair-name";
export type { KeyPairNameRule, KeyPairNameViolation } from "./key-pair-name";
export { RetiredEnsKeyPair } from "./retired-ens-key-pair";
export type { RetiredEnsKeyPairProps } from "./retired-ens-key-pair";
