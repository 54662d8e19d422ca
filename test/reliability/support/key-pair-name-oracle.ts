/**
 * An independent reading of the KeyPairName rules on the ENS API page (DeleteKeyPairs / CreateKeyPair), written
 * without regular expressions and without looking at lib/shared/key-pair-name.ts, to check that implementation against:
 *
 *   - The name must be 2 to 128 characters in length.
 *   - The name must start with a letter and cannot start with http:// or https://.
 *   - The name can contain letters, digits, colons (:), underscores (_), and hyphens (-).
 *
 * Where the page is silent, the oracle decides as follows (each only changes WHICH rule a rejected name breaks,
 * never WHETHER it is rejected, because every accepted name is plain ASCII):
 *   - "characters" are counted both as Unicode code points and as UTF-16 units; the length rule is broken when
 *     either count is out of range;
 *   - "letter" and "digit" mean ASCII letters and digits;
 *   - the URL prefixes are matched case-insensitively (URL schemes are case-insensitive).
 */
import type { KeyPairNameRule } from "../../../lib/shared/key-pair-name";

const MIN_LENGTH = 2;
const MAX_LENGTH = 128;
const URL_PREFIXES = ["http://", "https://"];
const PUNCTUATION = [":", "_", "-"];

function isAsciiLetter(character: string): boolean {
  const code = character.codePointAt(0) ?? -1;
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

function isAsciiDigit(character: string): boolean {
  const code = character.codePointAt(0) ?? -1;
  return code >= 0x30 && code <= 0x39;
}

function isAllowedCharacter(character: string): boolean {
  return isAsciiLetter(character) || isAsciiDigit(character) || PUNCTUATION.includes(character);
}

function outOfRange(length: number): boolean {
  return length < MIN_LENGTH || length > MAX_LENGTH;
}

/** Every rule of the API page that `name` breaks (empty for a valid name). */
export function brokenNameRules(name: string): Set<KeyPairNameRule> {
  const codePoints = Array.from(name);
  const broken = new Set<KeyPairNameRule>();
  if (outOfRange(codePoints.length) || outOfRange(name.length)) broken.add("length");
  if (URL_PREFIXES.some((prefix) => name.slice(0, prefix.length).toLowerCase() === prefix))
    broken.add("url-prefix");
  if (codePoints.length === 0 || !isAsciiLetter(codePoints[0])) broken.add("first-character");
  if (!codePoints.every(isAllowedCharacter)) broken.add("characters");
  return broken;
}

/** True when the API page's rules accept `name`. */
export function nameRulesAccept(name: string): boolean {
  return brokenNameRules(name).size === 0;
}

/** Words every rejection message for a rule must contain, so the user learns which rule the name breaks. */
export const RULE_WORDING: Readonly<Record<KeyPairNameRule, string>> = {
  length: "2 to 128 characters",
  "url-prefix": 'must not start with "http://" or "https://"',
  "first-character": "must start with a letter",
  characters: 'only letters, digits, ":", "_" and "-"',
};
