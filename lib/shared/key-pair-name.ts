/**
 * The ENS key pair name rules, from the DeleteKeyPairs / CreateKeyPair API pages:
 * 2 to 128 characters, starts with a letter, only letters, digits, `:`, `_` and `-`,
 * and must not start with `http://` or `https://`.
 *
 * Pure and dependency-free: the construct checks literal names at synth time and the
 * handler checks the same way at run time (where unresolved tokens become values).
 */

/** The rule a key pair name breaks. */
export type KeyPairNameRule = "length" | "url-prefix" | "first-character" | "characters";

/**
 * Why a key pair name is invalid.
 *
 * A type alias rather than an interface: only {@link checkKeyPairName}, a function and so TypeScript and JavaScript
 * only, returns it, and jsii would put an exported interface into the assembly of the other languages.
 */
export type KeyPairNameViolation = {
  /** Which rule the name breaks. */
  readonly rule: KeyPairNameRule;
  /** A sentence that names the rule, the offending value and the fix. */
  readonly message: string;
};

/** Shortest name the API accepts. */
const KEY_PAIR_NAME_MIN_LENGTH = 2;
/** Longest name the API accepts. */
const KEY_PAIR_NAME_MAX_LENGTH = 128;

const LETTER = /^[A-Za-z]$/;
const ALLOWED = /^[A-Za-z0-9:_-]$/;
const URL_PREFIX = /^https?:\/\//i;

/**
 * Renders a value for an error message: quoted, shortened, and with every character outside printable ASCII
 * escaped as `\uXXXX`, so control and invisible characters can neither hide in nor act on a terminal or log.
 */
export function describeValue(value: string): string {
  const shown = value.length > 80 ? `${value.slice(0, 80)}…` : value;
  return JSON.stringify(shown).replace(
    /[^\x20-\x7e\u2026]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/**
 * Checks a key pair name against the API page's rules.
 *
 * @returns the first rule the name breaks, or `undefined` when the name is valid.
 */
export function checkKeyPairName(name: string): KeyPairNameViolation | undefined {
  const shown = describeValue(name);
  const chars = [...name];
  const length = chars.length;
  if (length < KEY_PAIR_NAME_MIN_LENGTH || length > KEY_PAIR_NAME_MAX_LENGTH) {
    return {
      rule: "length",
      message:
        `Invalid key pair name ${shown}: it must be ${KEY_PAIR_NAME_MIN_LENGTH} to ${KEY_PAIR_NAME_MAX_LENGTH} ` +
        `characters long, and it is ${length}. Choose a name of that length.`,
    };
  }
  if (URL_PREFIX.test(name)) {
    return {
      rule: "url-prefix",
      message: `Invalid key pair name ${shown}: it must not start with "http://" or "https://". Choose a name that is not a URL.`,
    };
  }
  if (!LETTER.test(chars[0])) {
    return {
      rule: "first-character",
      message: `Invalid key pair name ${shown}: it must start with a letter (A-Z or a-z), not ${describeValue(chars[0])}.`,
    };
  }
  const badIndex = chars.findIndex((c) => !ALLOWED.test(c));
  if (badIndex >= 0) {
    return {
      rule: "characters",
      message:
        `Invalid key pair name ${shown}: it may contain only letters, digits, ":", "_" and "-", ` +
        `but has ${describeValue(chars[badIndex])} at position ${badIndex + 1}. Remove or replace that character.`,
    };
  }
  return undefined;
}
