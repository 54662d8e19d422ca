/**
 * When to stop paging through DescribeKeyPairs. No maximum `PageSize` is documented (only ">0, default 10",
 * reference §7–8), so a server may send fewer key pairs per page than asked: a short page proves nothing. Paging
 * follows `TotalCount` instead, and also stops at an empty page (the list shrank while it was read, or the answer had
 * no TotalCount). Each caller bounds its number of pages, against a server that never stops.
 */
import type { KeyPairPage } from "./ens-client";

/**
 * True when no later page can hold more key pairs: `page` was empty, or the pages read so far, `page` included, held
 * TotalCount key pairs.
 *
 * @param readSoFar how many key pairs the pages read so far held, `page` included
 */
export function isLastPage(page: KeyPairPage, readSoFar: number): boolean {
  return page.keyPairs.length === 0 || (page.totalCount !== undefined && readSoFar >= page.totalCount);
}
