/**
 * The handler's input, read only from the environment the provisioners set (`HandlerEnv`) and re-validated
 * with the same pure rules the construct uses at synth: values may have been unresolved tokens then.
 * Terraform renders absent values as "", so an empty string means "unset".
 */
import * as path from "node:path";
import { ConfigurationError } from "../ens/configuration-error";
import { DEFAULT_DELETE_TIMEOUT_SECONDS, HandlerCommand, HandlerEnv, KeyPairMode } from "../handler-contract";
import { checkKeyPairName, describeValue } from "../key-pair-name";
import { isPublicKeyViolation, md5Fingerprint, parseSshRsaPublicKey } from "../public-key";

/** What happens to the key pair on delete. */
export type RemovalPolicy = "destroy" | "retain";

/** Input common to both commands. */
interface CommonInput {
  /** The key pair name (checked). */
  readonly keyPairName: string;
  /** The construct's `endpoint` prop, unchecked (resolved together with the env overrides). */
  readonly endpoint?: string;
  /** Deadline for deleting (the delete command, and rolling back a half-done create), in milliseconds. */
  readonly deleteTimeoutMs: number;
}

/** Input of `create` in create mode. */
export interface CreateModeInput extends CommonInput {
  /** Create mode. */
  readonly mode: typeof KeyPairMode.CREATE;
  /** Absolute path for the private key. @default - the key is discarded */
  readonly privateKeyFile?: string;
}

/** Input of `create` in import mode. */
export interface ImportModeInput extends CommonInput {
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
}

type Env = Readonly<Record<string, string | undefined>>;

function value(env: Env, name: string): string | undefined {
  const raw = env[name];
  return raw === undefined || raw === "" ? undefined : raw;
}

function invalid(name: string, raw: string, rule: string): ConfigurationError {
  return new ConfigurationError(`Invalid ${name} ${describeValue(raw)}: ${rule}`);
}

function readKeyPairName(env: Env): string {
  const name = value(env, HandlerEnv.KEY_PAIR_NAME);
  if (name === undefined) {
    throw new ConfigurationError(
      `${HandlerEnv.KEY_PAIR_NAME} is not set: the handler needs the key pair name. ` +
        "It is set by the EnsKeyPair provisioners; when running the handler by hand, export it.",
    );
  }
  const violation = checkKeyPairName(name);
  if (violation) throw new ConfigurationError(violation.message);
  return name;
}

function readDeleteTimeoutMs(env: Env): number {
  const raw = value(env, HandlerEnv.DELETE_TIMEOUT_SECONDS);
  if (raw === undefined) return DEFAULT_DELETE_TIMEOUT_SECONDS * 1000;
  const seconds = Number(raw);
  if (!/^\s*\d*\.?\d+\s*$/.test(raw) || !Number.isFinite(seconds) || seconds <= 0) {
    throw invalid(
      HandlerEnv.DELETE_TIMEOUT_SECONDS,
      raw,
      "it must be a number of seconds greater than 0, e.g. 300.",
    );
  }
  return seconds * 1000;
}

function readCommon(env: Env): CommonInput {
  return {
    keyPairName: readKeyPairName(env),
    endpoint: value(env, HandlerEnv.ENDPOINT),
    deleteTimeoutMs: readDeleteTimeoutMs(env),
  };
}

function readMode(env: Env): KeyPairMode {
  const raw = value(env, HandlerEnv.MODE);
  if (raw === undefined)
    return value(env, HandlerEnv.PUBLIC_KEY) === undefined ? KeyPairMode.CREATE : KeyPairMode.IMPORT;
  if (raw === KeyPairMode.CREATE || raw === KeyPairMode.IMPORT) return raw;
  throw invalid(HandlerEnv.MODE, raw, `it must be "${KeyPairMode.CREATE}" or "${KeyPairMode.IMPORT}".`);
}

function readPrivateKeyFile(env: Env): string | undefined {
  const file = value(env, HandlerEnv.PRIVATE_KEY_FILE);
  if (file === undefined) return undefined;
  if (!path.isAbsolute(file)) {
    throw invalid(
      HandlerEnv.PRIVATE_KEY_FILE,
      file,
      "it must be an absolute path (the construct resolves privateKeyFile to one at synth; the handler runs in the stack folder, so a relative path would land there).",
    );
  }
  return file;
}

/** Reads the input of the `create` command. */
export function readCreateInput(env: Env): CreateModeInput | ImportModeInput {
  const common = readCommon(env);
  const mode = readMode(env);
  const publicKey = value(env, HandlerEnv.PUBLIC_KEY);
  if (mode === KeyPairMode.CREATE) {
    if (publicKey !== undefined) {
      throw new ConfigurationError(
        `${HandlerEnv.PUBLIC_KEY} is set but ${HandlerEnv.MODE} is "create": set the mode to "import" to import that key, or unset the public key to let ENS create one.`,
      );
    }
    return { ...common, mode, privateKeyFile: readPrivateKeyFile(env) };
  }
  if (value(env, HandlerEnv.PRIVATE_KEY_FILE) !== undefined) {
    throw new ConfigurationError(
      `${HandlerEnv.PRIVATE_KEY_FILE} is set in import mode, but an imported key pair has no private key to write (you already hold it). Unset it.`,
    );
  }
  if (publicKey === undefined) {
    throw new ConfigurationError(
      `${HandlerEnv.MODE} is "import" but ${HandlerEnv.PUBLIC_KEY} is not set: give the ssh-rsa public key to import.`,
    );
  }
  const parsed = parseSshRsaPublicKey(publicKey);
  if (isPublicKeyViolation(parsed)) throw new ConfigurationError(parsed.message);
  const fingerprint = md5Fingerprint(parsed.blob);
  const expected = value(env, HandlerEnv.FINGERPRINT);
  if (expected !== undefined && expected.toLowerCase() !== fingerprint) {
    throw new ConfigurationError(
      `${HandlerEnv.FINGERPRINT} ${describeValue(expected)} does not match the public key's MD5 fingerprint ${fingerprint}: ` +
        "the two values come from different keys. Re-run synth so both are taken from the same publicKey.",
    );
  }
  return { ...common, mode, publicKey: parsed.line, fingerprint };
}

/**
 * Reads the input of the `delete` command. Only what delete uses is checked, so a stale create-only value can
 * never block a destroy.
 */
export function readDeleteInput(env: Env): DeleteInput {
  const raw = value(env, HandlerEnv.REMOVAL_POLICY);
  if (raw !== undefined && raw !== "destroy" && raw !== "retain") {
    throw invalid(HandlerEnv.REMOVAL_POLICY, raw, 'it must be "destroy" or "retain".');
  }
  return { ...readCommon(env), removalPolicy: raw ?? "destroy" };
}

/** True when `value` is a handler command. */
export function isHandlerCommand(value: string | undefined): value is HandlerCommand {
  return value === HandlerCommand.CREATE || value === HandlerCommand.DELETE;
}
