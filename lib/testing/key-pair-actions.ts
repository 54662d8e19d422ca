/**
 * The four ENS key pair actions (API 2017-11-10), as the ENS API reference pages describe them,
 * playing the chosen readings (`EmulatorReadings`) where those pages are silent. Each takes the
 * business parameters and returns the success body without `RequestId`, or throws an `ApiError`.
 */
import { checkKeyPairName } from "../shared/key-pair-name";
import { isPublicKeyViolation, parseSshRsaPublicKey } from "../shared/public-key";
import { ApiError, EnsErrorCode, invalidParameter, missingParameter } from "./api-error";
import { EmulatedKeyPair } from "./emulated-key-pair";
import { NameFilter, ResolvedReadings } from "./emulator-readings";
import { KeyPairStore } from "./key-pair-store";
import { generateRsaKeyPair } from "./rsa-key-generation";

/** What an action works on. */
export interface ActionContext {
  /** The key pairs. */
  readonly store: KeyPairStore;
  /** RSA modulus bits for CreateKeyPair. */
  readonly rsaBits: number;
  /** The current time (creation times), with `readings.creationTimeOffsetSeconds` applied. */
  readonly now: () => Date;
  /** Which reading of each open point to play. */
  readonly readings: ResolvedReadings;
}

/** One API action: business parameters in, success body (without `RequestId`) out. */
export type KeyPairAction = (
  params: Readonly<Record<string, string>>,
  context: ActionContext,
) => Promise<Record<string, unknown>>;

/** Largest `PageSize` DescribeKeyPairs accepts (unless `readings.maxPageSize` caps pages instead). */
const MAX_PAGE_SIZE = 100;
/** `PageSize` when none is given. */
const DEFAULT_PAGE_SIZE = 10;

function optional(params: Readonly<Record<string, string>>, name: string): string | undefined {
  const value = params[name];
  return value === undefined || value === "" ? undefined : value;
}

function required(params: Readonly<Record<string, string>>, name: string): string {
  const value = optional(params, name);
  if (value === undefined) throw missingParameter(name);
  return value;
}

function checkedName(name: string): string {
  const violation = checkKeyPairName(name);
  if (violation) throw invalidParameter("KeyPairName", violation.message);
  return name;
}

function nameExisted(name: string): ApiError {
  return new ApiError(
    400,
    EnsErrorCode.PUB_KEY_NAME_EXISTED,
    `Public Key Pair Name Existed: a key pair named ${JSON.stringify(name)} already exists. Choose another name or delete that key pair first.`,
  );
}

function positiveInteger(
  params: Readonly<Record<string, string>>,
  name: string,
  fallback: number,
  max?: number,
): number {
  const text = optional(params, name);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < 1 || (max !== undefined && value > max)) {
    const range = max === undefined ? "a positive integer" : `an integer from 1 to ${max}`;
    throw invalidParameter(
      name,
      `The specified field ${name} ${JSON.stringify(text)} is invalid: it must be ${range}.`,
    );
  }
  return value;
}

/** `KeyPairFingerPrint` as the readings write it; the store keeps colon hex. */
function wireFingerprint(keyPair: EmulatedKeyPair, { fingerprintFormat }: ResolvedReadings): string {
  return fingerprintFormat === "hex" ? keyPair.fingerprint.replace(/:/g, "") : keyPair.fingerprint;
}

const createKeyPair: KeyPairAction = async (params, { store, rsaBits, now, readings }) => {
  const name = checkedName(required(params, "KeyPairName"));
  if (store.has(name)) throw nameExisted(name);
  const generated = await generateRsaKeyPair(rsaBits);
  // Checked again: a concurrent request may have taken the name while the key was generated.
  const stored = store.insert(name, generated.publicKey, now());
  if (stored === "name-taken") throw nameExisted(name);
  return {
    KeyPairName: stored.keyPairName,
    KeyPairId: stored.keyPairId,
    KeyPairFingerPrint: wireFingerprint(stored, readings),
    PrivateKeyBody:
      readings.privateKeyBody === "escaped"
        ? generated.privateKeyPem.replace(/\n/g, "\\n")
        : generated.privateKeyPem,
  };
};

const importKeyPair: KeyPairAction = async (params, { store, now, readings }) => {
  const name = checkedName(required(params, "KeyPairName"));
  const publicKeyBody = required(params, "PublicKeyBody");
  const parsed = parseSshRsaPublicKey(publicKeyBody);
  if (isPublicKeyViolation(parsed)) {
    throw new ApiError(400, EnsErrorCode.INVALID_PUB_KEY_BODY, `Invalid Public Key Body. ${parsed.message}`);
  }
  const stored = store.insert(name, parsed.line, now());
  if (stored === "name-taken") throw nameExisted(name);
  // The real response has no KeyPairId; the store keeps one for DescribeKeyPairs.
  return { KeyPairName: stored.keyPairName, KeyPairFingerPrint: wireFingerprint(stored, readings) };
};

function matches(
  keyPair: EmulatedKeyPair,
  name: string | undefined,
  id: string | undefined,
  nameFilter: NameFilter = "exact",
): boolean {
  const nameMatches =
    name === undefined ||
    (nameFilter === "substring" ? keyPair.keyPairName.includes(name) : keyPair.keyPairName === name);
  return nameMatches && (id === undefined || keyPair.keyPairId === id);
}

function pageSizeOf(params: Readonly<Record<string, string>>, { maxPageSize }: ResolvedReadings): number {
  if (maxPageSize === undefined) return positiveInteger(params, "PageSize", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  return Math.min(positiveInteger(params, "PageSize", DEFAULT_PAGE_SIZE), maxPageSize);
}

const describeKeyPairs: KeyPairAction = async (params, { store, readings }) => {
  const nameText = optional(params, "KeyPairName");
  const name = nameText === undefined ? undefined : checkedName(nameText);
  const id = optional(params, "KeyPairId");
  const pageNumber = positiveInteger(params, "PageNumber", 1);
  const pageSize = pageSizeOf(params, readings);
  const found = store.list().filter((keyPair) => matches(keyPair, name, id, readings.nameFilter));
  const page = found.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
  return {
    PageNumber: pageNumber,
    PageSize: pageSize,
    TotalCount: found.length,
    KeyPairs: {
      KeyPair: page.map((keyPair) => ({
        KeyPairName: keyPair.keyPairName,
        KeyPairId: keyPair.keyPairId,
        KeyPairFingerPrint: wireFingerprint(keyPair, readings),
        CreationTime: keyPair.creationTime,
      })),
    },
  };
};

function missingKey(
  { code, statusCode }: Exclude<ResolvedReadings["missingKeyOnDelete"], "success">,
  which: string,
): ApiError {
  const what =
    code === EnsErrorCode.PUB_KEY_NAME_NOT_EXIST
      ? "Public Key Pair Name Not Exist"
      : "The specified key pair does not exist";
  return new ApiError(statusCode, code, `${what}: no key pair with ${which} exists.`);
}

const deleteKeyPairs: KeyPairAction = async (params, { store, readings }) => {
  const nameText = optional(params, "KeyPairName");
  const name = nameText === undefined ? undefined : checkedName(nameText);
  const id = optional(params, "KeyPairId");
  if (name === undefined && id === undefined) {
    throw missingParameter("KeyPairName", "Give KeyPairName or KeyPairId to say which key pair to delete.");
  }
  const target = store.list().find((keyPair) => matches(keyPair, name, id));
  if (!target) {
    if (readings.missingKeyOnDelete === "success") return {};
    const which = [name && `name ${JSON.stringify(name)}`, id && `ID ${JSON.stringify(id)}`]
      .filter(Boolean)
      .join(" and ");
    throw missingKey(readings.missingKeyOnDelete, which);
  }
  if (target.attachedInstanceIds.length > 0 && readings.attachedKeyDelete === "refuses") {
    throw new ApiError(
      400,
      EnsErrorCode.PUB_KEY_ATTACHED_WITH_INSTANCE,
      `Public Key Attached With Instance: key pair ${JSON.stringify(target.keyPairName)} is bound to ` +
        `${target.attachedInstanceIds.join(", ")}. Unbind it from those instances first.`,
    );
  }
  store.delete(target.keyPairId);
  return {};
};

/** The actions the emulator serves, by `Action` name (a Map, so names like `toString` are not found). */
export const KEY_PAIR_ACTIONS: ReadonlyMap<string, KeyPairAction> = new Map([
  ["CreateKeyPair", createKeyPair],
  ["ImportKeyPair", importKeyPair],
  ["DescribeKeyPairs", describeKeyPairs],
  ["DeleteKeyPairs", deleteKeyPairs],
]);
