/**
 * Fingerprints as the emulator writes them on the wire: `EmulatedKeyPair.fingerprint` is always colon hex, while
 * `KeyPairFingerPrint` in answers follows `readings.fingerprintFormat` (plain hex by default, as the ENS pages show).
 */
import { DEFAULT_READINGS, FingerprintFormat } from "../../lib/testing";

/** `fingerprint` (colon or plain hex) as an answer under `format` writes it. */
export function onTheWire(
  fingerprint: string,
  format: FingerprintFormat = DEFAULT_READINGS.fingerprintFormat,
): string {
  const digits = fingerprint.replace(/:/g, "");
  return format === "hex" ? digits : digits.replace(/(..)(?!$)/g, "$1:");
}
