/**
 * Every key pair in the account: DescribeKeyPairs without filters, page by page (key-pair-pages.ts).
 */
import type { EnsKeyPairSummary } from "../ens/ens-client";
import type { KeyPairContext } from "./key-pair-context";
import { readKeyPairPages } from "./key-pair-pages";

/**
 * Lists every key pair, oldest page first. A key pair that moves between pages while they are read (another
 * one was created or deleted meanwhile) is listed once.
 *
 * @throws ActionFailedError when a page's DescribeKeyPairs gives up; Error when the API never stops paging
 */
export async function listKeyPairs(
  context: KeyPairContext,
  deadlineMs: number,
): Promise<EnsKeyPairSummary[]> {
  const byId = new Map<string, EnsKeyPairSummary>();
  // No name filter: the attempt lines show key_pair_name="".
  await readKeyPairPages<never>(context, { keyPairName: "", filter: {} }, deadlineMs, (page) => {
    for (const keyPair of page.keyPairs) byId.set(keyPair.keyPairId || keyPair.keyPairName, keyPair);
    return { outcome: page.keyPairs.length > 0 ? "found" : "not-found" };
  });
  return [...byId.values()];
}
