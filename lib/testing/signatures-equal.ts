import { timingSafeEqual } from "node:crypto";

/** Compares two signatures in constant time (as a real server must, so timing does not leak the expected one). */
export function signaturesEqual(expected: string, actual: string): boolean {
  const a = Buffer.from(expected, "utf8");
  const b = Buffer.from(actual, "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
}
