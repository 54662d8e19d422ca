/**
 * `cdktf-ens-key-pair/testing`: a local ENS API (2017-11-10) for tests, as LocalStack or moto are
 * for AWS. A real HTTP server on loopback that the official SDKs talk to unchanged: it verifies
 * ACS3-HMAC-SHA256 and HMAC-SHA1 signatures, serves CreateKeyPair, ImportKeyPair,
 * DescribeKeyPairs and DeleteKeyPairs, logs every call and injects faults. Where the ENS docs
 * leave a behaviour open (fingerprint format, the answer for a missing key, …), it plays the
 * reading `EnsEmulatorOptions.readings` chooses (see `EmulatorReadings`).
 *
 * @example
 * import { EnsEmulator } from "cdktf-ens-key-pair/testing";
 *
 * const ens = await EnsEmulator.start();
 * ens.addKeyPair({ keyPairName: "web" });
 * ens.faults.throttle("DeleteKeyPairs", 2, { retryAfterSeconds: 1 });
 * // Run the code under test with { ...process.env, ...ens.env() } …
 * await ens.waitForCalls(3, "DeleteKeyPairs");
 * expect(ens.keyPair("web")).toBeUndefined();
 * expect(ens.calls().map((call) => call.code)).toEqual(["Throttling.User", "Throttling.User", undefined]);
 * await ens.stop();
 *
 * // The same test against another reading of the docs:
 * const ecsLike = await EnsEmulator.start({ readings: { fingerprintFormat: "colon", missingKeyOnDelete: "success" } });
 *
 * The same server runs standalone with `ens-emulator [--port N]` (see `cli.ts`).
 */
export { EnsEmulator, EnsEmulatorOptions, WaitOptions } from "./ens-emulator";
export {
  DEFAULT_ACCESS_KEY_ID,
  DEFAULT_ACCESS_KEY_SECRET,
  DEFAULT_MAX_CLOCK_SKEW_SECONDS,
  DEFAULT_RSA_BITS,
  DEFAULT_WAIT_TIMEOUT_MS,
} from "./ens-emulator";
export { EmulatedKeyPair } from "./emulated-key-pair";
export { EmulatorCall, CallOutcome } from "./emulator-call";
export {
  ApiErrorOptions,
  DEFAULT_THROTTLING_CODE,
  EmulatorFaults,
  ErrorInOkAnswerOptions,
  HoldOptions,
  IncompleteCreateField,
  ThrottleOptions,
} from "./emulator-faults";
export {
  ATTACHED_KEY_DELETES,
  AttachedKeyDelete,
  DEFAULT_READINGS,
  EmulatorReadings,
  FINGERPRINT_FORMATS,
  FingerprintFormat,
  MissingKeyOnDelete,
  NAME_FILTERS,
  NameFilter,
  PRIVATE_KEY_BODIES,
  PrivateKeyBodyFormat,
  ResolvedReadings,
} from "./emulator-readings";
export { EmulatorCredential } from "./credential-store";
export { SignatureMethod } from "./signed-request";
export { EnsErrorCode } from "./api-error";
export { InvalidOptionError } from "./invalid-option-error";
export { ENS_API_VERSION } from "./request-pipeline";
