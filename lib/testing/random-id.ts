import { randomBytes, randomUUID } from "node:crypto";

const LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";

/** `length` random lower-case letters and digits (IDs such as `ssh-…` and `i-…`). */
export function randomLowerAlnum(length: number): string {
  const bytes = randomBytes(length);
  let result = "";
  // 256 is not a multiple of 36: the slight bias does not matter for test IDs.
  for (const byte of bytes) result += LOWER_ALNUM[byte % LOWER_ALNUM.length];
  return result;
}

/** A RequestId as ENS writes it: an upper-case UUID. */
export function newRequestId(): string {
  return randomUUID().toUpperCase();
}
