/**
 * Paging through DescribeKeyPairs: the one loop that both the lookup by name or ID and the account listing use. No
 * maximum `PageSize` is documented (only ">0, default 10"), so a server may send fewer key pairs per page than asked:
 * a short page proves nothing. Paging follows `TotalCount` instead, and also stops at an empty page (the list shrank
 * while it was read, or the answer had no TotalCount). Each page runs under the retry policy with its own attempt
 * line.
 */
import { EnsAction } from "../ens/ens-actions";
import type { KeyPairPage, KeyPairQuery } from "../ens/ens-client";
import type { AttemptOutcome } from "../ens/ens-log";
import { runLoggedAction } from "../ens/logged-action";
import type { KeyPairContext } from "./key-pair-context";

/** Key pairs asked for per DescribeKeyPairs page. */
const PAGE_SIZE = 50;

/**
 * At most this many pages, for a lookup and a listing alike: the API does not document whether its `KeyPairName`
 * filter matches exactly, so a lookup may have to read as much as a listing of the whole account. 10,000 pages hold
 * 100,000 key pairs even at 10 a page, far beyond any real account; the bound only stops an API that never stops
 * paging (the deadline bounds the time).
 */
const MAX_PAGES = 10_000;

/**
 * True when no later page can hold more key pairs: `page` was empty, or the pages read so far, `page` included, held
 * TotalCount key pairs.
 *
 * @param readSoFar how many key pairs the pages read so far held, `page` included
 */
export function isLastPage(page: KeyPairPage, readSoFar: number): boolean {
  return page.keyPairs.length === 0 || (page.totalCount !== undefined && readSoFar >= page.totalCount);
}

/** What the reader of the pages makes of one page. */
interface PageVerdict<T> {
  /** The outcome word of the page's attempt line. */
  readonly outcome: AttemptOutcome;
  /** Stop paging with this answer. @default - read on (until the last page) */
  readonly answer?: T;
}

/**
 * Reads the pages of `filter` in order, handing each to `readPage`, until it answers or the last page is read.
 *
 * @param keyPairName the key pair the attempt lines name ("" for a listing)
 * @returns `readPage`'s answer, or `undefined` after the last page
 * @throws ActionFailedError when a page's DescribeKeyPairs gives up; Error when the pages still had not ended after
 *   MAX_PAGES (never taken as "not found")
 */
export async function readKeyPairPages<T>(
  context: KeyPairContext,
  query: { readonly keyPairName: string; readonly filter: Omit<KeyPairQuery, "pageNumber" | "pageSize"> },
  deadlineMs: number,
  readPage: (page: KeyPairPage, lastPage: boolean) => PageVerdict<T>,
): Promise<T | undefined> {
  const { client, log, clock, random } = context;
  let readSoFar = 0;
  let totalCount: number | undefined;
  for (let pageNumber = 1; pageNumber <= MAX_PAGES; pageNumber++) {
    const verdict = await runLoggedAction(
      {
        action: EnsAction.DESCRIBE_KEY_PAIRS,
        keyPairName: query.keyPairName,
        log,
        deadlineMs,
        clock,
        random,
      },
      async ({ timeLeftMs }) => {
        const page = await client.describeKeyPairs(
          { ...query.filter, pageNumber, pageSize: PAGE_SIZE },
          timeLeftMs,
        );
        const lastPage = isLastPage(page, readSoFar + page.keyPairs.length);
        const { outcome, answer } = readPage(page, lastPage);
        return {
          value: { answer, lastPage, read: page.keyPairs.length, totalCount: page.totalCount },
          outcome,
          requestId: page.requestId,
        };
      },
    );
    readSoFar += verdict.read;
    totalCount = verdict.totalCount;
    if (verdict.answer !== undefined) return verdict.answer;
    if (verdict.lastPage) return undefined;
  }
  const which = query.keyPairName ? ` for key pair ${JSON.stringify(query.keyPairName)}` : "";
  throw new Error(
    `DescribeKeyPairs${which} still had more pages after ${MAX_PAGES} (${readSoFar} key pairs read of TotalCount ` +
      `${totalCount ?? "unknown"}), so paging stopped without an answer; nothing was decided from it. Check for an ` +
      "ENS endpoint that ignores PageNumber.",
  );
}
