/**
 * The handler's input, read only from the environment the provisioners set (`HandlerEnv`) and re-validated
 * with the same pure rules the construct uses at synth: values may have been unresolved tokens then.
 * Terraform renders absent values as "", so an empty string means "unset".
 */
import * as path from "node:path";
import { ConfigurationError } from "../ens/configuration-error";
import { checkKeyPairId } from "../shared/key-pair-id";
import {
  HandlerCommand,
  HandlerEnv,
  readHandlerEnv,
  TEST_HOLD_ENV,
  TestHoldPoint,
} from "../shared/handler-contract";
import { KeyPairMode } from "../shared/key-pair-mode";
import {
  DEFAULT_DELETE_TIMEOUT_SECONDS,
  DELETE_TIMEOUT_RULE,
  parseDeleteTimeoutSeconds,
} from "../shared/delete-timeout";
import { checkKeyPairName, describeValue } from "../shared/key-pair-name";
import { settingsViolation } from "../shared/key-pair-settings";
import { isRemovalPolicy, RemovalPolicy } from "../shared/removal-policy";
import { CDKTF_PROJECT_FILE, projectFolderOf } from "../key-pairs/project-folder";
import {
  isPublicKeyViolation,
  md5Fingerprint,
  parseSshRsaPublicKey,
  sameFingerprint,
} from "../shared/public-key";

/** An MD5 fingerprint: 32 hex digits, in colon hex as `ssh-keygen -E md5` prints it or plain. */
const FINGERPRINT_PATTERN = /^(?:[0-9a-f]{2}(:[0-9a-f]{2}){15}|[0-9a-f]{32})$/i;

/** An RFC 3339 time as Terraform's `timestamp()` writes it (UTC, whole seconds), or with an offset or fraction. */
const RFC3339_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

/** Input common to both commands. */
interface CommonInput {
  /** The key pair name (checked). */
  readonly keyPairName: string;
  /** The construct's `endpoint` prop, unchecked (resolved together with the env overrides). */
  readonly endpoint?: string;
  /** Deadline for deleting (the delete command, and rolling back a half-done create), in milliseconds. */
  readonly deleteTimeoutMs: number;
  /**
   * When this stack claimed the name, in milliseconds since the epoch: key pairs created since then (allowing for
   * clock skew) are its own. @default - none recorded (deployed by release 0.1): the key pair under the name is taken
   * as this stack's, as that release did
   */
  readonly claimedAtMs?: number;
}

/** Whether and how `create` takes over a key pair that already exists. */
interface AdoptionInput {
  /**
   * Accept a key pair that already exists under the name (import mode: only with the same fingerprint) instead of
   * failing with "name taken".
   *
   * @default false
   */
  readonly adoptExisting?: boolean;
  /** The KeyPairId of the key pair to adopt; set only together with `adoptExisting`. @default - adopt by name */
  readonly keyPairId?: string;
}

/** What the create step knows about the run it belongs to. */
interface CreateStepInput extends CommonInput, AdoptionInput {
  /** When the run that runs this create step was planned, ms since the epoch. @default - unknown */
  readonly plannedAtMs?: number;
}

/** Input of `create` in create mode. */
export interface CreateModeInput extends CreateStepInput {
  /** Create mode. */
  readonly mode: typeof KeyPairMode.CREATE;
  /** Absolute path for the private key (a relative one resolved against the cdktf project). @default - discarded */
  readonly privateKeyFile?: string;
  /**
   * The handler runs on a CI runner (`CI` is set, as GitHub Actions, GitLab CI and most others set it): a private
   * key file written there goes away with the runner, which the handler warns about. @default false
   */
  readonly onCiRunner?: boolean;
  /** Test seam ({@link TEST_HOLD_ENV}): where to stop and wait to be killed. @default - never */
  readonly testHold?: (typeof TestHoldPoint)[keyof typeof TestHoldPoint];
}

/** Input of `create` in import mode. */
export interface ImportModeInput extends CreateStepInput {
  /** Import mode. */
  readonly mode: typeof KeyPairMode.IMPORT;
  /** The normalized `ssh-rsa <base64>` line. */
  readonly publicKey: string;
  /** Its MD5 fingerprint. */
  readonly fingerprint: string;
}

/** Input of `delete`. */
export interface DeleteInput extends CommonInput {
  /** `retain` leaves the key pair in place. */
  readonly removalPolicy: RemovalPolicy;
  /** Delete by this KeyPairId instead of by name (an adopted key pair). @default - delete by name */
  readonly keyPairId?: string;
  /** The key pair under the name was adopted: it is this stack's, whenever it was created. @default false */
  readonly adoptExisting?: boolean;
  /**
   * The MD5 fingerprint of the key pair this resource imported, as recorded (compared by its hex digits only): the
   * delete step leaves a key pair of the same name with another fingerprint alone. @default - create mode
   */
  readonly fingerprint?: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/** The handler's input as the provisioners set it, one value per field of the contract (readHandlerEnv). */
type Fields = ReturnType<typeof readHandlerEnv>;

function invalid(name: string, raw: string, rule: string): ConfigurationError {
  return new ConfigurationError(`Invalid ${name} ${describeValue(raw)}: ${rule}`);
}

function readKeyPairName(fields: Fields): string {
  const name = fields.keyPairName;
  if (name === undefined) {
    throw new ConfigurationError(
      `${HandlerEnv.keyPairName} is not set: the handler needs the key pair name. ` +
        "It is set by the EnsKeyPair provisioners; when running the handler by hand, export it.",
    );
  }
  const violation = checkKeyPairName(name);
  if (violation) throw new ConfigurationError(violation.message);
  return name;
}

function readDeleteTimeoutMs(fields: Fields): number {
  const raw = fields.deleteTimeoutSeconds;
  if (raw === undefined) return DEFAULT_DELETE_TIMEOUT_SECONDS * 1000;
  const seconds = parseDeleteTimeoutSeconds(raw);
  if (seconds === undefined) {
    throw invalid(HandlerEnv.deleteTimeoutSeconds, raw, `it must be ${DELETE_TIMEOUT_RULE}, e.g. 300.`);
  }
  return seconds * 1000;
}

/** True for a variable set to anything but "", "0" or "false" (how CI systems set `CI`). */
function isSet(raw: string | undefined): boolean {
  return raw !== undefined && raw !== "" && raw !== "0" && raw.toLowerCase() !== "false";
}

function readTimeMs(fields: Fields, field: "claimedAt" | "plannedAt"): number | undefined {
  const raw = fields[field];
  if (raw === undefined) return undefined;
  const ms = Date.parse(raw);
  if (!RFC3339_PATTERN.test(raw) || !Number.isFinite(ms)) {
    throw invalid(
      HandlerEnv[field],
      raw,
      "it must be an RFC 3339 time such as 2026-12-01T09:30:00Z (the construct records Terraform's timestamp() there).",
    );
  }
  return ms;
}

function readCommon(fields: Fields): CommonInput {
  return {
    keyPairName: readKeyPairName(fields),
    endpoint: fields.endpoint,
    deleteTimeoutMs: readDeleteTimeoutMs(fields),
    claimedAtMs: readTimeMs(fields, "claimedAt"),
  };
}

function readTestHold(env: Env): CreateModeInput["testHold"] {
  const raw = env[TEST_HOLD_ENV] || undefined;
  if (raw === undefined) return undefined;
  const points = Object.values(TestHoldPoint);
  const point = points.find((p) => p === raw);
  if (!point) throw invalid(TEST_HOLD_ENV, raw, `it must be one of: ${points.join(", ")} (or unset).`);
  return point;
}

function readMode(fields: Fields): KeyPairMode {
  const raw = fields.mode;
  if (raw === undefined) return fields.publicKey === undefined ? KeyPairMode.CREATE : KeyPairMode.IMPORT;
  if (raw === KeyPairMode.CREATE || raw === KeyPairMode.IMPORT) return raw;
  throw invalid(HandlerEnv.mode, raw, `it must be "${KeyPairMode.CREATE}" or "${KeyPairMode.IMPORT}".`);
}

/**
 * The private key file as an absolute path: a relative one is resolved against the cdktf project folder above the
 * stack folder `cwd` (see project-folder.ts).
 */
function readPrivateKeyFile(fields: Fields, cwd: string): string | undefined {
  const file = fields.privateKeyFile;
  if (file === undefined || path.isAbsolute(file)) return file;
  const project = projectFolderOf(cwd);
  if (project === undefined) {
    throw invalid(
      HandlerEnv.privateKeyFile,
      file,
      `a relative privateKeyFile is relative to the cdktf project folder, and no ${CDKTF_PROJECT_FILE} was found in ` +
        `${cwd} or above it (Terraform runs the handler in the stack folder, cdktf.out/stacks/<stack>). Run ` +
        "terraform in the stack folder of a cdktf project, or give privateKeyFile as an absolute path.",
    );
  }
  return path.join(project, file);
}

function readKeyPairId(fields: Fields): string | undefined {
  const id = fields.keyPairId;
  if (id === undefined) return undefined;
  const violation = checkKeyPairId(id, HandlerEnv.keyPairId);
  if (violation) throw new ConfigurationError(violation);
  return id;
}

function readAdoptExisting(fields: Fields): boolean {
  const raw = fields.adoptExisting;
  if (raw !== undefined && raw !== "true" && raw !== "false") {
    throw invalid(HandlerEnv.adoptExisting, raw, 'it must be "true" or "false" (or empty for false).');
  }
  return raw === "true";
}

/** How the handler's messages name the settings the settings rules combine. */
const ENV_NAMES = {
  keyPairId: HandlerEnv.keyPairId,
  adoptExisting: `${HandlerEnv.adoptExisting}=true`,
  privateKeyFile: HandlerEnv.privateKeyFile,
  publicKey: HandlerEnv.publicKey,
};

/** Reads adoption and checks how it combines with the mode and the private key file (key-pair-settings.ts). */
function readAdoption(fields: Fields, mode: KeyPairMode): AdoptionInput {
  const adoptExisting = readAdoptExisting(fields);
  const keyPairId = readKeyPairId(fields);
  const violation = settingsViolation(
    {
      importMode: mode === KeyPairMode.IMPORT,
      adoptExisting,
      hasKeyPairId: keyPairId !== undefined,
      hasPrivateKeyFile: fields.privateKeyFile !== undefined,
    },
    ENV_NAMES,
  );
  if (violation) throw new ConfigurationError(violation);
  return { adoptExisting, keyPairId };
}

/** Reads the input of the `create` command. */
export function readCreateInput(env: Env, cwd: string = process.cwd()): CreateModeInput | ImportModeInput {
  const fields = readHandlerEnv(env);
  const common = { ...readCommon(fields), plannedAtMs: readTimeMs(fields, "plannedAt") };
  const mode = readMode(fields);
  const publicKey = fields.publicKey;
  if (mode === KeyPairMode.CREATE) {
    if (publicKey !== undefined) {
      throw new ConfigurationError(
        `${HandlerEnv.publicKey} is set but ${HandlerEnv.mode} is "create": set the mode to "import" to import that key, or unset the public key to let ENS create one.`,
      );
    }
    const adoption = readAdoption(fields, mode);
    return {
      ...common,
      mode,
      privateKeyFile: readPrivateKeyFile(fields, cwd),
      onCiRunner: isSet(env.CI),
      testHold: readTestHold(env),
      ...adoption,
    };
  }
  const adoption = readAdoption(fields, mode);
  if (publicKey === undefined) {
    throw new ConfigurationError(
      `${HandlerEnv.mode} is "import" but ${HandlerEnv.publicKey} is not set: give the ssh-rsa public key to import.`,
    );
  }
  const parsed = parseSshRsaPublicKey(publicKey);
  if (isPublicKeyViolation(parsed)) throw new ConfigurationError(parsed.message);
  const fingerprint = md5Fingerprint(parsed.blob);
  const expected = fields.fingerprint;
  if (expected !== undefined && !sameFingerprint(expected, fingerprint)) {
    throw new ConfigurationError(
      `${HandlerEnv.fingerprint} ${describeValue(expected)} does not match the public key's MD5 fingerprint ${fingerprint}: ` +
        "the two values come from different keys. Re-run synth so both are taken from the same publicKey.",
    );
  }
  return { ...common, mode, publicKey: parsed.line, fingerprint, ...adoption };
}

/**
 * The fingerprint of the key pair a delete must only remove: ENS_KEY_PAIR_FINGERPRINT when set (the construct
 * records it for a literal public key; used as is, so a public key that a later handler version would parse
 * differently cannot block a destroy), else computed from the public key in import mode. Create mode has none.
 */
function readOwnFingerprint(fields: Fields): string | undefined {
  const recorded = fields.fingerprint;
  if (recorded !== undefined) {
    if (!FINGERPRINT_PATTERN.test(recorded)) {
      throw invalid(
        HandlerEnv.fingerprint,
        recorded,
        "it must be an MD5 fingerprint: 32 hex digits, plain or as 16 colon-separated pairs such as f1:63:b8:…:a3.",
      );
    }
    return recorded;
  }
  if (fields.mode !== KeyPairMode.IMPORT) return undefined;
  const publicKey = fields.publicKey;
  if (publicKey === undefined) {
    throw new ConfigurationError(
      `${HandlerEnv.mode} is "import" but neither ${HandlerEnv.fingerprint} nor ${HandlerEnv.publicKey} is set: ` +
        "the delete step needs the imported key's fingerprint to be sure the key pair under the name is still " +
        "this one. Set either variable to the imported key's value.",
    );
  }
  const parsed = parseSshRsaPublicKey(publicKey);
  if (isPublicKeyViolation(parsed)) throw new ConfigurationError(parsed.message);
  return md5Fingerprint(parsed.blob);
}

/**
 * Reads the input of the `delete` command. Only what delete uses is checked (name, endpoint, timeout, removal
 * policy, KeyPairId, the imported key's fingerprint), so a stale create-only value can never block a destroy. A
 * retained key pair makes no API call, so its timeout is not read: a value recorded by an earlier release that the
 * rule now refuses cannot block forgetting it.
 */
export function readDeleteInput(env: Env): DeleteInput {
  const fields = readHandlerEnv(env);
  const raw = fields.removalPolicy;
  if (raw !== undefined && !isRemovalPolicy(raw)) {
    throw invalid(HandlerEnv.removalPolicy, raw, 'it must be "destroy" or "retain".');
  }
  const retained = raw === RemovalPolicy.RETAIN;
  return {
    ...readCommon(retained ? { ...fields, deleteTimeoutSeconds: undefined } : fields),
    removalPolicy: raw ?? RemovalPolicy.DESTROY,
    keyPairId: readKeyPairId(fields),
    adoptExisting: readAdoptExisting(fields),
    fingerprint: readOwnFingerprint(fields),
  };
}

/** True when `value` is a handler command. */
export function isHandlerCommand(value: string | undefined): value is HandlerCommand {
  return value === HandlerCommand.CREATE || value === HandlerCommand.DELETE;
}
