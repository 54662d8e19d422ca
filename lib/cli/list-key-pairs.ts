/**
 * Every key pair in the account: DescribeKeyPairs without filters, asking 50 per page (the server may send fewer),
 * until the pages cover its TotalCount or one is empty (key-pair-paging.ts). Each page runs under the retry policy
 * with its own attempt line.
 */
import { EnsAction } from "../ens/ens-actions";
import type { EnsKeyPairSummary } from "../ens/ens-client";
import { isLastPage } from "../ens/key-pair-paging";
import { runLoggedAction } from "../ens/logged-action";
import type { HandlerContext } from "../handler/handler-context";

/** Key pairs per DescribeKeyPairs page. */
export const LIST_PAGE_SIZE = 50;

/** 10,000 pages (100,000 key pairs even at 10 a page): far beyond any real account, and a bound on a misbehaving API. */
const MAX_PAGES = 10_000;

/**
 * Lists every key pair, oldest page first. A key pair that moves between pages while they are read (another
 * one was created or deleted meanwhile) is listed once.
 *
 * @throws ActionFailedError when a page's DescribeKeyPairs gives up; Error when the API never stops paging
 */
export async function listKeyPairs(
  context: HandlerContext,
  deadlineMs: number,
): Promise<EnsKeyPairSummary[]> {
  const { client, log, clock, random } = context;
  const byId = new Map<string, EnsKeyPairSummary>();
  let readSoFar = 0;
  let totalCount: number | undefined;
  for (let pageNumber = 1; pageNumber <= MAX_PAGES; pageNumber++) {
    const page = await runLoggedAction(
      // No name filter: the attempt lines show key_pair_name="".
      { action: EnsAction.DESCRIBE_KEY_PAIRS, keyPairName: "", log, deadlineMs, clock, random },
      async ({ timeLeftMs }) => {
        const answer = await client.describeKeyPairs({ pageNumber, pageSize: LIST_PAGE_SIZE }, timeLeftMs);
        return {
          value: answer,
          outcome: answer.keyPairs.length > 0 ? "found" : "not-found",
          requestId: answer.requestId,
        };
      },
    );
    for (const keyPair of page.keyPairs) byId.set(keyPair.keyPairId || keyPair.keyPairName, keyPair);
    readSoFar += page.keyPairs.length;
    totalCount = page.totalCount;
    if (isLastPage(page, readSoFar)) return [...byId.values()];
  }
  throw new Error(
    `DescribeKeyPairs still had more pages after ${MAX_PAGES} (${readSoFar} key pairs read of TotalCount ` +
      `${totalCount ?? "unknown"}); stopped listing.`,
  );
}
