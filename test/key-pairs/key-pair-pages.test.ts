/**
 * When paging through DescribeKeyPairs stops: at TotalCount or an empty page, never at a short page (a server may
 * cap PageSize below what was asked).
 */
import type { EnsKeyPairSummary, KeyPairPage } from "../../lib/ens/ens-client";
import { isLastPage } from "../../lib/key-pairs/key-pair-pages";

function page(items: number, totalCount?: number): KeyPairPage {
  const keyPair: EnsKeyPairSummary = {
    keyPairName: "k",
    keyPairId: "ssh-1",
    fingerprint: "",
    creationTime: "",
  };
  return { keyPairs: Array(items).fill(keyPair), totalCount };
}

test.each<[string, KeyPairPage, number, boolean]>([
  ["a short page below TotalCount (a server capping PageSize)", page(10, 25), 10, false],
  ["the page that reaches TotalCount", page(5, 25), 25, true],
  ["a page past TotalCount (the list grew meanwhile)", page(10, 25), 30, true],
  ["an empty page, whatever TotalCount says", page(0, 25), 20, true],
  ["a full page without TotalCount", page(50), 50, false],
  ["an empty page without TotalCount", page(0), 50, true],
  ["TotalCount 0 on an empty first page", page(0, 0), 0, true],
])("%s: last page %s", (_label, answer, readSoFar, expected) => {
  expect(isLastPage(answer, readSoFar)).toBe(expected);
});
