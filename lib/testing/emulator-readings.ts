/**
 * Readings: where the ENS docs leave a behaviour open, the emulator can play each
 * plausible reading, so code under test can be shown to depend on none of them.
 */
import { EnsErrorCode } from "./api-error";
import { InvalidOptionError } from "./invalid-option-error";

/** The ways `KeyPairFingerPrint` can be written on the wire. */
export const FINGERPRINT_FORMATS = ["colon", "hex"] as const;
/** How `KeyPairFingerPrint` is written on the wire: `f1:63:…` (colon) or `f163…` (hex). */
export type FingerprintFormat = (typeof FINGERPRINT_FORMATS)[number];

/** The ways DeleteKeyPairs can treat a key that instances still use. */
export const ATTACHED_KEY_DELETES = ["deletes", "refuses"] as const;
/** What DeleteKeyPairs does with a key that instances still use. */
export type AttachedKeyDelete = (typeof ATTACHED_KEY_DELETES)[number];

/** The ways CreateKeyPair can write the line breaks of `PrivateKeyBody`. */
export const PRIVATE_KEY_BODIES = ["newlines", "escaped"] as const;
/** How CreateKeyPair writes the line breaks of `PrivateKeyBody`. */
export type PrivateKeyBodyFormat = (typeof PRIVATE_KEY_BODIES)[number];

/** The ways DescribeKeyPairs' `KeyPairName` filter can match. */
export const NAME_FILTERS = ["exact", "substring"] as const;
/** How DescribeKeyPairs' `KeyPairName` filter matches stored names. */
export type NameFilter = (typeof NAME_FILTERS)[number];

/** What DeleteKeyPairs answers for a name or ID that does not exist: an error, or plain success. */
export type MissingKeyOnDelete =
  | "success"
  | {
      /** The error code, e.g. `PubKeyNameNotExist`, `InvalidParameter.KeyPairName`, `InvalidKeyPairId.NotFound`. */
      readonly code: string;
      /** The HTTP status, 400 to 599. @default 400 */
      readonly statusCode?: number;
    };

/** Which reading of each open point the emulator plays (`EnsEmulatorOptions.readings`). */
export interface EmulatorReadings {
  /**
   * How `KeyPairFingerPrint` is written in CreateKeyPair, ImportKeyPair and DescribeKeyPairs
   * answers: `"colon"`, lower-case hex pairs joined by `:` (`f1:63:…`, how ECS writes it), or
   * `"hex"`, plain lower-case hex (`f163…`, what the ENS API pages and SDK models show). Only the wire
   * changes: `EmulatedKeyPair.fingerprint` stays colon hex either way.
   *
   * @default "hex" (`DEFAULT_READINGS.fingerprintFormat`: what the ENS API pages and SDK models show)
   */
  readonly fingerprintFormat?: FingerprintFormat;
  /**
   * What DeleteKeyPairs answers for a name or ID no key pair has (no page says): an error code
   * with an HTTP status, or `"success"` (an empty answer, as if it had been deleted).
   *
   * @default { code: "PubKeyNameNotExist", statusCode: 400 } (the error table's guess)
   */
  readonly missingKeyOnDelete?: MissingKeyOnDelete;
  /**
   * What DeleteKeyPairs does with a key that instances still use (`EnsEmulator.attachInstance`):
   * `"deletes"` it anyway, as the API page says ("ENS no longer stores the SSH key pair. However,
   * you can still use the key pair to access the instance"), or `"refuses"` with
   * `PubKeyAttachedWithInstance` (HTTP 400), the code the error table lists.
   *
   * @default "deletes"
   */
  readonly attachedKeyDelete?: AttachedKeyDelete;
  /**
   * How CreateKeyPair writes `PrivateKeyBody`: with real line breaks (`"newlines"`), or with a
   * literal backslash and `n` for each one (`"escaped"`), as the API page's example shows.
   *
   * @default "newlines"
   */
  readonly privateKeyBody?: PrivateKeyBodyFormat;
  /**
   * A server that does not honour a large `PageSize`: DescribeKeyPairs silently returns at most
   * this many items per page, its answer's `PageSize` says the capped value, and `TotalCount` stays
   * the full count. Any requested `PageSize` is then accepted.
   *
   * @default none: `PageSize` up to 100 is honoured, a larger one answers `InvalidParameter.PageSize`
   */
  readonly maxPageSize?: number;
  /**
   * Whether DescribeKeyPairs' `KeyPairName` filter matches a stored name `"exact"`ly, or any name
   * that contains it (`"substring"`). DeleteKeyPairs always matches exactly.
   *
   * @default "exact"
   */
  readonly nameFilter?: NameFilter;
  /**
   * Seconds added to the emulator's clock when it stamps `CreationTime` (CreateKeyPair,
   * ImportKeyPair, and `EnsEmulator.addKeyPair` without a `creationTime`): plays a skew between the
   * caller's clock and ENS's. May be negative. Signature timestamps are still checked against the
   * real clock.
   *
   * @default 0
   */
  readonly creationTimeOffsetSeconds?: number;
  /**
   * Whether success answers also carry `"Code": 0` (a number), as some ENS answers do
   * (the alicloud provider names ENS among the APIs whose successes carry a `Code`); error answers are unchanged.
   *
   * @default false
   */
  readonly codeInSuccessBody?: boolean;
}

/** Every reading, decided. */
export interface ResolvedReadings {
  /** See `EmulatorReadings.fingerprintFormat`. */
  readonly fingerprintFormat: FingerprintFormat;
  /** See `EmulatorReadings.missingKeyOnDelete`. */
  readonly missingKeyOnDelete: "success" | { readonly code: string; readonly statusCode: number };
  /** See `EmulatorReadings.attachedKeyDelete`. */
  readonly attachedKeyDelete: AttachedKeyDelete;
  /** See `EmulatorReadings.privateKeyBody`. */
  readonly privateKeyBody: PrivateKeyBodyFormat;
  /** See `EmulatorReadings.maxPageSize`; undefined: no cap. */
  readonly maxPageSize: number | undefined;
  /** See `EmulatorReadings.nameFilter`. */
  readonly nameFilter: NameFilter;
  /** See `EmulatorReadings.creationTimeOffsetSeconds`. */
  readonly creationTimeOffsetSeconds: number;
  /** See `EmulatorReadings.codeInSuccessBody`. */
  readonly codeInSuccessBody: boolean;
}

/** The readings the emulator plays unless told otherwise. */
export const DEFAULT_READINGS: ResolvedReadings = Object.freeze({
  fingerprintFormat: "hex",
  missingKeyOnDelete: Object.freeze({ code: EnsErrorCode.PUB_KEY_NAME_NOT_EXIST, statusCode: 400 }),
  attachedKeyDelete: "deletes",
  privateKeyBody: "newlines",
  maxPageSize: undefined,
  nameFilter: "exact",
  creationTimeOffsetSeconds: 0,
  codeInSuccessBody: false,
});

const READING_NAMES = Object.keys(DEFAULT_READINGS);

function oneOf<T extends string>(name: string, value: T | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value)) {
    const choices = allowed.map((choice) => JSON.stringify(choice)).join(" or ");
    throw new InvalidOptionError(`Invalid readings.${name} ${JSON.stringify(value)}: use ${choices}.`);
  }
  return value;
}

function missingKeyOnDelete(value: MissingKeyOnDelete | undefined): ResolvedReadings["missingKeyOnDelete"] {
  if (value === undefined) return DEFAULT_READINGS.missingKeyOnDelete;
  if (value === "success") return value;
  if (typeof value === "object" && value !== null) {
    const { code, statusCode = 400 } = value;
    if (typeof code === "string" && code.trim() !== "" && isErrorStatus(statusCode)) {
      return Object.freeze({ code, statusCode });
    }
  }
  throw new InvalidOptionError(
    `Invalid readings.missingKeyOnDelete ${JSON.stringify(value)}: use "success", or an error code with an ` +
      `optional HTTP status from 400 to 599, e.g. { code: "InvalidKeyPairId.NotFound", statusCode: 404 }.`,
  );
}

/** A value as a message shows it: strings quoted, so `"60"` and `60` differ. */
function shown(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

function isErrorStatus(status: number): boolean {
  return Number.isInteger(status) && status >= 400 && status <= 599;
}

/**
 * Checks readings and fills in the defaults.
 *
 * @throws InvalidOptionError naming the first unknown or invalid reading and what to use instead
 */
export function resolveReadings(readings: EmulatorReadings = {}): ResolvedReadings {
  if (typeof readings !== "object" || readings === null || Array.isArray(readings)) {
    throw new InvalidOptionError(
      `Invalid readings ${JSON.stringify(readings)}: give an object such as { fingerprintFormat: "hex" }.`,
    );
  }
  const unknown = Object.keys(readings).find((name) => !READING_NAMES.includes(name));
  if (unknown !== undefined) {
    throw new InvalidOptionError(
      `Unknown reading ${JSON.stringify(unknown)}: the emulator plays ${READING_NAMES.join(", ")}.`,
    );
  }
  const {
    maxPageSize,
    creationTimeOffsetSeconds = DEFAULT_READINGS.creationTimeOffsetSeconds,
    codeInSuccessBody = DEFAULT_READINGS.codeInSuccessBody,
  } = readings;
  if (maxPageSize !== undefined && !(Number.isInteger(maxPageSize) && maxPageSize > 0)) {
    throw new InvalidOptionError(
      `Invalid readings.maxPageSize ${shown(maxPageSize)}: use a positive integer, or leave it out to honour PageSize up to 100.`,
    );
  }
  if (typeof creationTimeOffsetSeconds !== "number" || !Number.isFinite(creationTimeOffsetSeconds)) {
    throw new InvalidOptionError(
      `Invalid readings.creationTimeOffsetSeconds ${shown(creationTimeOffsetSeconds)}: use a finite number of seconds (negative: ENS's clock is behind).`,
    );
  }
  if (typeof codeInSuccessBody !== "boolean") {
    throw new InvalidOptionError(
      `Invalid readings.codeInSuccessBody ${JSON.stringify(codeInSuccessBody)}: use true or false.`,
    );
  }
  return Object.freeze({
    fingerprintFormat: oneOf(
      "fingerprintFormat",
      readings.fingerprintFormat,
      FINGERPRINT_FORMATS,
      DEFAULT_READINGS.fingerprintFormat,
    ),
    missingKeyOnDelete: missingKeyOnDelete(readings.missingKeyOnDelete),
    attachedKeyDelete: oneOf(
      "attachedKeyDelete",
      readings.attachedKeyDelete,
      ATTACHED_KEY_DELETES,
      DEFAULT_READINGS.attachedKeyDelete,
    ),
    privateKeyBody: oneOf(
      "privateKeyBody",
      readings.privateKeyBody,
      PRIVATE_KEY_BODIES,
      DEFAULT_READINGS.privateKeyBody,
    ),
    maxPageSize,
    nameFilter: oneOf("nameFilter", readings.nameFilter, NAME_FILTERS, DEFAULT_READINGS.nameFilter),
    creationTimeOffsetSeconds,
    codeInSuccessBody,
  });
}
