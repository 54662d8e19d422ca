/**
 * Looks a key pair up by exact name (or by ID) with DescribeKeyPairs. The API does not document whether its
 * `KeyPairName` filter matches exactly, so results are filtered here and all pages are read (key-pair-pages.ts).
 */
import type { EnsKeyPairSummary } from "../ens/ens-client";
import type { AttemptOutcome } from "../ens/ens-log";
import { KeyPairContext, KeyPairTarget, labelOf } from "./key-pair-context";
import { readKeyPairPages } from "./key-pair-pages";

/**
 * The key pair named exactly `target.keyPairName`, or with `target.keyPairId` whatever its name (the caller compares
 * the name), or `undefined` when none exists.
 *
 * @param outcomeOf the outcome word logged for the attempt that found the key pair
 * @throws ActionFailedError when DescribeKeyPairs gives up; Error when the pages never end (never "not found")
 */
export function findKeyPair(
  context: KeyPairContext,
  target: KeyPairTarget,
  deadlineMs: number,
  outcomeOf: (match: EnsKeyPairSummary) => AttemptOutcome = () => "found",
): Promise<EnsKeyPairSummary | undefined> {
  const { keyPairId } = target;
  const filter = keyPairId === undefined ? { keyPairName: target.keyPairName } : { keyPairId };
  const matches = (k: EnsKeyPairSummary): boolean =>
    keyPairId === undefined ? k.keyPairName === target.keyPairName : k.keyPairId === keyPairId;
  return readKeyPairPages(context, { keyPairName: labelOf(target), filter }, deadlineMs, (page, lastPage) => {
    const match = page.keyPairs.find(matches);
    // A page without the key pair is "not-found" only when no page follows it.
    return { outcome: match ? outcomeOf(match) : lastPage ? "not-found" : "next-page", answer: match };
  });
}
